package dev.openclawfleet.audit.rules;

import dev.openclawfleet.audit.Findings;
import dev.openclawfleet.audit.StateRule;
import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.HostState;
import dev.openclawfleet.model.Instance;
import dev.openclawfleet.model.InstanceState;
import dev.openclawfleet.model.JobKind;
import dev.openclawfleet.model.RuleInfo;
import dev.openclawfleet.model.RuleScope;
import dev.openclawfleet.model.Severity;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A clawdbot/moltbot job from before the rename, or OpenClaw's default ai.openclaw.gateway,
 * pointing at a fleet instance's state dir or port: two services fight over one instance.
 */
public final class LegacyService implements StateRule {
    public static final RuleInfo INFO = new RuleInfo("legacy-service", Severity.ERROR, RuleScope.STATE,
            "a clawdbot/moltbot job or OpenClaw's default ai.openclaw.gateway uses a fleet instance's state dir or port",
            "boot the old job out and delete its plist: launchctl bootout gui/$(id -u)/LABEL && rm PLIST");
    static final String DEFAULT_GATEWAY = "ai.openclaw.gateway";

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(HostState host) {
        List<Instance> all = host.instances().stream().map(InstanceState::instance).toList();
        List<Instance> fleet = all.stream().filter(i -> i.kind() != JobKind.LEGACY && !DEFAULT_GATEWAY.equals(i.label())).toList();
        List<Finding> out = new ArrayList<>();
        for (Instance old : all) {
            if (old.kind() != JobKind.LEGACY && !DEFAULT_GATEWAY.equals(old.label())) {
                continue;
            }
            String oldDir = FleetMembers.stateDirKey(stateDir(old));
            for (Instance member : fleet) {
                List<String> shared = new ArrayList<>();
                if (oldDir != null && oldDir.equals(FleetMembers.stateDirKey(member.stateDir()))) {
                    shared.add("state dir " + member.stateDir());
                }
                if (old.port() != null && Objects.equals(old.port(), member.port())) {
                    shared.add("port " + member.port());
                }
                if (!shared.isEmpty()) {
                    String what = old.kind() == JobKind.LEGACY ? "legacy job " + old.displayLabel() : "OpenClaw's default gateway job";
                    // Located at the old job's plist: it is the file to remove, whichever is newer.
                    out.add(Findings.aboutAll(INFO, List.of(old, member), what + " (" + old.plistPath() + ") uses "
                            + member.name() + "'s " + String.join(" and ", shared) + ": two services fight over one instance")
                            .atPath(old.plistPath())
                            .withFix("`fleet fix` boots it out, disables it and moves its plist to the trash (by hand: launchctl bootout"
                                    + " gui/$(id -u)/" + old.displayLabel() + " && launchctl disable gui/$(id -u)/" + old.displayLabel()
                                    + " && mv " + old.plistPath() + " ~/.Trash/)"));
                }
            }
        }
        return out;
    }

    /** Legacy jobs name their state dir CLAWDBOT_STATE_DIR or MOLTBOT_STATE_DIR. */
    private static Path stateDir(Instance old) {
        if (old.stateDir() != null) {
            return old.stateDir();
        }
        for (Map.Entry<String, String> e : old.environment().entrySet()) {
            if (e.getKey().endsWith("_STATE_DIR") && e.getValue().startsWith("/")) {
                try {
                    return Path.of(e.getValue()).normalize();
                } catch (InvalidPathException ignored) {
                    return null;
                }
            }
        }
        return null;
    }
}
