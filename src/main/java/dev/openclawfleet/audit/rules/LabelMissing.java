package dev.openclawfleet.audit.rules;

import dev.openclawfleet.model.KeyPath;
import dev.openclawfleet.audit.Findings;
import dev.openclawfleet.audit.PlistRule;
import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.PlistFile;
import dev.openclawfleet.model.RuleInfo;
import dev.openclawfleet.model.RuleScope;
import dev.openclawfleet.model.Severity;

import java.util.List;

/** A gateway plist without a Label key: launchd refuses it ("Invalid or missing service identifier", 110). */
public final class LabelMissing implements PlistRule {
    public static final RuleInfo INFO = new RuleInfo("label-missing", Severity.ERROR, RuleScope.PLIST,
            "the plist has no Label key",
            "add <key>Label</key><string>ai.openclaw.NAME</string>, NAME matching the file name");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(PlistFile file) {
        if (file instanceof PlistFile.Gateway g && !g.instance().job().has("Label")) {
            String name = g.instance().name();
            return List.of(Findings.about(INFO, g.instance(),
                    "no Label key: launchd refuses to load it (error 110, invalid or missing service identifier)")
                    .withFix("add <key>Label</key><string>ai.openclaw." + name + "</string>").at(KeyPath.LABEL));
        }
        return List.of();
    }
}
