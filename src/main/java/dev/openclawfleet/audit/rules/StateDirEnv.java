package dev.openclawfleet.audit.rules;

import dev.openclawfleet.audit.PlistKeys;
import dev.openclawfleet.audit.Findings;
import dev.openclawfleet.audit.PlistRule;
import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.FleetLayout;
import dev.openclawfleet.model.Instance;
import dev.openclawfleet.model.Instance.StateDirSource;
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
        if (!(file instanceof PlistFile.Gateway g) || g.instance().kind() == JobKind.LEGACY) {
            return List.of();
        }
        Instance instance = g.instance();
        if (instance.kind() == JobKind.OPENCLAW && instance.stateDirSource() != StateDirSource.ENVIRONMENT) {
            return List.of(); // OpenClaw keeps it in the service env file; lint does not read that file.
        }
        String value = instance.environment().get("OPENCLAW_STATE_DIR");
        // For OpenClaw's own jobs an audit reads the value from the service env file, unless the plist sets it.
        boolean fromEnvFile = instance.kind() == JobKind.OPENCLAW && !instance.job().environment().containsKey("OPENCLAW_STATE_DIR");
        String where = fromEnvFile ? "in " + instance.command().envFile() : "in the plist";
        String expected = FleetLayout.STATE_DIR_PREFIX + instance.name();
        if (value == null || value.isBlank()) {
            return List.of(about(instance, "EnvironmentVariables has no OPENCLAW_STATE_DIR: the gateway falls back"
                    + " to ~/.openclaw, the state every other instance without one shares"));
        }
        if (Unexpanded.has(value)) {
            return List.of(); // unexpanded-path reports it.
        }
        if (!value.startsWith("/")) {
            return List.of(fixIn(about(instance, "OPENCLAW_STATE_DIR '" + Text.printable(value, 120)
                    + "' is relative: it resolves against the working directory"), instance, where));
        }
        boolean openClawDefault = instance.kind() == JobKind.OPENCLAW && "ai.openclaw.gateway".equals(instance.label());
        String actual = instance.stateDir() == null || instance.stateDir().getFileName() == null ? ""
                : instance.stateDir().getFileName().toString();
        if (!openClawDefault && !actual.equals(expected)) {
            return List.of(fixIn(about(instance, "OPENCLAW_STATE_DIR " + where + " is " + Text.printable(value, 120)
                    + ", which is not a " + expected + " dir: the state dir must carry the instance's own name"), instance, where));
        }
        return List.of();
    }

    private static Finding about(Instance instance, String message) {
        return Findings.about(INFO, instance, message).at(PlistKeys.STATE_DIR_ENV);
    }

    /** OpenClaw's own jobs take the variable from their service env file, so that is where the fix goes. */
    private static Finding fixIn(Finding finding, Instance instance, String where) {
        return !where.equals("in the plist")
                ? finding.withFix("set OPENCLAW_STATE_DIR " + where + " to the absolute path of the profile's state dir,"
                + " or reinstall the service with `openclaw --profile NAME gateway install`")
                : finding;
    }
}
