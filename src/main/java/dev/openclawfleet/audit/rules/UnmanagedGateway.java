package dev.openclawfleet.audit.rules;

import dev.openclawfleet.audit.Findings;
import dev.openclawfleet.audit.GatewayCommands;
import dev.openclawfleet.audit.LiveRule;
import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.Listener;
import dev.openclawfleet.model.LiveHost;
import dev.openclawfleet.model.LiveJob;
import dev.openclawfleet.model.LockFile;
import dev.openclawfleet.model.ProcessInfo;
import dev.openclawfleet.model.RuleInfo;
import dev.openclawfleet.model.RuleScope;
import dev.openclawfleet.model.Severity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An OpenClaw gateway that serves a fleet instance's port, holds its gateway lock, or was started
 * for it with {@code --port P}, but is neither a launchd job's process nor one's descendant: it was
 * started from a shell and dies with it, and KeepAlive cannot bring it back (seed 004, failure mode 3).
 */
public final class UnmanagedGateway implements LiveRule {
    public static final RuleInfo INFO = new RuleInfo("unmanaged-gateway", Severity.ERROR, RuleScope.LIVE,
            "an OpenClaw gateway outside launchd serves a fleet instance's port or holds its lock",
            "stop it (kill PID) and let launchd run the instance: `fleet start NAME`");

    /** A respawn launchd made between our print and our ps is at most this old in the ps snapshot. */
    static final long RESPAWN_SECONDS = 2;

    /**
     * A process running exactly the ProgramArguments of a job launchd has loaded (or could not show),
     * that is not the pid print named: launchd spawned it between our print and our ps, as it does in
     * a crash loop. That holds for a process that neither serves a port nor holds a lock (a respawn
     * that lost the race exits at once), or one younger than {@link #RESPAWN_SECONDS}. A job launchd
     * has not loaded cannot respawn, so a copy of its command line is someone's; so is an older copy
     * that serves the port or holds the lock.
     */
    static boolean respawnOfAJob(ProcessInfo p, LiveHost host, boolean servesOrHolds) {
        if (servesOrHolds && p.elapsedSeconds() > RESPAWN_SECONDS) {
            return false;
        }
        String command = p.command().strip();
        return host.jobs().stream().filter(j -> !j.known() || j.loaded())
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
            if (!LiveChecks.isGateway(p, host) || host.owner(p.pid()).isPresent()) {
                continue;
            }
            Set<LiveJob> reported = new LinkedHashSet<>();
            String portArgument = GatewayCommands.portAfterGateway(Arrays.asList(p.command().split("\\s+"))); // once per process, not per job
            for (LiveJob j : host.knownJobs()) {
                Integer port = j.instance().port();
                boolean listens = port != null && host.listenersOn(port).stream().map(Listener::pid).anyMatch(pid -> pid == p.pid());
                boolean holdsLock = host.locks().stream().anyMatch(l -> l.pid() != null && l.pid() == p.pid()
                        && LockCollision.belongsTo(l, j.instance(), host));
                boolean startedFor = port != null && port.toString().equals(portArgument);
                if (!(listens || holdsLock || startedFor) || respawnOfAJob(p, host, listens || holdsLock) || !reported.add(j)) {
                    continue;
                }
                String what = listens ? "serves " + j.instance().name() + "'s port " + port
                        : holdsLock ? "holds " + j.instance().name() + "'s gateway lock" + lockName(host, p, j)
                        : "was started for " + j.instance().name() + "'s port " + port;
                out.add(Findings.about(INFO, j.instance(), "pid " + p.pid() + " " + PortTaken.command(null, Optional.of(p)) + " " + what
                                + " outside launchd: it lives only as long as the shell or session that started it, and KeepAlive cannot restart it")
                        .withFix("kill " + p.pid() + " && " + takeOver(host, j))
                        .withEvidence("pid", Long.toString(p.pid()))
                        .withEvidence("command", dev.openclawfleet.model.Redaction.redact(p.command().strip(), List.of())));
            }
        }
        return out;
    }

    /** What makes launchd run the instance once the stray gateway is gone. */
    private static String takeOver(LiveHost host, LiveJob j) {
        if (j.instance().kind() == dev.openclawfleet.model.JobKind.LEGACY) {
            return j.loaded() ? "launchctl kickstart -k " + NotLoaded.target(host, j) : NotLoaded.bootstrap(host, j);
        }
        return (j.loaded() ? "fleet restart " : "fleet start ") + j.instance().name();
    }

    private static String lockName(LiveHost host, ProcessInfo p, LiveJob j) {
        return host.locks().stream().filter(l -> l.pid() != null && l.pid() == p.pid() && LockCollision.belongsTo(l, j.instance(), host))
                .map(LockFile::path).findFirst().map(path -> " " + path).orElse("");
    }
}
