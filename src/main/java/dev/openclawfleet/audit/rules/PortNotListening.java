package dev.openclawfleet.audit.rules;

import dev.openclawfleet.audit.PlistKeys;
import dev.openclawfleet.audit.Findings;
import dev.openclawfleet.audit.LiveRule;
import dev.openclawfleet.audit.LiveStates;
import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.JobStatus;
import dev.openclawfleet.model.LiveHost;
import dev.openclawfleet.model.LiveJob;
import dev.openclawfleet.model.RuleInfo;
import dev.openclawfleet.model.RuleScope;
import dev.openclawfleet.model.Severity;

import java.util.ArrayList;
import java.util.List;

/**
 * The job is running, yet nothing listens on its gateway port. A process that is still starting
 * (younger than 15 s) gets a warning.
 */
public final class PortNotListening implements LiveRule {
    public static final RuleInfo INFO = new RuleInfo("port-not-listening", Severity.ERROR, RuleScope.LIVE,
            "the job is running but nothing listens on its gateway port",
            "read the gateway's log: it may be stuck before binding, or bound another port (see port-mismatch)");
    static final long STARTING_SECONDS = LiveStates.STARTING_SECONDS;

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(LiveHost host) {
        List<Finding> out = new ArrayList<>();
        if (!host.portsKnown()) {
            return out;
        }
        for (LiveJob j : host.knownJobs()) {
            Integer port = j.instance().port();
            JobStatus status = LiveStates.status(j, host);
            if (port == null || (status != JobStatus.RUNNING && status != JobStatus.STARTING) || !host.listenersOn(port).isEmpty()) {
                continue;
            }
            boolean starting = status == JobStatus.STARTING;
            String age = j.uptimeSeconds() == null ? "" : " (started " + j.uptimeSeconds() + " s ago)";
            Finding f = Findings.about(INFO, j.instance(), j.instance().label() + " runs as pid " + j.pid()
                    + (starting ? age : "") + " but nothing listens on port " + port + (starting ? " yet" : ""))
                    .withFix("read " + j.instance().job().standardOutPath().orElse("its log") + " and "
                            + j.instance().job().standardErrorPath().orElse("its err log")).at(PlistKeys.port(j.instance()));
            out.add(starting ? f.withSeverity(Severity.WARNING) : f);
        }
        return out;
    }
}
