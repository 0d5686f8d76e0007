package dev.openclawfleet.audit.rules;

import dev.openclawfleet.audit.Findings;
import dev.openclawfleet.audit.LiveRule;
import dev.openclawfleet.audit.LiveStates;
import dev.openclawfleet.model.JobStatus;
import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.JobKind;
import dev.openclawfleet.model.LiveHost;
import dev.openclawfleet.model.LiveJob;
import dev.openclawfleet.model.RuleInfo;
import dev.openclawfleet.model.RuleScope;
import dev.openclawfleet.model.Severity;

import java.util.List;

/**
 * A plist in the agents dir that launchd does not know, and that was not stopped on purpose (a
 * disabled label is {@link Stopped}): it runs under launchd only after a bootstrap or the next login.
 */
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
        // Legacy jobs are left to legacy-service, whose fix is to delete them, not to load them.
        return host.knownJobs().stream().filter(j -> LiveStates.status(j, host) == JobStatus.NOT_LOADED
                        && j.instance().label() != null && j.instance().kind() != JobKind.LEGACY)
                .map(j -> Findings.about(INFO, j.instance(), "launchd does not know " + j.instance().label()
                                + ": launchd runs no gateway for it, and loads it only after a bootstrap or at the next login")
                        .withFix(bootstrap(host, j) + " (or `fleet start " + j.instance().name() + "`)"))
                .toList();
    }

    /** The service target in the audited domain: gui/UID/LABEL or user/UID/LABEL. */
    static String target(LiveHost host, LiveJob job) {
        return host.domain() + "/" + job.instance().label();
    }

    /** The commands that load a job; a disabled label must be enabled first or bootstrap fails with 119. */
    static String bootstrap(LiveHost host, LiveJob job) {
        return (job.disabled() ? "launchctl enable " + target(host, job) + " && " : "")
                + "launchctl bootstrap " + host.domain() + " " + job.instance().plist().toAbsolutePath();
    }
}
