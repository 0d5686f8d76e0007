package dev.openclawfleet.audit.rules;

import dev.openclawfleet.audit.StateRule;
import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.HostState;
import dev.openclawfleet.model.InstanceState;
import dev.openclawfleet.model.RuleInfo;
import dev.openclawfleet.model.RuleScope;
import dev.openclawfleet.model.Severity;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/** A .openclaw-* dir in the container root that no plist points at: a leftover, or an instance whose plist is gone. */
public final class OrphanStateDir implements StateRule {
    public static final RuleInfo INFO = new RuleInfo("orphan-state-dir", Severity.WARNING, RuleScope.STATE,
            "a .openclaw-* dir in the container root that no plist uses",
            "recreate its plist (`fleet generate NAME --port P -o ~/Library/LaunchAgents`), or archive and delete the dir");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(HostState host) {
        if (host.root() == null) {
            return List.of();
        }
        Set<String> used = host.instances().stream().map(InstanceState::instance)
                .map(i -> FleetMembers.stateDirKey(i.stateDir())).filter(Objects::nonNull).collect(Collectors.toSet());
        List<Finding> out = new ArrayList<>();
        for (Path dir : host.root().instanceDirs()) {
            if (!used.contains(FleetMembers.stateDirKey(dir))) {
                String name = dir.getFileName().toString().substring(".openclaw-".length());
                out.add(new Finding(INFO.id(), INFO.severity(), List.of(), dir.toString(),
                        dir.getFileName() + " is not the state dir of any plist: no launchd job runs '" + name + "'", INFO.fix()));
            }
        }
        return out;
    }
}
