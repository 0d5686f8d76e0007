package dev.openclawfleet.audit.rules;

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
                : "RunAtLoad is a " + Values.typeName(raw) + ", not <true/>";
        return List.of(Findings.about(INFO, instance, what + ": launchd will not start the gateway at login or on bootstrap"));
    }
}
