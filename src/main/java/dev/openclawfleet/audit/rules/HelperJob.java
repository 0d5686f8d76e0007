package dev.openclawfleet.audit.rules;

import dev.openclawfleet.audit.PlistRule;
import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.PlistFile;
import dev.openclawfleet.model.RuleInfo;
import dev.openclawfleet.model.RuleScope;
import dev.openclawfleet.model.Severity;
import dev.openclawfleet.model.Text;

import java.util.List;

/**
 * A job in OpenClaw's namespace that runs no gateway: OpenClaw's node host, an hourly or weekly
 * script, a daemon of the user's. Reported once, with what it is and when it runs, so the audit
 * shows it saw the job; none of the gateway rules (KeepAlive, RunAtLoad, ports, state dir) apply.
 */
public final class HelperJob implements PlistRule {
    public static final RuleInfo INFO = new RuleInfo("helper-job", Severity.INFO, RuleScope.PLIST,
            "a job under ai.openclaw.* that runs no gateway (node host, scheduled script, daemon): not checked as a gateway",
            "nothing to do: the gateway rules do not apply to it");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(PlistFile file) {
        if (!(file instanceof PlistFile.Helper helper)) {
            return List.of();
        }
        String who = helper.label() == null ? helper.path().getFileName().toString() : Text.printable(helper.label(), 120);
        return List.of(Finding.of(INFO, null, helper.path().toString(), who + " is not a gateway: " + helper.description()));
    }
}
