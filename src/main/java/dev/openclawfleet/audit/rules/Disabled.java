package dev.openclawfleet.audit.rules;

import dev.openclawfleet.audit.Findings;
import dev.openclawfleet.audit.LiveRule;
import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.LiveHost;
import dev.openclawfleet.model.RuleInfo;
import dev.openclawfleet.model.RuleScope;
import dev.openclawfleet.model.Severity;

import java.util.List;

/**
 * A loaded job whose label is disabled in launchd's override database (`launchctl print-disabled`):
 * it runs now, but launchd will not load it at the next login, and a bootstrap fails with 119.
 * Disabled and not loaded is a deliberate stop ({@link Stopped}), not this.
 */
public final class Disabled implements LiveRule {
    public static final RuleInfo INFO = new RuleInfo("disabled", Severity.WARNING, RuleScope.LIVE,
            "the job is loaded but its label is disabled in launchd, so it will not load at the next login",
            "launchctl enable gui/$(id -u)/LABEL (or `fleet start NAME`)");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(LiveHost host) {
        return host.knownJobs().stream().filter(j -> j.disabled() && j.loaded()).map(j -> Findings.about(INFO, j.instance(),
                        j.instance().label() + " is disabled in launchd but loaded: it " + (j.pid() != null ? "runs now" : "stays loaded")
                                + " until the next logout or bootout, and then launchd will not load it again (bootstrap fails with error 119)")
                .withFix("launchctl enable " + NotLoaded.target(host, j))).toList();
    }
}
