package dev.openclawfleet.audit.rules;

import dev.openclawfleet.model.KeyPath;
import dev.openclawfleet.audit.Findings;
import dev.openclawfleet.audit.PlistRule;
import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.FleetLayout;
import dev.openclawfleet.model.Instance;
import dev.openclawfleet.model.InstanceName;
import dev.openclawfleet.model.JobKind;
import dev.openclawfleet.model.PlistFile;
import dev.openclawfleet.model.RuleInfo;
import dev.openclawfleet.model.RuleScope;
import dev.openclawfleet.model.Severity;
import dev.openclawfleet.model.Text;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A Label that is not a string, has characters launchd and OpenClaw do not accept, or does not
 * follow {@code ai.openclaw.<name>} with a valid instance name.
 */
public final class LabelInvalid implements PlistRule {
    public static final RuleInfo INFO = new RuleInfo("label-invalid", Severity.ERROR, RuleScope.PLIST,
            "a Label that is not ai.openclaw.<name> with a valid instance name",
            "use Label ai.openclaw.NAME where NAME is 1-64 of a-z 0-9 _ -, not gateway or node, and rename the file to match");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9._-]+");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(PlistFile file) {
        if (!(file instanceof PlistFile.Gateway g)) {
            return List.of();
        }
        Instance instance = g.instance();
        Object raw = instance.job().raw("Label");
        if (raw == null) {
            return List.of();
        }
        return problem(instance, raw).map(message -> List.of(Findings.about(INFO, instance, message).at(KeyPath.LABEL))).orElse(List.of());
    }

    private static Optional<String> problem(Instance instance, Object raw) {
        if (!(raw instanceof String label)) {
            return Optional.of("Label is not a string: launchd refuses the job (error 110)");
        }
        if (!LABEL.matcher(label).matches()) {
            return Optional.of("Label '" + Text.printable(label, 80) + "' has characters outside A-Z a-z 0-9 . _ -");
        }
        if (instance.kind() != JobKind.FLEET) {
            return Optional.empty(); // ai.openclaw.<name> with a valid instance name is our contract, not OpenClaw's or a legacy job's
        }
        if (!label.startsWith(FleetLayout.LABEL_PREFIX)) {
            return Optional.of("Label '" + label + "' runs an OpenClaw gateway outside the ai.openclaw.<name> namespace:"
                    + " fleet tools and `openclaw gateway status` will not find it");
        }
        String name = label.substring(FleetLayout.LABEL_PREFIX.length());
        return InstanceName.problem(name).map(p -> "Label '" + label + "': " + p);
    }
}
