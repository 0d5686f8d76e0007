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
 * The label is disabled in launchd's override database (`launchctl print-disabled`): launchd will
 * not load it at login, and bootstrap fails with error 119. A disabled job that still runs now is a warning.
 */
public final class Disabled implements LiveRule {
    public static final RuleInfo INFO = new RuleInfo("disabled", Severity.ERROR, RuleScope.LIVE,
            "the label is disabled in launchd, so it will not load at login",
            "launchctl enable gui/$(id -u)/LABEL");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(LiveHost host) {
        return host.jobs().stream().filter(j -> j.disabled()).map(j -> {
            boolean running = j.pid() != null;
            Finding f = Findings.about(INFO, j.instance(), j.instance().label() + " is disabled in launchd: "
                    + (running ? "it runs now, but will not load at the next login" : "launchd will not load it (bootstrap fails with error 119)"))
                    .withFix("launchctl enable " + NotLoaded.target(host, j));
            return running ? f.withSeverity(Severity.WARNING) : f;
        }).toList();
    }
}
