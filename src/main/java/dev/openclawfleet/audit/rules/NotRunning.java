package dev.openclawfleet.audit.rules;

import dev.openclawfleet.audit.Findings;
import dev.openclawfleet.audit.LiveRule;
import dev.openclawfleet.audit.LiveStates;
import dev.openclawfleet.model.JobStatus;
import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.LiveHost;
import dev.openclawfleet.model.LiveJob;
import dev.openclawfleet.model.RuleInfo;
import dev.openclawfleet.model.RuleScope;
import dev.openclawfleet.model.Severity;

import java.util.ArrayList;
import java.util.List;

/** Loaded in launchd but without a process, and not (yet) a crash loop. */
public final class NotRunning implements LiveRule {
    public static final RuleInfo INFO = new RuleInfo("not-running", Severity.ERROR, RuleScope.LIVE,
            "launchd has the job loaded but no gateway process is running",
            "launchctl kickstart gui/$(id -u)/LABEL, then check its err log");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(LiveHost host) {
        List<Finding> out = new ArrayList<>();
        for (LiveJob j : host.knownJobs()) {
            if (LiveStates.status(j, host) != JobStatus.NOT_RUNNING) {
                continue;
            }
            String exit = LiveChecks.lastExit(j.service());
            out.add(Findings.about(INFO, j.instance(), j.instance().label() + " is loaded but not running (state = "
                    + j.service().state() + ", runs = " + j.runs() + (exit == null ? "" : ", last " + exit) + ")")
                    .withFix("launchctl kickstart " + NotLoaded.target(host, j) + " and read "
                            + j.instance().job().standardErrorPath().orElse("its err log")));
        }
        return out;
    }
}
