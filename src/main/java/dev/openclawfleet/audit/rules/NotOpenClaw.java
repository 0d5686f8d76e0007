package dev.openclawfleet.audit.rules;

import dev.openclawfleet.audit.PlistRule;
import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.PlistFile;
import dev.openclawfleet.model.RuleInfo;
import dev.openclawfleet.model.RuleScope;
import dev.openclawfleet.model.Severity;

import java.util.List;

/** A plist in the scanned directory that is not an OpenClaw gateway job: reported once, then skipped. */
public final class NotOpenClaw implements PlistRule {
    public static final RuleInfo INFO = new RuleInfo("not-openclaw", Severity.INFO, RuleScope.PLIST,
            "a plist that is not an OpenClaw gateway job; it is skipped",
            "nothing to do; pass only gateway plists, or --ignore not-openclaw");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(PlistFile file) {
        if (file instanceof PlistFile.Foreign foreign) {
            return List.of(Finding.of(INFO, null, foreign.path().toString(), "skipped: " + foreign.why()));
        }
        return List.of();
    }
}
