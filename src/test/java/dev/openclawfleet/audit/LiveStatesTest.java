package dev.openclawfleet.audit;

import dev.openclawfleet.model.Instance;
import dev.openclawfleet.model.JobStatus;
import dev.openclawfleet.model.LiveHost;
import dev.openclawfleet.testing.LiveHosts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static dev.openclawfleet.testing.LiveHosts.record;
import static dev.openclawfleet.testing.LiveHosts.started;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every boundary of the live verdict, on synthetic hosts: no timing, no processes. Defaults: a
 * crash loop needs 3 runs, and "young" means under 3 x ThrottleInterval (10 s in the contract plist).
 */
class LiveStatesTest {
    static final int PORT = 18789;
    static final Instance LUCA = LiveHosts.instance("luca", PORT);
    static final String LABEL = "ai.openclaw.luca";

    private static JobStatus status(LiveHost host) {
        return LiveStates.status(host.jobs().get(0), host);
    }

    @ParameterizedTest(name = "no process, KeepAlive, runs {0} -> {1}")
    @CsvSource({"1, NOT_RUNNING", "2, NOT_RUNNING", "3, CRASH_LOOPING", "4, CRASH_LOOPING", "22138, CRASH_LOOPING"})
    void runsOnEachSideOfTheThresholdWithoutAProcess(long runs, JobStatus expected) {
        assertThat(status(new LiveHosts().loaded(LUCA, record(LABEL).waiting().runs(runs).exit(1), null).build())).isEqualTo(expected);
    }

