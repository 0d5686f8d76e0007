package dev.openclawfleet.audit.rules;

import dev.openclawfleet.audit.PlistKeys;
import dev.openclawfleet.audit.Findings;
import dev.openclawfleet.audit.PlistRule;
import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.FleetLayout;
import dev.openclawfleet.model.Instance;
import dev.openclawfleet.model.JobKind;
import dev.openclawfleet.model.PlistFile;
import dev.openclawfleet.model.RuleInfo;
import dev.openclawfleet.model.RuleScope;
import dev.openclawfleet.model.Severity;
import dev.openclawfleet.model.Text;

import java.util.List;

/**
 * OPENCLAW_STATE_DIR is missing, relative, or not {@code .openclaw-<name>}. Without it the gateway
 * falls back to {@code ~/.openclaw}, the container root every instance shares.
 */
public final class StateDirEnv implements PlistRule {
    public static final RuleInfo INFO = new RuleInfo("state-dir-env", Severity.ERROR, RuleScope.PLIST,
            "EnvironmentVariables.OPENCLAW_STATE_DIR is missing, relative, or not the instance's .openclaw-<name> dir",
            "set EnvironmentVariables.OPENCLAW_STATE_DIR to the absolute path ROOT/.openclaw-NAME");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(PlistFile file) {
        if (!(file instanceof PlistFile.Gateway g) || g.instance().kind() != JobKind.FLEET) {
            return List.of(); // the fleet contract; OpenClaw's own jobs resolve their state dir as OpenClaw does
        }
        Instance instance = g.instance();
        String value = instance.environment().get("OPENCLAW_STATE_DIR");
        String expected = FleetLayout.STATE_DIR_PREFIX + instance.name();
        if (value == null || value.isBlank()) {
            return List.of(about(instance, "EnvironmentVariables has no OPENCLAW_STATE_DIR: the gateway falls back"
                    + " to ~/.openclaw, the state every other instance without one shares"));
        }
        if (Unexpanded.has(value)) {
            return List.of(); // unexpanded-path reports it.
        }
        if (!value.startsWith("/")) {
            return List.of(about(instance, "OPENCLAW_STATE_DIR '" + Text.printable(value, 120)
                    + "' is relative: it resolves against the working directory"));
        }
        String actual = instance.stateDir() == null || instance.stateDir().getFileName() == null ? ""
                : instance.stateDir().getFileName().toString();
        if (!actual.equals(expected)) {
            return List.of(about(instance, "OPENCLAW_STATE_DIR in the plist is " + Text.printable(value, 120)
                    + ", which is not a " + expected + " dir: the state dir must carry the instance's own name"));
        }
        return List.of();
    }

    private static Finding about(Instance instance, String message) {
        return Findings.about(INFO, instance, message).at(PlistKeys.STATE_DIR_ENV);
    }
}
