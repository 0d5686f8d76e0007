package dev.openclawfleet.audit.rules;

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
import dev.openclawfleet.model.Text;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The job keeps dying and KeepAlive keeps respawning it: the classic failures are a missing token
 * (exit 1 at start), a second gateway on a shared lock or port (exit 0, "leaving it in control"),
 * and a missing log folder (78: EX_CONFIG, "spawn failed"). Spawns by fleet's own start and restart
 * do not count (see {@link LiveStates#crashLooping}).
 */
public final class CrashLoop implements LiveRule {
    public static final RuleInfo INFO = new RuleInfo("crash-loop", Severity.ERROR, RuleScope.LIVE,
            "the job keeps exiting and launchd keeps respawning it",
            "read the err log (`fleet logs NAME --err`), fix the cause, then `fleet restart NAME`");
    /** ps reports ages to the second: a line written up to this long before the computed spawn time may still be the current run's. */
    static final long CLOCK_SLACK_SECONDS = 1;

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(LiveHost host) {
        List<Finding> out = new ArrayList<>();
        for (LiveJob j : host.knownJobs()) {
            if (LiveStates.status(j, host) != JobStatus.CRASH_LOOPING) {
                continue;
            }
            String exit = LiveChecks.lastExit(j.service());
            StringBuilder m = new StringBuilder(j.instance().label()).append(" keeps dying and being respawned: runs = ")
                    .append(j.runs());
            if (LiveStates.recordApplies(j)) {
                m.append(" (").append(LiveStates.runsSinceStart(j)).append(" since `fleet ").append(j.start().operation() == null
                        ? "start" : j.start().operation()).append("`)");
            }
            m.append(", state = ").append(j.service().state());
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
            String quote = currentLine(j, host);
            if (quote != null) {
                m.append("; last line of ").append(errLog).append(": \"").append(Text.printable(quote, 240)).append('"');
            } else if (errLog != null) {
                m.append("; see ").append(errLog);
            }
            out.add(Findings.about(INFO, j.instance(), m.toString())
                    .withFix("read `tail -n 50 " + (errLog == null ? "ERRLOG" : errLog) + "`, fix the cause, then `"
                            + LiveChecks.restart(host, j) + "`"));
        }
        return out;
    }

    /**
     * The err log's last line, if it was written by the current run. The probe already keeps only
     * lines written since fleet's own last start; here a job with a process also drops a line the log
     * got before that process was spawned (its start is ps's age, to the second, before the ps snapshot).
     */
    static String currentLine(LiveJob j, LiveHost host) {
        if (j.errTail() == null) {
            return null;
        }
        if (j.pid() != null && j.uptimeSeconds() != null && j.errLogWrittenAt() != null && host.processesAt() != null) {
            Instant spawned = host.processesAt().minusSeconds(j.uptimeSeconds() + CLOCK_SLACK_SECONDS);
            if (j.errLogWrittenAt().isBefore(spawned)) {
                return null;
            }
        }
        return j.errTail();
    }
}
