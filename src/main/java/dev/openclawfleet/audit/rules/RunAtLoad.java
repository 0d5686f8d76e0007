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

/** RunAtLoad is not a boolean true: launchd will not start the gateway at login or on bootstrap. */
public final class RunAtLoad implements PlistRule {
    public static final RuleInfo INFO = new RuleInfo("run-at-load", Severity.ERROR, RuleScope.PLIST,
            "RunAtLoad is missing or not true",
            "set <key>RunAtLoad</key><true/>");
    private static final KeyPath KEY = KeyPath.key("RunAtLoad");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(PlistFile file) {
        if (!(file instanceof PlistFile.Gateway g) || g.instance().job().isTrue("RunAtLoad")) {
            return List.of();
        }
        Instance instance = g.instance();
        Object raw = instance.job().raw("RunAtLoad");
        String what = raw == null ? "RunAtLoad is missing" : raw instanceof Boolean ? "RunAtLoad is false"
                : "RunAtLoad is " + Values.aTypeName(raw) + ", not <true/>";
        if (instance.job().isTrue("KeepAlive")) {
            // launchd starts a KeepAlive=true job when it loads anyway; only the contract is broken.
            return List.of(Findings.about(INFO, instance, what + ": KeepAlive starts the gateway at load today, but the"
                    + " contract needs RunAtLoad so that a KeepAlive dictionary or a later edit cannot leave it down")
                    .withSeverity(Severity.WARNING).at(KEY));
        }
        return List.of(Findings.about(INFO, instance, what + ": launchd will not start the gateway at login or on bootstrap").at(KEY));
    }
}
