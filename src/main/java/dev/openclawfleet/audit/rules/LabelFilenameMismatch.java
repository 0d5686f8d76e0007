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

/**
 * A plist whose file name is not {@code <Label>.plist}. launchd loads it anyway, but OpenClaw and
 * this tool find a job's plist by its label: a mismatched file is missed, and a second file with
 * the same label gets written next to it.
 */
public final class LabelFilenameMismatch implements PlistRule {
    public static final RuleInfo INFO = new RuleInfo("label-filename-mismatch", Severity.ERROR, RuleScope.PLIST,
            "the file name is not <Label>.plist",
            "rename the file to <Label>.plist (boot the job out first if it is loaded)");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(PlistFile file) {
        if (!(file instanceof PlistFile.Gateway g) || g.instance().label() == null) {
            return List.of();
        }
        Instance instance = g.instance();
        String expected = instance.label() + ".plist";
        String actual = instance.plist().getFileName().toString();
        if (actual.equals(expected)) {
            return List.of();
        }
        return List.of(Findings.about(INFO, instance, "file is named " + actual + " but its Label is " + instance.label()
                + ": tools that look for " + expected + " will not find it")
                .withFix("rename it to " + expected + " (boot the job out first if it is loaded)").at(KeyPath.LABEL));
    }
}
