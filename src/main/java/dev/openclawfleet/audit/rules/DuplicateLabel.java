package dev.openclawfleet.audit.rules;

import dev.openclawfleet.model.KeyPath;
import dev.openclawfleet.audit.FleetRule;
import dev.openclawfleet.audit.Findings;
import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.Instance;
import dev.openclawfleet.model.RuleInfo;
import dev.openclawfleet.model.RuleScope;
import dev.openclawfleet.model.Severity;

import java.util.List;

/** Two plists with one Label: launchd loads only the first, and which one wins depends on load order. */
public final class DuplicateLabel implements FleetRule {
    public static final RuleInfo INFO = new RuleInfo("duplicate-label", Severity.ERROR, RuleScope.FLEET,
            "two or more plists share one Label",
            "keep one plist per label: delete or rename the others (and their state) so every label is unique");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(List<Instance> instances) {
        return FleetMembers.sharing(FleetMembers.of(instances), Instance::label).stream()
                .map(group -> Findings.aboutAll(INFO, group, "Label " + group.get(0).label() + " is used by "
                        + Findings.describe(group) + ": launchd loads only one of them", i -> KeyPath.LABEL))
                .toList();
    }
}
