package dev.openclawfleet.audit.rules;

import dev.openclawfleet.audit.PlistKeys;
import dev.openclawfleet.audit.Findings;
import dev.openclawfleet.audit.LiveRule;
import dev.openclawfleet.audit.LiveStates;
import dev.openclawfleet.model.JobStatus;
import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.Listener;
import dev.openclawfleet.model.LiveHost;
import dev.openclawfleet.model.LiveJob;
import dev.openclawfleet.model.ProcessInfo;
import dev.openclawfleet.model.Redaction;
import dev.openclawfleet.model.RuleInfo;
import dev.openclawfleet.model.RuleScope;
import dev.openclawfleet.model.Severity;
import dev.openclawfleet.model.Text;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Something else listens on an instance's gateway port: a process that is neither the job's own
 * process nor one of its children. OpenClaw gateways outside launchd are left to unmanaged-gateway.
 */
public final class PortTaken implements LiveRule {
    public static final RuleInfo INFO = new RuleInfo("port-taken", Severity.ERROR, RuleScope.LIVE,
            "another process listens on the instance's gateway port",
            "stop the other process, or move this instance to a free port");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(LiveHost host) {
        List<Finding> out = new ArrayList<>();
        if (!host.portsKnown()) {
            return out;
        }
        for (LiveJob j : host.knownJobs()) {
            Integer port = j.instance().port();
            if (port == null) {
                continue;
            }
            Set<Long> reported = new LinkedHashSet<>();
            List<Listener> listeners = host.listenersOn(port);
            for (Listener l : listeners) {
                Optional<LiveJob> owner = host.owner(l.pid());
                if ((owner.isPresent() && owner.get() == j) || !reported.add(l.pid()) || childOfAnother(l, listeners, host)) {
                    continue;
                }
                if (owner.isEmpty() && !host.processesKnown() && j.pid() != null) {
                    continue; // without ps, a child of the job cannot be told from a stranger
                }
                Optional<ProcessInfo> process = host.process(l.pid());
                if (owner.isEmpty() && process.isPresent() && LiveChecks.isGateway(process.get(), host)) {
                    continue; // an OpenClaw gateway outside launchd: unmanaged-gateway says more
                }
                String who = owner.isPresent() ? owner.get().instance().name() + "'s gateway (pid " + l.pid() + ")"
                        : "pid " + l.pid() + " (" + command(l, process) + ")";
                if (LiveStates.status(j, host) == JobStatus.STOPPED) {
                    // Stopped on purpose: nothing is broken now, but `fleet start` will fail while the port is taken.
                    out.add(Findings.about(INFO, j.instance(), "port " + port + " of " + j.instance().name() + " (stopped) is taken by "
                            + who + ": `fleet start " + j.instance().name() + "` will fail while it is").withSeverity(Severity.WARNING));
                    continue;
                }
                Finding taken = Findings.about(INFO, j.instance(), "port " + port + " of " + j.instance().name() + " is taken by " + who
                        + (j.pid() == null ? ", which keeps this gateway from starting" : "")).at(PlistKeys.port(j.instance()))
                        .withEvidence("pid", Long.toString(l.pid()));
                out.add(owner.isPresent() ? taken.withEvidence("heldBy", owner.get().instance().name()) : taken);
            }
        }
        return out;
    }

    /**
     * A child that shares its parent's listening socket: lsof lists every process holding the socket,
     * and a process that forks (any program starting another, e.g. `ps`) hands it to the child until
     * the child closes it or execs. The parent, which also holds it, is the one that took the port.
     */
    private static boolean childOfAnother(Listener l, List<Listener> onThePort, LiveHost host) {
        return onThePort.stream().anyMatch(other -> other.pid() != l.pid() && host.tree().isDescendant(l.pid(), other.pid()));
    }

    static String command(Listener l, Optional<ProcessInfo> process) {
        String c = process.map(ProcessInfo::command).filter(s -> !s.isBlank()).orElseGet(() -> l == null ? "?" : l.command());
        return "`" + Text.printable(Redaction.redact(c, List.of()), 160) + "`";
    }
}
