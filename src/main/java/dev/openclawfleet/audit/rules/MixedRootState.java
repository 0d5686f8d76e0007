package dev.openclawfleet.audit.rules;

import dev.openclawfleet.audit.StateRule;
import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.HostState;
import dev.openclawfleet.model.RootState;
import dev.openclawfleet.model.RuleInfo;
import dev.openclawfleet.model.RuleScope;
import dev.openclawfleet.model.Severity;

import java.util.List;

/**
 * The container root holds live gateway state itself while also holding .openclaw-* instances:
 * "mixed directory semantics" (seed 004, failure mode 4). A gateway without its own state dir
 * writes there, and identities get confused.
 */
public final class MixedRootState implements StateRule {
    public static final RuleInfo INFO = new RuleInfo("mixed-root-state", Severity.ERROR, RuleScope.STATE,
            "the container root holds live state (openclaw.json, sessions/, a gateway lock...) next to .openclaw-* instances",
            "stop the gateway that uses the root, move its state into ROOT/.openclaw-NAME (e.g. `fleet add-instance NAME`"
                    + " and copy the settings), then delete the root's own state");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(HostState host) {
        RootState root = host.root();
        if (root == null || !root.exists() || root.liveStateEntries().isEmpty() || root.instanceDirs().isEmpty()) {
            return List.of();
        }
        return List.of(new Finding(INFO.id(), INFO.severity(), List.of(), root.root().toString(),
                "container root " + root.root() + " holds live state (" + String.join(", ", root.liveStateEntries())
                        + ") and also " + root.instanceDirs().size() + " .openclaw-* instance dir(s): the root must be a container only",
                INFO.fix()));
    }
}
