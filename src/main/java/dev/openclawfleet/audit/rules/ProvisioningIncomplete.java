package dev.openclawfleet.audit.rules;

import dev.openclawfleet.audit.StateRule;
import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.FleetLayout;
import dev.openclawfleet.model.HostState;
import dev.openclawfleet.model.Instance;
import dev.openclawfleet.model.InstanceState;
import dev.openclawfleet.model.RuleInfo;
import dev.openclawfleet.model.RuleScope;
import dev.openclawfleet.model.Severity;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An add-instance that did not finish (interrupted, or the instance never became healthy): a
 * state dir still holds the provisioning marker, or a staging dir was left in the container root.
 * A half-made instance must never audit clean, whether or not its plist was written yet.
 */
public final class ProvisioningIncomplete implements StateRule {
    public static final RuleInfo INFO = new RuleInfo("provisioning-incomplete", Severity.ERROR, RuleScope.STATE,
            "`fleet add-instance` (or `fleet restore`) of this instance did not finish",
            "rerun `fleet add-instance NAME` to finish it, or `fleet remove-instance NAME` to remove what was made");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(HostState host) {
        List<Finding> out = new ArrayList<>();
        if (host.root() == null) {
            return out;
        }
        for (Path dir : host.root().unfinishedDirs()) {
            String name = dir.getFileName().toString().substring(FleetLayout.STATE_DIR_PREFIX.length());
            Optional<Instance> owner = host.instances().stream().map(InstanceState::instance)
                    .filter(i -> Objects.equals(FleetMembers.stateDirKey(i.stateDir()), FleetMembers.stateDirKey(dir))).findFirst();
            out.add(new Finding(INFO.id(), INFO.severity(), owner.map(i -> List.of(i.name())).orElse(List.of()),
                    owner.map(Instance::plistPath).orElse(dir.toString()), "add-instance of " + name + " did not finish (" + dir
                    + " still holds " + FleetLayout.PROVISIONING_MARKER + (owner.isEmpty() ? " and no plist uses it yet" : "")
                    + "): the instance is half made or was never healthy",
                    "rerun `fleet add-instance " + name + "` to finish it, or `fleet remove-instance " + name + "`"));
        }
        for (Path staging : host.root().stagingDirs()) {
            String dir = staging.getFileName().toString();
            String name = dir.substring(FleetLayout.STAGING_PREFIX.length()).replaceFirst("-\\d+$", "");
            out.add(new Finding(INFO.id(), INFO.severity(), List.of(), staging.toString(), "an interrupted add-instance or restore of "
                    + name + " left the staging dir " + dir + " (no instance uses it)",
                    "rerun `fleet add-instance " + name + "` (it cleans up first), or delete " + staging));
        }
        return out;
    }
}
