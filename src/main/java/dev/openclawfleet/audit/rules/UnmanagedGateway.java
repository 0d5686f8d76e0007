package dev.openclawfleet.audit.rules;

import dev.openclawfleet.audit.Findings;
import dev.openclawfleet.audit.GatewayCommands;
import dev.openclawfleet.audit.LiveRule;
import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.Listener;
import dev.openclawfleet.model.LiveHost;
import dev.openclawfleet.model.LiveJob;
import dev.openclawfleet.model.ProcessInfo;
import dev.openclawfleet.model.RuleInfo;
import dev.openclawfleet.model.RuleScope;
import dev.openclawfleet.model.Severity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * An OpenClaw gateway that serves a fleet instance's port (or was started for it with
 * {@code --port P}) but is not a launchd job nor a child of one: it was started from a shell and
 * dies with it, and KeepAlive cannot bring it back (seed 004, failure mode 3).
 */
public final class UnmanagedGateway implements LiveRule {
    public static final RuleInfo INFO = new RuleInfo("unmanaged-gateway", Severity.ERROR, RuleScope.LIVE,
            "an OpenClaw gateway outside launchd serves a fleet instance's port",
            "stop it (kill PID) and let launchd run the instance: launchctl kickstart gui/$(id -u)/LABEL");

    /**
     * A process running exactly the ProgramArguments of a job that launchd showed without a pid (or
     * could not show): launchd spawned it between our print and our ps, as it does in a crash loop.
     */
    static boolean respawnOfAJob(ProcessInfo p, LiveHost host) {
        String command = p.command().strip();
        return host.jobs().stream().filter(j -> !j.known() || j.pid() == null)
                .map(j -> String.join(" ", j.instance().job().programArguments().orElse(List.of())))
                .anyMatch(args -> !args.isEmpty() && args.equals(command));
    }

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(LiveHost host) {
        List<Finding> out = new ArrayList<>();
        if (!host.processesKnown()) {
            return out;
        }
        for (ProcessInfo p : host.processes()) {
            if (!LiveChecks.isGateway(p, host) || host.owner(p.pid()).isPresent() || respawnOfAJob(p, host)) {
                continue;
            }
            for (LiveJob j : host.knownJobs()) {
                Integer port = j.instance().port();
                if (port == null) {
                    continue;
                }
                boolean listens = host.listenersOn(port).stream().map(Listener::pid).anyMatch(pid -> pid == p.pid());
                boolean startedFor = port.toString().equals(GatewayCommands.portAfterGateway(Arrays.asList(p.command().split("\\s+"))));
                if (!listens && !startedFor) {
                    continue;
                }
                out.add(Findings.about(INFO, j.instance(), "pid " + p.pid() + " " + PortTaken.command(null, Optional.of(p))
                        + (listens ? " serves " : " was started for ") + j.instance().name() + "'s port " + port
                        + " outside launchd: it lives only as long as the shell or session that started it, and KeepAlive cannot restart it")
                        .withFix("kill " + p.pid() + " && " + (j.loaded() ? "launchctl kickstart " + NotLoaded.target(host, j)
                                : NotLoaded.bootstrap(host, j))));
            }
        }
        return out;
    }
}
