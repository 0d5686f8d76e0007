package dev.openclawfleet.audit.rules;

import dev.openclawfleet.audit.Findings;
import dev.openclawfleet.audit.LiveRule;
import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.GatewayLocks;
import dev.openclawfleet.model.Instance;
import dev.openclawfleet.model.LiveHost;
import dev.openclawfleet.model.LiveJob;
import dev.openclawfleet.model.LockFile;
import dev.openclawfleet.model.RuleInfo;
import dev.openclawfleet.model.RuleScope;
import dev.openclawfleet.model.Severity;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Two instances resolve to one gateway lock (one state dir shares gateway.state.lock; one config
 * path shares the pre-mid-2026 lock in $TMPDIR), or an instance's lock is held by another
 * instance's gateway: one of them takes the other for "already running" (seed 004, failure mode 1).
 */
public final class LockCollision implements LiveRule {
    public static final RuleInfo INFO = new RuleInfo("lock-collision", Severity.ERROR, RuleScope.LIVE,
            "two instances share a gateway lock, or one instance's lock is held by another instance's gateway",
            "give each instance its own OPENCLAW_STATE_DIR and OPENCLAW_CONFIG_PATH, then restart both");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(LiveHost host) {
        List<Finding> out = new ArrayList<>();
        Set<Set<String>> pairs = new HashSet<>();
        List<LiveJob> jobs = host.jobs();
        // Live evidence first (a lock held by another instance's gateway), then shared lock paths: one finding per pair.
        for (LockFile lock : host.locks()) {
            if (lock.pid() == null) {
                continue;
            }
            Optional<LiveJob> holder = host.owner(lock.pid());
            for (LiveJob j : jobs) {
                if (holder.isEmpty() || holder.get() == j || !belongsTo(lock, j.instance(), host)
                        || !pairs.add(Set.of(j.instance().plistPath(), holder.get().instance().plistPath()))) {
                    continue;
                }
                out.add(Findings.aboutAll(INFO, List.of(j.instance(), holder.get().instance()), j.instance().name() + "'s gateway lock "
                        + lock.path() + " is held by " + holder.get().instance().name() + "'s gateway (pid " + lock.pid() + "): "
                        + j.instance().name() + " will take it for an instance that is already running"));
            }
        }
        for (int a = 0; a < jobs.size(); a++) {
            for (int b = a + 1; b < jobs.size(); b++) {
                Instance x = jobs.get(a).instance();
                Instance y = jobs.get(b).instance();
                String shared = sharedLock(x, y, host);
                if (shared != null && pairs.add(Set.of(x.plistPath(), y.plistPath()))) {
                    out.add(Findings.aboutAll(INFO, List.of(x, y), x.name() + " and " + y.name() + " resolve to the same gateway lock ("
                            + shared + "): whichever starts second finds it taken and exits, and KeepAlive loops it"));
                }
            }
        }
        return out;
    }

    private static String sharedLock(Instance x, Instance y, LiveHost host) {
        if (x.stateDir() != null && Objects.equals(FleetMembers.stateDirKey(x.stateDir()), FleetMembers.stateDirKey(y.stateDir()))) {
            return GatewayLocks.lockDir(x.stateDir(), host.uid()).resolve(GatewayLocks.STATE_LOCK).toString();
        }
        if (x.configPath() != null && x.configPath().equals(y.configPath())) {
            return GatewayLocks.legacyLock(Path.of(host.tmpDir()), host.uid(), x.configPath())
                    + ", the shared $TMPDIR lock older OpenClaw releases key by config path";
        }
        return null;
    }

    /** A lock in the instance's own lock dir, or its pre-mid-2026 lock in $TMPDIR. */
    static boolean belongsTo(LockFile lock, Instance instance, LiveHost host) {
        if (lock.legacyScheme()) {
            return instance.configPath() != null
                    && lock.path().equals(GatewayLocks.legacyLock(Path.of(host.tmpDir()), host.uid(), instance.configPath()));
        }
        return instance.stateDir() != null && lock.path().getParent() != null
                && lock.path().getParent().equals(GatewayLocks.lockDir(instance.stateDir(), host.uid()));
    }
}
