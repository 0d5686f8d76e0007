package dev.openclawfleet.audit.rules;

import dev.openclawfleet.audit.PlistRule;
import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.PlistFile;
import dev.openclawfleet.model.RuleInfo;
import dev.openclawfleet.model.RuleScope;
import dev.openclawfleet.model.Severity;

import java.util.List;

/** A {@code *.plist} that cannot be read or parsed as a property list. */
public final class PlistUnreadable implements PlistRule {
    public static final RuleInfo INFO = new RuleInfo("plist-unreadable", Severity.ERROR, RuleScope.PLIST,
            "a *.plist file that is not a readable XML, binary or ASCII property list",
            "replace it with a valid property list (check it with `plutil -lint`), or move it out of the directory");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(PlistFile file) {
        if (file instanceof PlistFile.Unreadable bad) {
            return List.of(Finding.of(INFO, null, bad.path().toString(), "cannot read " + bad.path() + ": " + bad.reason()));
        }
        return List.of();
    }
}
