package dev.openclawfleet.audit.rules;

import dev.openclawfleet.audit.Findings;
import dev.openclawfleet.audit.LiveRule;
import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.LiveHost;
import dev.openclawfleet.model.LiveJob;
import dev.openclawfleet.model.LockFile;
import dev.openclawfleet.model.ProcessInfo;
import dev.openclawfleet.model.RuleInfo;
import dev.openclawfleet.model.RuleScope;
import dev.openclawfleet.model.Severity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A gateway lock whose pid is dead (a warning: OpenClaw takes such a lock over, but a crash left it)
 * or was reused by a process started after the lock was taken (an error: the gateway believes
 * another instance is running and leaves it in control, forever). A lock whose pid is alive and
 * older than the lock is held: never stale, whatever that process looks like, so no fix here ever
 * deletes a lock a live process holds (a gateway outside launchd holding it is unmanaged-gateway).
 */
public final class StaleLock implements LiveRule {
    public static final RuleInfo INFO = new RuleInfo("stale-lock", Severity.ERROR, RuleScope.LIVE,
            "a gateway lock whose pid is dead or was reused by a process started after the lock",
            "stop the instance, delete the lock file, start it again");
    /** Seconds of slack between a lock's creation and its owner's start, which ps reports to the second. */
    static final long CLOCK_SLACK = 5;

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
        Instant now = host.processesAt(); // ages are read off the ps snapshot, not off the clock after all rules ran
        for (LockFile lock : host.locks()) {
            if (lock.pid() == null) {
                continue;
            }
            Optional<LiveJob> instance = host.jobs().stream().filter(j -> LockCollision.belongsTo(lock, j.instance(), host)).findFirst();
            if (instance.isEmpty()) {
                continue;
            }
            Instant locked = lock.startTimeMillis() != null ? Instant.ofEpochMilli(lock.startTimeMillis()) : lock.createdAt();
            if (locked != null && locked.isAfter(now)) {
                continue; // taken after ps ran: its owner may simply be too new for the snapshot
            }
            Optional<ProcessInfo> process = host.process(lock.pid());
            String name = instance.get().instance().name();
            String fix = "stop " + name + " (`fleet stop " + name + "`), delete " + lock.path() + ", then `fleet start " + name + "`";
            if (process.isEmpty()) {
                out.add(Findings.about(INFO, instance.get().instance(), "lock " + lock.path() + " names pid " + lock.pid()
                        + ", which is gone: a gateway died without cleaning up").withSeverity(Severity.WARNING).withFix(fix)
                        .withEvidence("lock", lock.path().toString()).withEvidence("pid", Long.toString(lock.pid())));
                continue;
            }
            Instant started = now.minusSeconds(process.get().elapsedSeconds());
            if (locked != null && started.isAfter(locked.plusSeconds(CLOCK_SLACK))) {
                out.add(Findings.about(INFO, instance.get().instance(), "lock " + lock.path() + " names pid " + lock.pid()
                        + ", now " + PortTaken.command(null, process) + ", started after the lock was taken"
                        + ": the gateway believes another instance is running and leaves it in control").withFix(fix)
                        .withEvidence("lock", lock.path().toString()).withEvidence("pid", Long.toString(lock.pid())));
            }
        }
        return out;
    }
}