    @ParameterizedTest(name = "young process (5 s), runs {0} -> {1}")
    @CsvSource({"2, RUNNING", "3, CRASH_LOOPING"})
    void runsOnEachSideOfTheThresholdWithAYoungProcess(long runs, JobStatus expected) {
        LiveHost host = new LiveHosts().loaded(LUCA, record(LABEL).running(900).runs(runs).exit(1), 5L).listener(900, PORT).build();
        assertThat(status(host)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "runs 9, up {0} s -> {1}")
    @CsvSource({"0, CRASH_LOOPING", "29, CRASH_LOOPING", "30, RUNNING", "31, RUNNING", "86400, RUNNING"})
    void uptimeOnEachSideOfTheThrottleWindow(long uptime, JobStatus expected) {
        LiveHost host = new LiveHosts().loaded(LUCA, record(LABEL).running(900).runs(9).exit(1), uptime).listener(900, PORT).build();
        assertThat(status(host)).isEqualTo(expected);
    }

    @Test
    void theThrottleWindowFollowsThePlistsThrottleIntervalAndTheThresholds() {
        Instance slow = LiveHosts.instance("luca", PORT, p -> p.put("ThrottleInterval", 60L));
        assertThat(status(new LiveHosts().loaded(slow, record(LABEL).running(900).runs(9), 179L).listener(900, PORT).build()))
                .isEqualTo(JobStatus.CRASH_LOOPING);
        assertThat(status(new LiveHosts().loaded(slow, record(LABEL).running(900).runs(9), 180L).listener(900, PORT).build()))
                .isEqualTo(JobStatus.RUNNING);
        assertThat(status(new LiveHosts().thresholds(10, 1).loaded(LUCA, record(LABEL).running(900).runs(9), 5L).listener(900, PORT).build()))
                .as("below --crash-loop-runs 10").isEqualTo(JobStatus.RUNNING);
        assertThat(status(new LiveHosts().thresholds(3, 1).loaded(LUCA, record(LABEL).running(900).runs(9), 10L).listener(900, PORT).build()))
                .as("--crash-loop-throttles 1: 10 s is past the window").isEqualTo(JobStatus.RUNNING);
    }

    @Test
    void noProcessWithAndWithoutKeepAlive() {
        Instance noKeepAlive = LiveHosts.instance("luca", PORT, p -> p.put("KeepAlive", false));
        assertThat(status(new LiveHosts().loaded(noKeepAlive, record(LABEL).notRunning().runs(5).exit(1).withoutKeepAlive(), null).build()))
                .as("nothing respawns it").isEqualTo(JobStatus.NOT_RUNNING);
        Instance dictionary = LiveHosts.instance("luca", PORT, p -> p.put("KeepAlive", Map.of("SuccessfulExit", false)));
        assertThat(status(new LiveHosts().loaded(dictionary, record(LABEL).waiting().runs(5).exit(1).withoutKeepAlive(), null).build()))
                .as("a KeepAlive dictionary respawns").isEqualTo(JobStatus.CRASH_LOOPING);
        assertThat(status(new LiveHosts().loaded(noKeepAlive, record(LABEL).waiting().runs(5).exit(1), null).build()))
                .as("launchd's keepalive property").isEqualTo(JobStatus.CRASH_LOOPING);
    }

    @Test
    void spawnFailedIsALoopFromTheFirstRun() {
        assertThat(status(new LiveHosts().loaded(LUCA, record(LABEL).waiting().runs(1).spawnFailed(), null).build()))
                .isEqualTo(JobStatus.CRASH_LOOPING);
    }

    @Test
    void exitZeroLoopsAreLoops() {
        assertThat(status(new LiveHosts().loaded(LUCA, record(LABEL).waiting().runs(3).exit(0), null).build()))
                .isEqualTo(JobStatus.CRASH_LOOPING);
        assertThat(status(new LiveHosts().loaded(LUCA, record(LABEL).running(901).runs(40).exit(0), 2L).build()))
                .isEqualTo(JobStatus.CRASH_LOOPING);
    }

    @Test
    void aPidThatPsNoLongerListsDiedYoung() {
        LiveHost gone = new LiveHosts().loaded(LUCA, record(LABEL).running(900).runs(3), null).build();
        assertThat(status(gone)).isEqualTo(JobStatus.CRASH_LOOPING);
        LiveHost firstRun = new LiveHosts().loaded(LUCA, record(LABEL).running(900).runs(1), null).build();
        assertThat(status(firstRun)).as("exited a moment ago, below the threshold").isEqualTo(JobStatus.STARTING);
        LiveHost noPs = new LiveHosts().loaded(LUCA, record(LABEL).running(900).runs(3), null).withoutPs().build();
        assertThat(status(noPs)).as("age unknown without ps: no guess").isEqualTo(JobStatus.RUNNING);
    }

    @Test
    void fleetsOwnRestartsAreNotALoop() {
        // Two `fleet restart` after a bootstrap: runs = 3, a 1 s old process, and fleet recorded runs = 3 with that pid.
        LiveHost restarted = new LiveHosts().loaded(LUCA, record(LABEL).running(902).runs(3).exit(0), 1L, false, started(LABEL, 3, 902))
                .listener(902, PORT).build();
        assertThat(status(restarted)).isEqualTo(JobStatus.RUNNING);
        assertThat(LiveStates.runsSinceStart(restarted.jobs().get(0))).isEqualTo(1);
        // The same without the record: launchd's count alone looks like a loop.
        LiveHost unrecorded = new LiveHosts().loaded(LUCA, record(LABEL).running(902).runs(3).exit(0), 1L).listener(902, PORT).build();
        assertThat(status(unrecorded)).isEqualTo(JobStatus.CRASH_LOOPING);
    }

    @ParameterizedTest(name = "recorded runs 4, now {0}, young process -> {1}")
    @CsvSource({"4, RUNNING", "5, RUNNING", "6, CRASH_LOOPING", "7, CRASH_LOOPING"})
    void runsClimbingSinceFleetsLastStartOnEachSideOfTheThreshold(long runs, JobStatus expected) {
        LiveHost host = new LiveHosts().loaded(LUCA, record(LABEL).running(950).runs(runs).exit(1), 2L, false, started(LABEL, 4, 940))
                .listener(950, PORT).build();
        assertThat(status(host)).isEqualTo(expected);
    }

    @Test
    void aLoopAfterFleetsStartIsStillALoopWithoutAProcess() {
        LiveHost twoRespawns = new LiveHosts().loaded(LUCA, record(LABEL).waiting().runs(3).exit(1), null, false, started(LABEL, 1, 900)).build();
        assertThat(status(twoRespawns)).isEqualTo(JobStatus.CRASH_LOOPING);
        LiveHost oneRespawn = new LiveHosts().loaded(LUCA, record(LABEL).waiting().runs(2).exit(1), null, false, started(LABEL, 1, 900)).build();
        assertThat(status(oneRespawn)).isEqualTo(JobStatus.NOT_RUNNING);
    }

    @Test
    void aRecordFromAnEarlierLoadIsIgnored() {
        // fleet recorded runs = 8; someone booted the job out and in again by hand: launchd counts from 1 again.
        LiveHost reloaded = new LiveHosts().loaded(LUCA, record(LABEL).waiting().runs(3).exit(1), null, false, started(LABEL, 8, 900)).build();
        assertThat(LiveStates.recordApplies(reloaded.jobs().get(0))).isFalse();
        assertThat(status(reloaded)).isEqualTo(JobStatus.CRASH_LOOPING);
    }

    @Test
    void theProcessFleetStartedIsNeverALoop() {
        // Recorded a moment too early (runs 2), but the pid is the one fleet saw: it is still the same process.
        LiveHost host = new LiveHosts().loaded(LUCA, record(LABEL).running(902).runs(4), 3L, false, started(LABEL, 2, 902))
                .listener(902, PORT).build();
        assertThat(status(host)).isEqualTo(JobStatus.RUNNING);
    }

    @Test
    void stoppedNotLoadedDisabledAndUnknown() {
        assertThat(status(new LiveHosts().notLoaded(LUCA, true).build())).isEqualTo(JobStatus.STOPPED);
        assertThat(status(new LiveHosts().notLoaded(LUCA, false).build())).isEqualTo(JobStatus.NOT_LOADED);
        assertThat(status(new LiveHosts().loaded(LUCA, record(LABEL).running(900).runs(1), 3600L, true, null).listener(900, PORT).build()))
                .as("loaded but disabled still runs").isEqualTo(JobStatus.RUNNING);
        assertThat(status(new LiveHosts().unknown(LUCA).build())).isEqualTo(JobStatus.UNKNOWN);
    }

    @ParameterizedTest(name = "up {0} s, nothing listening -> {1}")
    @CsvSource({"0, STARTING", "14, STARTING", "15, RUNNING", "600, RUNNING"})
    void startingUntilFifteenSecondsWithoutAListener(long uptime, JobStatus expected) {
        assertThat(status(new LiveHosts().loaded(LUCA, record(LABEL).running(900).runs(1), uptime).build())).isEqualTo(expected);
    }

    @Test
    void aYoungProcessThatAlreadyListensIsRunning() {
        assertThat(status(new LiveHosts().loaded(LUCA, record(LABEL).running(900).runs(1), 1L).listener(900, PORT).build()))
                .isEqualTo(JobStatus.RUNNING);
        assertThat(status(new LiveHosts().loaded(LUCA, record(LABEL).running(900).runs(1), 1L).withoutLsof().build()))
                .as("without lsof nobody knows: not called starting").isEqualTo(JobStatus.RUNNING);
    }
}
