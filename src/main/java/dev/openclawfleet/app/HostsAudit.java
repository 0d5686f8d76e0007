package dev.openclawfleet.app;

import dev.openclawfleet.audit.Checker;
import dev.openclawfleet.audit.rules.DuplicateToken;
import dev.openclawfleet.audit.rules.HostUnreachable;
import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.HostIdentity;
import dev.openclawfleet.model.HostReport;
import dev.openclawfleet.model.HostState;
import dev.openclawfleet.model.HostsReport;
import dev.openclawfleet.model.Report;
import dev.openclawfleet.remote.HostUnreachableException;
import dev.openclawfleet.remote.SshOptions;
import dev.openclawfleet.remote.SshReader;
import dev.openclawfleet.remote.SshTarget;
import dev.openclawfleet.system.ProcessRunner;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * `fleet audit --host/--hosts`: each Mac read over one SSH connection by the collector and judged
 * here by the same code as a local audit, at most {@link #MAX_PARALLEL} hosts at a time; then the
 * rules across Macs (the same token on two of them). A host that cannot be read becomes one
 * host-unreachable finding; the others are still reported.
 */
public final class HostsAudit {
    /** At most this many SSH connections at once. */
    public static final int MAX_PARALLEL = 16;

    private HostsAudit() {
    }

    /**
     * What to audit: the Macs, how to reach them, the root and agents dir to use where a host does
     * not name its own (as typed: {@code ~} is that Mac's home; null: the defaults), ignored rules and
     * the live options.
     */
    public record Request(List<SshTarget> targets, SshOptions ssh, String root, String agentsDir, Set<String> ignored,
                          Audit.LiveOptions live) {
        public Request {
            targets = List.copyOf(targets);
            ignored = Set.copyOf(ignored);
        }
    }

    /** One host's outcome with when it finished and how long it took. */
    public record Timed(HostReport report, Duration took, Instant finishedAt, boolean live) {
    }

    public static HostsReport run(Request r) {
        return new HostsReport(runTimed(r).stream().map(Timed::report).toList());
    }

    /** Every host audited, in the order given, with the cross-host findings added. */
    public static List<Timed> runTimed(Request r) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(MAX_PARALLEL, r.targets().size())), t -> {
            Thread thread = new Thread(t, "host-audit");
            thread.setDaemon(true);
            return thread;
        });
        List<Future<Outcome>> futures = new ArrayList<>();
        try {
            for (SshTarget target : r.targets()) {
                futures.add(pool.submit(() -> one(target, r)));
            }
            List<Outcome> outcomes = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                outcomes.add(outcome(futures.get(i), r.targets().get(i)));
            }
            return withCrossHostFindings(outcomes, r.ignored());
        } finally {
            pool.shutdownNow();
        }
    }

    /** One host's audit and the state it was judged on (for the cross-host rules; never shown). */
    private record Outcome(Timed timed, HostState state) {
    }

    private static Outcome outcome(Future<Outcome> future, SshTarget target) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            String why = e.getCause().getMessage() == null ? "the audit of it failed" : e.getCause().getMessage();
            return new Outcome(unreachable(target.name(), why, Duration.ZERO), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(unreachable(target.name(), "interrupted", Duration.ZERO), null);
        }
    }

    private static Outcome one(SshTarget target, Request r) {
        long start = System.nanoTime();
        try (SshReader reader = SshReader.open(new ProcessRunner(r.live().env()), target, r.ssh(), !r.live().offline())) {
            HostIdentity id = reader.identity();
            Path agents = where(target.agentsDir() != null ? target.agentsDir() : r.agentsDir(), "~/Library/LaunchAgents", id, "agents-dir");
            Path root = where(target.root() != null ? target.root() : r.root(), "~/.openclaw", id, "root");
            Audit.Audited audited = Audit.audit(reader, agents, root, r.ignored(), r.live());
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            return new Outcome(new Timed(new HostReport(target.name(), true, audited.report(), null), took, Instant.now(),
                    !r.live().offline()), audited.fleet().host());
        } catch (HostUnreachableException e) {
            return new Outcome(unreachable(target.name(), e.getMessage(), Duration.ofNanos(System.nanoTime() - start)), null);
        }
    }

    private static Timed unreachable(String host, String reason, Duration took) {
        Report report = new Report(List.of(), List.of(HostUnreachable.of(host, reason)), List.of(), List.of());
        return new Timed(new HostReport(host, false, report, reason), took, Instant.now(), false);
    }

    /**
     * A path on that Mac as typed: {@code ~} and {@code ~/...} in its home, a relative one under its
     * home (where an SSH session starts), an absolute one as it is.
     */
    static Path where(String typed, String fallback, HostIdentity id, String what) {
        String t = typed == null ? fallback : typed;
        if (t.startsWith("/")) {
            return Path.of(t).normalize();
        }
        if (id.home() == null) {
            throw new HostUnreachableException("its HOME is not an absolute path, so its " + what + " " + t + " cannot be found");
        }
        if (t.equals("~")) {
            return id.home();
        }
        return id.home().resolve(t.startsWith("~/") ? t.substring(2) : t).normalize();
    }

    /** Each reached host's report with its part of the findings across hosts, not ignored, in the report's order. */
    private static List<Timed> withCrossHostFindings(List<Outcome> outcomes, Set<String> ignored) {
        Map<String, HostState> states = new LinkedHashMap<>();
        for (Outcome o : outcomes) {
            if (o.state() != null) {
                states.put(o.timed().report().host(), o.state());
            }
        }
        Map<String, List<Finding>> across = DuplicateToken.acrossHosts(states);
        List<Timed> out = new ArrayList<>();
        for (Outcome o : outcomes) {
            Timed t = o.timed();
            HostReport h = t.report();
            List<Finding> more = across.getOrDefault(h.host(), List.of()).stream().filter(f -> !ignored.contains(f.rule())).toList();
            List<Finding> findings = h.report().findings().stream().filter(f -> !ignored.contains(f.rule())).toList();
            if (!more.isEmpty() || findings.size() != h.report().findings().size()) {
                List<Finding> all = new ArrayList<>(findings);
                all.addAll(more);
                all.sort(Checker.ORDER);
                Report r = new Report(h.report().instances(), all, h.report().notes(), h.report().problems(), h.report().live());
                h = new HostReport(h.host(), h.reached(), r, h.reason());
            }
            out.add(new Timed(h, t.took(), t.finishedAt(), t.live()));
        }
        return out;
    }
}
