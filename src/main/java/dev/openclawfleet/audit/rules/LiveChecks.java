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
            return true;
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

    /** An OpenClaw (or pre-rename) gateway process, judged by its command line. */
    static boolean isGateway(ProcessInfo p) {
        String c = p.command().toLowerCase(Locale.ROOT);
        boolean openclaw = c.contains("openclaw") || c.contains("clawdbot") || c.contains("moltbot");
        return openclaw && (c.contains(" gateway") || c.contains("openclaw-gateway"));
    }
}
