package dev.openclawfleet.audit.rules;

import dev.openclawfleet.audit.GatewayCommands;
import dev.openclawfleet.model.JobKind;
import dev.openclawfleet.model.LastExit;
import dev.openclawfleet.model.LiveHost;
import dev.openclawfleet.model.LiveJob;
import dev.openclawfleet.model.ProcessInfo;
import dev.openclawfleet.model.ServiceRecord;

/** Judgements several live rules share: how a job last exited, is a process an OpenClaw gateway, how to restart a job. */
final class LiveChecks {
    private LiveChecks() {
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

    /**
     * An OpenClaw (or pre-rename) gateway process, judged by its command line in any form
     * ({@link GatewayCommands#isGatewayCommandLine}), or running the entry script of one of the
     * audited jobs followed by {@code gateway}.
     */
    static boolean isGateway(ProcessInfo p, LiveHost host) {
        if (GatewayCommands.isGatewayCommandLine(p.command())) {
            return true;
        }
        if (!p.command().contains(" gateway")) {
            return false;
        }
        return host.jobs().stream().map(j -> j.instance().command().entry()).filter(java.util.Objects::nonNull)
                .anyMatch(entry -> p.command().contains(entry));
    }

    /** How to restart a job once its cause is fixed: `fleet restart NAME`, or launchctl for a legacy job. */
    static String restart(LiveHost host, LiveJob j) {
        return j.instance().kind() == JobKind.LEGACY ? "launchctl kickstart -k " + NotLoaded.target(host, j)
                : "fleet restart " + j.instance().name();
    }
}
