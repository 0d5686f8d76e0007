package dev.openclawfleet.audit.rules;

import dev.openclawfleet.model.KeyPath;
import dev.openclawfleet.audit.Findings;
import dev.openclawfleet.audit.PlistRule;
import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.Instance;
import dev.openclawfleet.model.PlistFile;
import dev.openclawfleet.model.RuleInfo;
import dev.openclawfleet.model.RuleScope;
import dev.openclawfleet.model.Severity;

import java.util.List;
import java.util.Map;

/**
 * KeepAlive is not true: a gateway that exits stays down. A dictionary of conditions
 * (SuccessfulExit, NetworkState...) is a warning: launchd restarts only when they hold.
 */
public final class KeepAlive implements PlistRule {
    public static final RuleInfo INFO = new RuleInfo("keep-alive", Severity.ERROR, RuleScope.PLIST,
            "KeepAlive is missing or not true",
            "set <key>KeepAlive</key><true/>");
    private static final KeyPath KEY = KeyPath.key("KeepAlive");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(PlistFile file) {
        if (!(file instanceof PlistFile.Gateway g) || g.instance().job().isTrue("KeepAlive")) {
            return List.of();
        }
        Instance instance = g.instance();
        Object raw = instance.job().raw("KeepAlive");
        if (raw instanceof Map<?, ?>) {
            return List.of(Findings.about(INFO, instance, "KeepAlive is a dictionary of conditions: launchd restarts the gateway"
                    + " only when they hold, so some exits leave it down").withSeverity(Severity.WARNING).at(KEY));
        }
        String what = raw == null ? "KeepAlive is missing" : raw instanceof Boolean ? "KeepAlive is false"
                : "KeepAlive is " + Values.aTypeName(raw) + ", not <true/>";
        return List.of(Findings.about(INFO, instance, what + ": when the gateway exits, launchd leaves it down").at(KEY));
    }
}
