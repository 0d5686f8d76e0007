package dev.openclawfleet.audit.rules;

import dev.openclawfleet.audit.PlistKeys;
import dev.openclawfleet.audit.FleetRule;
import dev.openclawfleet.audit.Findings;
import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.Instance;
import dev.openclawfleet.model.RuleInfo;
import dev.openclawfleet.model.RuleScope;
import dev.openclawfleet.model.Severity;

import java.util.List;

/**
 * Two gateways on one state dir (after normalising the paths): they share sessions, credentials
 * and the gateway lock, so one sees the other as "already running" (seed 004, failure mode 1).
 */
public final class DuplicateStateDir implements FleetRule {
    public static final RuleInfo INFO = new RuleInfo("duplicate-state-dir", Severity.ERROR, RuleScope.FLEET,
            "two or more gateways use the same OPENCLAW_STATE_DIR",
            "give each instance its own ROOT/.openclaw-NAME state dir");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(List<Instance> instances) {
        return FleetMembers.sharing(FleetMembers.of(instances), i -> FleetMembers.stateDirKey(i.stateDir())).stream()
                .map(group -> Findings.aboutAll(INFO, group, "state dir " + group.get(0).stateDir() + " is used by "
                        + Findings.describe(group) + ": they share its sessions and gateway lock, and one takes the other"
                        + " for an instance that is already running", PlistKeys::stateDir))
                .toList();
    }
}
