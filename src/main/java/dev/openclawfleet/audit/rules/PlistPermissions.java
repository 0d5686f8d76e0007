package dev.openclawfleet.audit.rules;

import dev.openclawfleet.audit.Findings;
import dev.openclawfleet.audit.PlistRule;
import dev.openclawfleet.model.FileFacts;
import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.Instance;
import dev.openclawfleet.model.PlistFile;
import dev.openclawfleet.model.RuleInfo;
import dev.openclawfleet.model.RuleScope;
import dev.openclawfleet.model.Severity;

import java.util.ArrayList;
import java.util.List;

/**
 * The plist is group- or world-writable, or not owned by the user: launchd refuses it with
 * error 122 ("Path had bad ownership/permissions").
 */
public final class PlistPermissions implements PlistRule {
    public static final RuleInfo INFO = new RuleInfo("plist-permissions", Severity.ERROR, RuleScope.PLIST,
            "the plist is group/world writable or not owned by you (launchd error 122)",
            "chmod 644 the plist, and `sudo chown \"$USER\"` it when someone else owns it");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(PlistFile file) {
        if (!(file instanceof PlistFile.Gateway g) || g.instance().facts() == null) {
            return List.of();
        }
        Instance instance = g.instance();
        FileFacts facts = instance.facts();
        List<String> problems = new ArrayList<>();
        if (facts.groupOrWorldWritable()) {
            problems.add("mode " + facts.octal() + " lets " + ((facts.mode() & 0002) != 0 ? "every user" : "the group") + " write it");
        }
        if (!facts.ownedByCurrentUser()) {
            problems.add("it is owned by " + facts.owner() + ", not by you");
        }
        if (problems.isEmpty()) {
            return List.of();
        }
        return List.of(Findings.about(INFO, instance, String.join(" and ", problems)
                        + ": launchd refuses to load it (error 122, bad ownership/permissions)")
                .withFix("chmod 644 " + instance.plistPath() + (facts.ownedByCurrentUser() ? "" : " && sudo chown \"$USER\" " + instance.plistPath())));
    }
}
