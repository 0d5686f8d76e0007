package dev.openclawfleet.audit.rules;

import dev.openclawfleet.audit.Findings;
import dev.openclawfleet.audit.LiveRule;
import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.LiveHost;
import dev.openclawfleet.model.LiveJob;
import dev.openclawfleet.model.RuleInfo;
import dev.openclawfleet.model.RuleScope;
import dev.openclawfleet.model.Severity;
import dev.openclawfleet.model.Text;

import java.util.ArrayList;
import java.util.List;

/**
 * The job keeps dying and KeepAlive keeps respawning it: the classic failures are a missing token
 * (exit 1 at start), a second gateway on a shared lock or port (exit 0, "leaving it in control"),
 * and a missing log folder (78: EX_CONFIG, "spawn failed").
 */
public final class CrashLoop implements LiveRule {
    public static final RuleInfo INFO = new RuleInfo("crash-loop", Severity.ERROR, RuleScope.LIVE,
            "the job keeps exiting and launchd keeps respawning it",
            "read the err log (`fleet logs NAME --err`), fix the cause, then `launchctl kickstart -k gui/$(id -u)/LABEL`");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(LiveHost host) {
        List<Finding> out = new ArrayList<>();
        for (LiveJob j : host.knownJobs()) {
            if (!LiveChecks.crashLooping(j, host)) {
                continue;
            }
            String exit = LiveChecks.lastExit(j.service());
            StringBuilder m = new StringBuilder(j.instance().label()).append(" keeps dying and being respawned: runs = ")
                    .append(j.runs()).append(", state = ").append(j.service().state());
            if ("spawn failed".equals(j.service().jobState())) {
                m.append(", job state = spawn failed");
            }
            if (exit != null) {
                m.append(", last ").append(exit);
                if (exit.equals("exit code 0")) {
                    m.append(" (KeepAlive restarts clean exits too: often a second gateway finding the lock or port taken)");
                }
            }
            String errLog = j.instance().job().standardErrorPath().orElse(null);
            if (j.errTail() != null) {
                m.append("; last line of ").append(errLog).append(": \"").append(Text.printable(j.errTail(), 240)).append('"');
            } else if (errLog != null) {
                m.append("; see ").append(errLog);
            }
            out.add(Findings.about(INFO, j.instance(), m.toString())
                    .withFix("read `tail -n 50 " + (errLog == null ? "ERRLOG" : errLog) + "`, fix the cause, then `launchctl kickstart -k "
                            + NotLoaded.target(host, j) + "`"));
        }
        return out;
    }
}
