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

    /**
     * What to do by hand (fleet cannot tell whose sessions are whose): the newer instances get their
     * own state dir, by moving their plist out and adding them again next to the oldest.
     */
    static String ownStateDir(List<Instance> group, Instance oldest) {
        StringBuilder out = new StringBuilder("keep " + oldest.name() + " on " + oldest.stateDir() + "; for ");
        String sep = "";
        for (Instance i : group.stream().filter(i -> i != oldest).sorted(java.util.Comparator.comparing(Instance::plistPath)).toList()) {
            out.append(sep).append(i.name()).append(": `fleet stop ").append(i.name()).append(" && mv ").append(i.plistPath())
                    .append(" ~/.Trash/ && fleet add-instance ").append(i.name()).append(" --from ").append(oldest.name()).append('`');
            sep = "; for ";
        }
        return out.append(" (a new state dir with its own token and port; fleet cannot tell which sessions are whose, so it"
                + " does not split them)").toString();
    }

    /**
     * The instance the dir belongs to: the only one whose name it carries ({@code .openclaw-<name>});
     * else the oldest plist. The others introduced the clash, and the finding points at the newest of them.
     */
    static Instance keeper(List<Instance> group) {
        List<Instance> owners = group.stream().filter(i -> i.stateDir() != null && i.stateDir().getFileName() != null
                && i.stateDir().getFileName().toString().equalsIgnoreCase(dev.openclawfleet.model.FleetLayout.STATE_DIR_PREFIX + i.name()))
                .toList();
        return owners.size() == 1 ? owners.get(0) : dev.openclawfleet.audit.PlistAge.oldest(group);
    }

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(List<Instance> instances) {
        return FleetMembers.sharing(FleetMembers.of(instances), i -> FleetMembers.stateDirKey(i.stateDir())).stream()
                .map(group -> {
                    Instance keeper = keeper(group);
                    Instance intruder = dev.openclawfleet.audit.PlistAge.newest(group.stream().filter(i -> i != keeper).toList());
                    return Findings.aboutAll(INFO, group, "state dir " + group.get(0).stateDir() + " is used by "
                            + Findings.describe(group) + ": they share its sessions and gateway lock, and one takes the other"
                            + " for an instance that is already running").atPath(intruder.plistPath()).at(PlistKeys.stateDir(intruder))
                            .withFix(ownStateDir(group, keeper));
                })
                .toList();
    }
}
