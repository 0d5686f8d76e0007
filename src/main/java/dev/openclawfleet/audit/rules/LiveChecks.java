package dev.openclawfleet.audit.rules;

import dev.openclawfleet.model.LastExit;
import dev.openclawfleet.model.LiveHost;
import dev.openclawfleet.model.LiveJob;
import dev.openclawfleet.model.ProcessInfo;
import dev.openclawfleet.model.ServiceRecord;

import java.util.Locale;

/** Judgements several live rules share: is a job crash-looping, is a process an OpenClaw gateway. */
final class LiveChecks {
    private LiveChecks() {
    }

    /**
     * A job keeps dying and being respawned: launchd says the last spawn failed, or it has been
     * spawned at least the threshold number of times and has no process, or only a young one.
     * KeepAlive restarts clean exits too, so an exit-0 loop counts (print's `runs` climbs either way).
     */
    static boolean crashLooping(LiveJob job, LiveHost host) {
        ServiceRecord s = job.service();
        if (s == null) {
            return false;
        }
        if ("spawn failed".equals(s.jobState())) {
            return true;
        }
        if (job.runs() < host.thresholds().runs()) {
            return false;
        }
        if (s.pid() == null) {
            // Without KeepAlive nothing respawns it: a job that ran and stopped is not-running, not a loop.
            return keepsAlive(job);
        }
        if (job.uptimeSeconds() == null) {
            // print named a pid that ps, run a moment later, no longer saw: it died young.
            return host.processesKnown();
        }
        return job.uptimeSeconds() < host.thresholds().throttles() * job.throttleSeconds();
    }

    /** "exit code 1", "exit code 78 (EX_CONFIG)", "signal Terminated: 15", or null. */
    static String lastExit(ServiceRecord s) {
        if (s.lastExit() instanceof LastExit.Code code) {
            return "exit code " + code.code() + (code.name() == null ? "" : " (" + code.name() + ")");
        }
        if (s.lastSignal() != null) {
            return "signal " + s.lastSignal();
        }
        return null;
    }

    static boolean keepsAlive(LiveJob job) {
        Object keepAlive = job.instance().job().raw("KeepAlive");
        return Boolean.TRUE.equals(keepAlive) || keepAlive instanceof java.util.Map<?, ?>
                || job.service().properties().contains("keepalive");
    }

    /**
     * An OpenClaw (or pre-rename) gateway process, judged by its command line: a known name, or
     * the entry script of one of the fleet's own instances, followed by the gateway subcommand.
     */
    static boolean isGateway(ProcessInfo p, LiveHost host) {
        String c = p.command().toLowerCase(Locale.ROOT);
        if (!(c.contains(" gateway") || c.contains("openclaw-gateway"))) {
            return false;
        }
        if (c.contains("openclaw") || c.contains("clawdbot") || c.contains("moltbot")) {
            return true;
        }
        return host.jobs().stream().map(j -> j.instance().command().entry()).filter(java.util.Objects::nonNull)
                .anyMatch(entry -> p.command().contains(entry));
    }
}
