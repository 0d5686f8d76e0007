package dev.openclawfleet.audit.rules;

import dev.openclawfleet.audit.Findings;
import dev.openclawfleet.audit.LiveRule;
import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.LiveHost;
import dev.openclawfleet.model.LiveJob;
import dev.openclawfleet.model.RuleInfo;
import dev.openclawfleet.model.RuleScope;
import dev.openclawfleet.model.Severity;

import java.util.List;

/** A plist in the agents dir that launchd does not know: it runs only after a bootstrap or the next login. */
public final class NotLoaded implements LiveRule {
    public static final RuleInfo INFO = new RuleInfo("not-loaded", Severity.ERROR, RuleScope.LIVE,
            "the plist is in the LaunchAgents dir but launchd has not loaded it",
            "launchctl bootstrap gui/$(id -u) PLIST (or `fleet start NAME`)");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(LiveHost host) {
        return host.jobs().stream().filter(j -> !j.loaded() && j.instance().label() != null)
                .map(j -> Findings.about(INFO, j.instance(), "launchd does not know " + j.instance().label()
                                + ": the gateway is not running and starts only after a bootstrap or at the next login")
                        .withFix("launchctl bootstrap gui/" + host.uid() + " " + j.instance().plist().toAbsolutePath()
                                + " (or `fleet start " + j.instance().name() + "`)"))
                .toList();
    }

    static String target(LiveHost host, LiveJob job) {
        return "gui/" + host.uid() + "/" + job.instance().label();
    }
}
