package dev.openclawfleet.audit.rules;

import dev.openclawfleet.audit.PlistKeys;
import dev.openclawfleet.model.KeyPath;
import dev.openclawfleet.audit.Findings;
import dev.openclawfleet.audit.PlistRule;
import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.Instance;
import dev.openclawfleet.model.PlistFile;
import dev.openclawfleet.model.RuleInfo;
import dev.openclawfleet.model.RuleScope;
import dev.openclawfleet.model.Severity;
import dev.openclawfleet.model.Text;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@code ~} or {@code $VAR} in a path or environment value. launchd expands neither: the
 * gateway receives the text literally (launchd.plist(5); {@code PATH=$PATH:...} is the classic case).
 * Values of secret-looking variables are checked but never quoted.
 */
public final class UnexpandedPath implements PlistRule {
    public static final RuleInfo INFO = new RuleInfo("unexpanded-path", Severity.ERROR, RuleScope.PLIST,
            "a ~ or $VAR in a path or environment value, which launchd passes on literally",
            "write the absolute path out in full (launchd expands neither ~ nor $VAR)");
    private static final List<String> PATH_KEYS = List.of("Program", "WorkingDirectory", "StandardOutPath",
            "StandardErrorPath", "StandardInPath", "RootDirectory");
    private static final List<String> PATH_LIST_KEYS = List.of("ProgramArguments", "WatchPaths", "QueueDirectories");
    private static final List<KeyPath> PATH_KEY_PATHS = PATH_KEYS.stream().map(KeyPath::key).toList();
    private static final List<KeyPath> PATH_LIST_KEY_PATHS = PATH_LIST_KEYS.stream().map(KeyPath::key).toList();

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
        List<Finding> out = new ArrayList<>();
        for (int k = 0; k < PATH_KEYS.size(); k++) {
            if (instance.job().raw(PATH_KEYS.get(k)) instanceof String v && Unexpanded.has(v)) {
                report(out, instance, PATH_KEY_PATHS.get(k), v);
            }
        }
        for (int k = 0; k < PATH_LIST_KEYS.size(); k++) {
            if (instance.job().raw(PATH_LIST_KEYS.get(k)) instanceof List<?> list) {
                for (int i = 0; i < list.size(); i++) {
                    if (list.get(i) instanceof String v && Unexpanded.has(v)) {
                        report(out, instance, PATH_LIST_KEY_PATHS.get(k).index(i), v);
                    }
                }
            }
        }
        // The cheap test first: most values hold no ~ or $, and then their name does not matter.
        for (Map.Entry<String, String> e : instance.job().environment().entrySet()) {
            if (!Unexpanded.has(e.getValue())) {
                continue;
            }
            if (!SecretNameCache.isSecret(e.getKey())) {
                report(out, instance, PlistKeys.ENVIRONMENT.then(e.getKey()), e.getValue());
            } else {
                out.add(Findings.about(INFO, instance, "EnvironmentVariables." + Text.printable(e.getKey(), 80)
                        + " holds a ~ or $VAR (value not shown): launchd expands neither, so the gateway gets this text literally")
                        .at(PlistKeys.ENVIRONMENT.then(e.getKey())));
            }
        }
        return out;
    }

    /** A finding about {@code value} at {@code key}, which the caller found unexpanded. */
    private static void report(List<Finding> out, Instance instance, KeyPath key, String value) {
        out.add(Findings.about(INFO, instance, Text.printable(key.toString(), 80) + " is '" + Text.printable(value, 120)
                + "': launchd expands neither ~ nor $VAR, so the gateway gets this text literally").at(key));
    }
}
