package dev.openclawfleet.audit.rules;

import dev.openclawfleet.audit.PlistKeys;
import dev.openclawfleet.audit.Findings;
import dev.openclawfleet.audit.PlistRule;
import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.Instance;
import dev.openclawfleet.model.PlistFile;
import dev.openclawfleet.model.RuleInfo;
import dev.openclawfleet.model.RuleScope;
import dev.openclawfleet.model.Severity;

import java.util.List;

/**
 * A token or password inline in EnvironmentVariables of a world-readable plist: every local user
 * can read it (OpenClaw's doctor flags the same). Names the variable, never the value.
 */
public final class InlineSecret implements PlistRule {
    public static final RuleInfo INFO = new RuleInfo("inline-secret", Severity.ERROR, RuleScope.PLIST,
            "a token or password in EnvironmentVariables of a world-readable plist",
            "move the secret into the instance's openclaw.json (mode 0600), e.g. gateway.auth.token, and delete it from the plist");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(PlistFile file) {
        if (!(file instanceof PlistFile.Gateway g) || g.instance().facts() == null || !g.instance().facts().worldReadable()) {
            return List.of();
        }
        Instance instance = g.instance();
        List<String> names = instance.job().environment().entrySet().stream()
                .filter(e -> SecretNames.isSecret(e.getKey()) && !e.getValue().isBlank())
                .map(e -> e.getKey()).sorted().toList();
        if (names.isEmpty()) {
            return List.of();
        }
        return List.of(Findings.about(INFO, instance, "EnvironmentVariables." + String.join(", EnvironmentVariables.", names)
                + " holds a secret in a plist with mode " + instance.facts().octal() + ", which every local user can read")
                .at(PlistKeys.ENVIRONMENT.then(names.get(0))));
    }
}
