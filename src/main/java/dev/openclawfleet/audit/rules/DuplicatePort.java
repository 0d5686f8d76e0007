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
 * Two gateways on one port: the second finds the port taken, logs "another gateway instance is
 * already listening" and exits, and KeepAlive restarts it forever.
 */
public final class DuplicatePort implements FleetRule {
    public static final RuleInfo INFO = new RuleInfo("duplicate-port", Severity.ERROR, RuleScope.FLEET,
            "two or more gateways use the same --port",
            "give each instance its own base port, 20 or more apart (`fleet add-instance` picks a free one)");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(List<Instance> instances) {
        return FleetMembers.sharing(FleetMembers.of(instances), Instance::port).stream()
                .map(group -> Findings.aboutAll(INFO, group, "port " + group.get(0).port() + " is used by "
                        + Findings.describe(group) + ": only one gateway can listen there, the others exit and KeepAlive loops them", PlistKeys::port)
                        .withFix(Findings.moveNewer(group)))
                .toList();
    }
}
