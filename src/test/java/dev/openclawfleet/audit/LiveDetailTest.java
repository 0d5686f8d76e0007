package dev.openclawfleet.audit;

import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.Instance;
import dev.openclawfleet.model.LastExit;
import dev.openclawfleet.model.ListEntry;
import dev.openclawfleet.model.LiveHost;
import dev.openclawfleet.model.LiveJob;
import dev.openclawfleet.model.LiveThresholds;
import dev.openclawfleet.model.ProcessInfo;
import dev.openclawfleet.model.ProcessTree;
import dev.openclawfleet.model.ServiceRecord;
import dev.openclawfleet.model.StartRecord;
import dev.openclawfleet.testing.LiveHosts;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.openclawfleet.testing.LiveHosts.record;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who needs `launchctl print`, decided from one `launchctl list` and one `ps` over synthetic data;
 * and the proof that skipping it changes nothing: for every job it skips, the verdict and every
 * live finding are the same as with launchd's full record.
 */
class LiveDetailTest {
    static final int PORT = 18789;
    static final String LABEL = "ai.openclaw.luca";
    static final Instance LUCA = LiveHosts.instance("luca", PORT);

    private static Optional<LiveDetail.Reason> decide(Instance i, ListEntry entry, Long uptime, LiveThresholds thresholds) {
        Map<String, ListEntry> listed = entry == null ? Map.of() : Map.of(entry.label(), entry);
        List<ProcessInfo> ps = entry == null || entry.pid() == null || uptime == null ? List.of()
                : List.of(new ProcessInfo(entry.pid(), 1, uptime, "node gateway"));
        return LiveDetail.needsPrint(i, listed, new ProcessTree(ps), thresholds);
    }

    @Test
    void anOldHealthyProcessNeedsNoPrint() {
        assertThat(decide(LUCA, new ListEntry(900, 0, LABEL), 30L, LiveThresholds.DEFAULT)).isEmpty();
        assertThat(decide(LUCA, new ListEntry(900, 0, LABEL), 86_400L, LiveThresholds.DEFAULT)).isEmpty();
    }

    @Test
    void everyOtherJobIsPrinted() {
        assertThat(decide(LUCA, null, null, LiveThresholds.DEFAULT)).contains(LiveDetail.Reason.NOT_LISTED);
        assertThat(decide(LUCA, new ListEntry(null, 0, LABEL), null, LiveThresholds.DEFAULT)).contains(LiveDetail.Reason.NO_PROCESS);
        assertThat(decide(LUCA, new ListEntry(null, 78, LABEL), null, LiveThresholds.DEFAULT)).contains(LiveDetail.Reason.NO_PROCESS);
        assertThat(decide(LUCA, new ListEntry(900, 1, LABEL), 3600L, LiveThresholds.DEFAULT)).contains(LiveDetail.Reason.LAST_EXIT);
        assertThat(decide(LUCA, new ListEntry(900, -15, LABEL), 3600L, LiveThresholds.DEFAULT)).contains(LiveDetail.Reason.LAST_EXIT);
        assertThat(decide(LUCA, new ListEntry(900, 0, LABEL), null, LiveThresholds.DEFAULT)).contains(LiveDetail.Reason.PROCESS_UNSEEN);
        assertThat(decide(LUCA, new ListEntry(900, 0, LABEL), 29L, LiveThresholds.DEFAULT)).contains(LiveDetail.Reason.YOUNG);
        assertThat(decide(LUCA, new ListEntry(900, 0, LABEL), 0L, LiveThresholds.DEFAULT)).contains(LiveDetail.Reason.YOUNG);
    }

    @Test
    void withoutAListOrAProcessTableEveryJobIsPrinted() {
        assertThat(LiveDetail.needsPrint(LUCA, null, new ProcessTree(List.of()), LiveThresholds.DEFAULT)).contains(LiveDetail.Reason.EVERY_JOB);
        assertThat(LiveDetail.needsPrint(LUCA, Map.of(LABEL, new ListEntry(900, 0, LABEL)), null, LiveThresholds.DEFAULT))
                .contains(LiveDetail.Reason.PROCESS_UNSEEN);
    }

