package dev.openclawfleet.audit.rules;

import dev.openclawfleet.audit.StateRule;
import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.HostState;
import dev.openclawfleet.model.Instance;
import dev.openclawfleet.model.InstanceState;
import dev.openclawfleet.model.RootState;
import dev.openclawfleet.model.RuleInfo;
import dev.openclawfleet.model.RuleScope;
import dev.openclawfleet.model.Severity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The container root holds live gateway state itself, or is the state dir a gateway resolves to
 * (OpenClaw's default gateway uses {@code ~/.openclaw} when its job sets no OPENCLAW_STATE_DIR),
 * while also holding .openclaw-* instances: "mixed directory semantics" (seed 004, failure mode 4).
 */
public final class MixedRootState implements StateRule {
    public static final RuleInfo INFO = new RuleInfo("mixed-root-state", Severity.ERROR, RuleScope.STATE,
            "the container root holds live state (openclaw.json, sessions/, a gateway lock...) or is a gateway's state dir, next to .openclaw-* instances",
            "`fleet fix` migrates the root's state into ROOT/.openclaw-main (`--as NAME` for another name): it stops the gateway"
                    + " that uses the root, copies and checks its files, writes a fleet plist and starts it");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(HostState host) {
        RootState root = host.root();
        if (root == null || !root.exists() || root.instanceDirs().isEmpty()) {
            return List.of();
        }
        String rootKey = FleetMembers.stateDirKey(root.root().toAbsolutePath());
        List<Instance> onRoot = host.instances().stream().map(InstanceState::instance)
                .filter(i -> i.stateDir() != null && rootKey.equals(FleetMembers.stateDirKey(i.stateDir())))
                .sorted(Comparator.comparing(Instance::plistPath)).toList();
        if (root.liveStateEntries().isEmpty() && onRoot.isEmpty()) {
            return List.of();
        }
        List<String> what = new ArrayList<>();
        if (!onRoot.isEmpty()) {
            what.add("is the state dir of " + onRoot.stream().map(i -> i.name() + " (" + i.plistPath() + ")").collect(Collectors.joining(", ")));
        }
        if (!root.liveStateEntries().isEmpty()) {
            what.add("holds live state (" + String.join(", ", root.liveStateEntries()) + ")");
        }
        return List.of(new Finding(INFO.id(), INFO.severity(), onRoot.stream().map(Instance::name).distinct().toList(),
                root.root().toString(), "container root " + root.root() + " " + String.join(" and ", what) + ", and also holds "
                + root.instanceDirs().size() + " .openclaw-* instance dir(s): the root must be a container only",
                "`fleet fix` moves it into " + root.root().resolve(".openclaw-main") + " (`fleet fix --as NAME` for another name):"
                        + " it stops the gateway that uses the root, copies and checks every file, writes a fleet plist and starts it"));
    }
}
