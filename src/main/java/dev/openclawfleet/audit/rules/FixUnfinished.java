package dev.openclawfleet.audit.rules;

import dev.openclawfleet.audit.StateRule;
import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.FleetLayout;
import dev.openclawfleet.model.HostState;
import dev.openclawfleet.model.RootState;
import dev.openclawfleet.model.RuleInfo;
import dev.openclawfleet.model.RuleScope;
import dev.openclawfleet.model.Severity;

import java.util.List;

/**
 * A `fleet fix` is running or was interrupted: its journal is still in the container root. Files
 * can already be right while a gateway still runs with what they said before (a new token or port
 * takes effect only when the gateway restarts), which no other rule can see.
 */
public final class FixUnfinished implements StateRule {
    public static final RuleInfo INFO = new RuleInfo("fix-unfinished", Severity.ERROR, RuleScope.STATE,
            "a `fleet fix` is running or did not finish: instances it changed may still run with their old settings",
            "run `fleet fix` again: it finishes the interrupted run first");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(HostState host) {
        RootState root = host.root();
        if (root == null || !root.fixUnfinished()) {
            return List.of();
        }
        String journal = root.root().resolve(FleetLayout.FLEET_DIR).resolve(FleetLayout.FIX_JOURNAL).toString();
        return List.of(new Finding(INFO.id(), INFO.severity(), List.of(), journal,
                "a `fleet fix` is running or was interrupted (" + journal + " is still there): the files it changed may be right "
                        + "while the gateways it had still to restart run with their old token, port or environment",
                "run `fleet fix` (it finishes the interrupted run first; it refuses while another fix is still running)"));
    }
}
