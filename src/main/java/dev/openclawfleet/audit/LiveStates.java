package dev.openclawfleet.audit;

import dev.openclawfleet.model.JobStatus;
import dev.openclawfleet.model.Listener;
import dev.openclawfleet.model.LiveHost;
import dev.openclawfleet.model.LiveJob;
import dev.openclawfleet.model.ServiceRecord;
import dev.openclawfleet.model.StartRecord;

import java.util.Map;
import java.util.Optional;

/**
 * The one place that turns a job's live facts into its {@link JobStatus}: launchd's record, the
 * process table, the listeners on its port and fleet's record of its own last start. Pure; every
 * live rule and `fleet list` read the verdict from here.
 */
public final class LiveStates {
    /** A process younger than this that does not serve its port yet is still starting. */
    public static final long STARTING_SECONDS = 15;

    private LiveStates() {
    }

    public static JobStatus status(LiveJob job, LiveHost host) {
        if (!job.known()) {
            return JobStatus.UNKNOWN;
        }
        if (!job.loaded()) {
            return job.disabled() ? JobStatus.STOPPED : JobStatus.NOT_LOADED;
        }
        if (crashLooping(job, host)) {
            return JobStatus.CRASH_LOOPING;
        }
        if (job.pid() == null) {
            return JobStatus.NOT_RUNNING;
        }
        if (job.uptimeSeconds() == null) {
            // print named a pid that ps, run a moment later, did not list: it has just exited (or ps did not run).
            return host.processesKnown() ? JobStatus.STARTING : JobStatus.RUNNING;
        }
        Integer port = job.instance().port();
        boolean silent = host.portsKnown() && port != null && host.listenersOn(port).isEmpty();
        return job.uptimeSeconds() < STARTING_SECONDS && silent ? JobStatus.STARTING : JobStatus.RUNNING;
    }

    /**
     * A job keeps dying and being respawned: launchd says the last spawn failed; or it has been
     * spawned at least the threshold number of times since fleet's own last start of it (since it was
     * loaded when fleet did not start it) and has no process while KeepAlive respawns it, or a process
     * that ps no longer lists, or one younger than {@code throttles} ThrottleIntervals. KeepAlive
     * restarts clean exits too, so an exit-0 loop counts. The process fleet itself started, still
     * alive, is never a loop.
     */
    public static boolean crashLooping(LiveJob job, LiveHost host) {
        ServiceRecord s = job.service();
        if (s == null) {
            return false;
        }
        if ("spawn failed".equals(s.jobState())) {
            return true;
        }
        if (runsSinceStart(job) < host.thresholds().runs()) {
            return false;
        }
        if (s.pid() == null) {
            // Without KeepAlive nothing respawns it: a job that ran and stopped is not-running, not a loop.
            return keepsAlive(job);
        }
        StartRecord start = job.start();
        if (recordApplies(job) && start.pid() != null && start.pid().longValue() == s.pid().longValue()) {
            return false;
        }
        if (job.uptimeSeconds() == null) {
            // print named a pid that ps, run a moment later, no longer saw: it died young.
            return host.processesKnown();
        }
        return job.uptimeSeconds() < host.thresholds().throttles() * job.throttleSeconds();
    }

    /**
     * Spawns that count toward a crash loop. launchd's {@code runs} counts every spawn since the job
     * was loaded, fleet's own included; fleet records {@code runs} right after its own start or
     * restart, so the spawns since then are {@code runs - recorded + 1} (its own spawn counted once,
     * as the first of the episode). Without a record that applies, every spawn since load counts.
     */
    public static long runsSinceStart(LiveJob job) {
        return recordApplies(job) ? job.runs() - job.start().runs() + 1 : job.runs();
    }

    /**
     * Fleet's start record belongs to the job's current load: launchd's count has not fallen below
     * it. (A count below it means the job was booted out and loaded again since, by someone else.)
     */
    public static boolean recordApplies(LiveJob job) {
        StartRecord start = job.start();
        return start != null && job.service() != null && start.runs() >= 1 && start.runs() <= job.runs();
    }

    static boolean keepsAlive(LiveJob job) {
        Object keepAlive = job.instance().job().raw("KeepAlive");
        return Boolean.TRUE.equals(keepAlive) || keepAlive instanceof Map<?, ?>
                || (job.service() != null && job.service().properties().contains("keepalive"));
    }

    /** The listener on the job's port that belongs to the job (its process or a descendant), if any. */
    public static Optional<Listener> ownListener(LiveJob job, LiveHost host) {
        Integer port = job.instance().port();
        if (port == null || job.pid() == null) {
            return Optional.empty();
        }
        return host.listenersOn(port).stream().filter(l -> host.owner(l.pid()).filter(o -> o == job).isPresent()).findFirst();
    }
}
