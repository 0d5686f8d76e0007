package dev.openclawfleet.audit.rules;

import dev.openclawfleet.audit.PlistKeys;
import dev.openclawfleet.audit.Findings;
import dev.openclawfleet.audit.PlistRule;
import dev.openclawfleet.model.SecretNames;
import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.Instance;
import dev.openclawfleet.model.PlistFile;
import dev.openclawfleet.model.RuleInfo;
import dev.openclawfleet.model.RuleScope;
import dev.openclawfleet.model.Severity;

import java.util.List;

/**
 * A token or password inline in a plist: in EnvironmentVariables of a world-readable plist every
 * local user can read it (OpenClaw's doctor flags the same); in ProgramArguments ({@code --token X},
 * {@code --password=X}, {@code OPENCLAW_GATEWAY_TOKEN=X} through env) it is also in every {@code ps}
 * listing, whatever the plist's mode. Names the variable or flag, never the value.
 */
public final class InlineSecret implements PlistRule {
    public static final RuleInfo INFO = new RuleInfo("inline-secret", Severity.ERROR, RuleScope.PLIST,
            "a token or password in EnvironmentVariables of a world-readable plist, or in ProgramArguments (visible to every user in ps)",
            "`fleet fix` moves the secret into the instance's openclaw.json (mode 0600; a gateway token to gateway.auth.token)"
                    + " and rewrites the plist without it");

    /** A flag that carries a secret: --token, --auth-token, --password, --api-key, --secret (and -t-less long forms only). */
    private static final java.util.regex.Pattern SECRET_FLAG = java.util.regex.Pattern.compile(
            "(?i)--?(?:[a-z0-9]+-)*(?:token|password|passwd|secret|api-?key|auth-?key|private-?key|credentials?)(?:=(.*))?");
    private static final java.util.regex.Pattern ASSIGNMENT = java.util.regex.Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(.*)");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(PlistFile file) {
        if (!(file instanceof PlistFile.Gateway g)) {
            return List.of();
        }
        List<Finding> out = new java.util.ArrayList<>(inArguments(g.instance()));
        if (g.instance().facts() == null || !g.instance().facts().worldReadable()) {
            return out;
        }
        out.addAll(inEnvironment(g.instance()));
        return out;
    }

    /** Secret-bearing flags or assignments in ProgramArguments: in the plist and in every ps listing. */
    static List<Finding> inArguments(Instance instance) {
        List<String> args = instance.job().programArguments().orElse(List.of());
        java.util.Set<String> names = null; // made for the few plists that pass a secret
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i) == null ? "" : args.get(i);
            // A flag starts with '-', an assignment with a letter or '_' and holds a '=': most arguments are neither,
            // and neither pattern can match the other's kind, so each is tried only where it can match.
            String name = null;
            if (arg.startsWith("-")) {
                java.util.regex.Matcher flag = SECRET_FLAG.matcher(arg);
                if (flag.matches()) {
                    String value = flag.group(1) != null ? flag.group(1) : i + 1 < args.size() ? args.get(i + 1) : "";
                    if (value != null && !value.isBlank() && !value.startsWith("-")) {
                        name = dev.openclawfleet.model.Text.printable(arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg, 40);
                    }
                }
            } else if (arg.indexOf('=') > 0) {
                java.util.regex.Matcher assignment = ASSIGNMENT.matcher(arg);
                if (assignment.matches() && SecretNameCache.isSecret(assignment.group(1)) && !assignment.group(2).isBlank()) {
                    name = assignment.group(1) + "=";
                }
            }
            if (name != null) {
                names = names == null ? new java.util.TreeSet<>() : names;
                names.add(name);
            }
        }
        if (names == null) {
            return List.of();
        }
        return List.of(Findings.about(INFO, instance, "ProgramArguments pass a secret on the command line (" + String.join(", ", names)
                + "): it is in the plist" + (instance.facts() != null && instance.facts().worldReadable() ? " (mode "
                + instance.facts().octal() + ", which every local user can read)" : "") + " and in every `ps` listing of the gateway"));
    }

    private static List<Finding> inEnvironment(Instance instance) {
        List<String> names = new java.util.ArrayList<>(0);
        for (java.util.Map.Entry<String, String> e : instance.job().environment().entrySet()) {
            if (SecretNameCache.isSecret(e.getKey()) && !e.getValue().isBlank()) {
                names.add(e.getKey());
            }
        }
        names.sort(null);
        if (names.isEmpty()) {
            return List.of();
        }
        return List.of(Findings.about(INFO, instance, "EnvironmentVariables." + String.join(", EnvironmentVariables.", names)
                + " holds a secret in a plist with mode " + instance.facts().octal() + ", which every local user can read")
                .at(PlistKeys.ENVIRONMENT.then(names.get(0))));
    }
}