    @Test
    void theWindowIsThePlistsThrottleIntervalTimesTheThreshold() {
        Instance quick = LiveHosts.instance("luca", PORT, p -> p.put("ThrottleInterval", 1L));
        assertThat(decide(quick, new ListEntry(900, 0, LABEL), 2L, LiveThresholds.DEFAULT)).contains(LiveDetail.Reason.YOUNG);
        assertThat(decide(quick, new ListEntry(900, 0, LABEL), 3L, LiveThresholds.DEFAULT)).isEmpty();
        assertThat(decide(LUCA, new ListEntry(900, 0, LABEL), 10L, new LiveThresholds(3, 1))).isEmpty();
        assertThat(decide(LUCA, new ListEntry(900, 0, LABEL), 59L, new LiveThresholds(3, 6))).contains(LiveDetail.Reason.YOUNG);
    }

    /**
     * Every combination of runs, uptime, last exit, fleet's start record, port, disabled flag and
     * thresholds: where the decision skips the print, the job's status and every live finding are
     * the same from the list row alone as from launchd's full record.
     */
    @Test
    void skippingThePrintNeverChangesAVerdict() {
        int skipped = 0;
        for (long runs : new long[]{1, 3, 9, 22138}) {
            for (long uptime : new long[]{0, 5, 14, 15, 29, 30, 31, 3600}) {
                for (LastExit exit : List.of(new LastExit.Never(), new LastExit.Code(0, null), new LastExit.Code(1, null))) {
                    for (StartRecord start : java.util.Arrays.asList(null, LiveHosts.started(LABEL, runs, 900),
                            LiveHosts.started(LABEL, Math.max(1, runs - 2), 800))) {
                        for (boolean listening : new boolean[]{true, false}) {
                            for (boolean disabled : new boolean[]{false, true}) {
                                for (LiveThresholds t : List.of(LiveThresholds.DEFAULT, new LiveThresholds(3, 1))) {
                                    skipped += compare(runs, uptime, exit, start, listening, disabled, t) ? 1 : 0;
                                }
                            }
                        }
                    }
                }
            }
        }
        assertThat(skipped).as("combinations where the print was skipped").isGreaterThan(100);
    }

    private static boolean compare(long runs, long uptime, LastExit exit, StartRecord start, boolean listening, boolean disabled,
                                   LiveThresholds thresholds) {
        LiveHosts.Record full = record(LABEL).running(900).runs(runs);
        if (exit instanceof LastExit.Code c) {
            full.exit(c.code());
        }
        ServiceRecord printed = full.build();
        ListEntry row = new ListEntry(900, exit instanceof LastExit.Code c ? c.code() : 0, LABEL);
        if (decide(LUCA, row, uptime, thresholds).isPresent()) {
            return false;
        }
        LiveHost withPrint = host(new LiveJob(LUCA, printed, true, disabled, uptime, null, null, start), uptime, listening, thresholds);
        LiveHost fromList = host(new LiveJob(LUCA, ServiceRecord.listed("gui/" + LiveHosts.UID, row), true, disabled, uptime, null, null, start),
                uptime, listening, thresholds);
        String what = "runs " + runs + ", up " + uptime + ", " + exit + ", start " + start + ", listening " + listening
                + ", disabled " + disabled + ", " + thresholds;
        assertThat(LiveStates.status(fromList.jobs().get(0), fromList)).as(what).isEqualTo(LiveStates.status(withPrint.jobs().get(0), withPrint));
        assertThat(describe(Checker.live(fromList))).as(what).isEqualTo(describe(Checker.live(withPrint)));
        return true;
    }

    private static LiveHost host(LiveJob job, long uptime, boolean listening, LiveThresholds t) {
        LiveHosts h = new LiveHosts().thresholds(t.runs(), t.throttles()).job(job)
                .process(900, 1, uptime, "/opt/homebrew/bin/node " + LiveHosts.ENTRY + " gateway --port " + PORT);
        if (listening) {
            h.listener(900, PORT);
        }
        return h.build();
    }

    private static List<String> describe(List<Finding> findings) {
        List<String> out = new ArrayList<>();
        findings.forEach(f -> out.add(f.rule() + " " + f.severity() + " " + f.message() + " | " + f.fix()));
        return out;
    }
}
