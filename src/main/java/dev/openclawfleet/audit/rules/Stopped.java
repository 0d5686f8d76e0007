package dev.openclawfleet.audit.rules;

import dev.openclawfleet.audit.Findings;
import dev.openclawfleet.audit.LiveRule;
import dev.openclawfleet.audit.LiveStates;
import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.JobKind;
import dev.openclawfleet.model.JobStatus;
import dev.openclawfleet.model.LiveHost;
import dev.openclawfleet.model.RuleInfo;
import dev.openclawfleet.model.RuleScope;
import dev.openclawfleet.model.Severity;

import java.util.List;

/**
 * A job stopped on purpose: not loaded and disabled in launchd, which is what `fleet stop` (and
 * `brew services stop`) leaves. It stays down across logins until it is started again.
 */
public final class Stopped implements LiveRule {
    public static final RuleInfo INFO = new RuleInfo("stopped", Severity.INFO, RuleScope.LIVE,
            "the job is stopped on purpose: not loaded and disabled in launchd (what `fleet stop` leaves)",
            "nothing to do while you want it down; `fleet start NAME` brings it back");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(LiveHost host) {
        return host.knownJobs().stream().filter(j -> LiveStates.status(j, host) == JobStatus.STOPPED
                        && j.instance().label() != null && j.instance().kind() != JobKind.LEGACY)
                .map(j -> Findings.about(INFO, j.instance(), j.instance().label() + " is stopped: not loaded and disabled in launchd,"
                                + " so it stays down, also after the next login")
                        .withFix("nothing to do while you want it down; `fleet start " + j.instance().name() + "` brings it back"))
                .toList();
    }
}
