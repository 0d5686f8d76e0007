package dev.openclawfleet.audit;

import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.GatewayLocks;
import dev.openclawfleet.model.Instance;
import dev.openclawfleet.model.LiveHost;
import dev.openclawfleet.model.LiveJob;
import dev.openclawfleet.model.LockFile;
import dev.openclawfleet.model.Severity;
import dev.openclawfleet.testing.LiveHosts;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static dev.openclawfleet.testing.LiveHosts.NOW;
import static dev.openclawfleet.testing.LiveHosts.record;
import static dev.openclawfleet.testing.LiveHosts.started;
import static org.assertj.core.api.Assertions.assertThat;

/** What each live rule says (rule, severity, message, fix) for the verdicts of {@link LiveStates}, on synthetic hosts. */
class LiveRulesTest {
    static final int PORT = 18789;
    static final Instance LUCA = LiveHosts.instance("luca", PORT);
    static final String LABEL = "ai.openclaw.luca";
    static final String HAND_STARTED_EXACT = "/opt/homebrew/bin/node " + LiveHosts.ENTRY + " gateway --port " + PORT;

    private static List<Finding> findings(LiveHost host) {
        return Checker.live(host);
    }

    private static List<Finding> of(LiveHost host, String rule) {
        return findings(host).stream().filter(f -> f.rule().equals(rule)).toList();
    }

    @Test
    void aHealthyJobHasNoFinding() {
        assertThat(findings(new LiveHosts().loaded(LUCA, record(LABEL).running(900).runs(1), 3600L).listener(900, PORT).build())).isEmpty();
    }

    @Test
    void stoppedIsAnInfoAndNothingElse() {
        List<Finding> all = findings(new LiveHosts().notLoaded(LUCA, true).build());
        assertThat(all).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("stopped");
            assertThat(f.severity()).isEqualTo(Severity.INFO);
            assertThat(f.message()).contains("ai.openclaw.luca is stopped: not loaded and disabled in launchd");
            assertThat(f.fix()).contains("`fleet start luca`");
        });
    }

    @Test
    void notLoadedAndNotDisabledIsAnError() {
        assertThat(findings(new LiveHosts().notLoaded(LUCA, false).build())).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("not-loaded");
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.fix()).startsWith("launchctl bootstrap gui/501 ").endsWith("(or `fleet start luca`)");
        });
    }

    @Test
    void loadedButDisabledIsAWarning() {
        assertThat(findings(new LiveHosts().loaded(LUCA, record(LABEL).running(900).runs(1), 3600L, true, null).listener(900, PORT).build()))
                .singleElement().satisfies(f -> {
                    assertThat(f.rule()).isEqualTo("disabled");
                    assertThat(f.severity()).isEqualTo(Severity.WARNING);
                    assertThat(f.fix()).isEqualTo("launchctl enable gui/501/ai.openclaw.luca");
                });
    }

    @Test
    void crashLoopFindingCountsRunsSinceFleetsStartAndSaysFleetRestart() {
        LiveHost host = new LiveHosts().loaded(LUCA, record(LABEL).waiting().runs(7).exit(1), null, false, started(LABEL, 4, 940)).build();
        assertThat(of(host, "crash-loop")).singleElement().satisfies(f -> {
            assertThat(f.message()).contains("runs = 7 (4 since `fleet restart`), state = spawn scheduled, last exit code 1");
            assertThat(f.fix()).endsWith("fix the cause, then `fleet restart luca`");
        });
        assertThat(of(host, "not-running")).isEmpty();
    }

    @Test
    void crashLoopBelowTheThresholdIsNotRunning() {
        LiveHost host = new LiveHosts().loaded(LUCA, record(LABEL).waiting().runs(2).exit(1), null).build();
        assertThat(of(host, "crash-loop")).isEmpty();
        assertThat(of(host, "not-running")).singleElement().satisfies(f ->
                assertThat(f.message()).isEqualTo("ai.openclaw.luca is loaded but not running (state = spawn scheduled, runs = 2, last exit code 1)"));
    }

    @Test
    void exitZeroLoopSaysKeepAliveRestartsCleanExits() {
        assertThat(of(new LiveHosts().loaded(LUCA, record(LABEL).waiting().runs(3).exit(0), null).build(), "crash-loop"))
                .singleElement().satisfies(f -> assertThat(f.message()).contains("last exit code 0 (KeepAlive restarts clean exits too"));
    }

    @Test
    void theErrLogIsQuotedOnlyWhenWrittenSinceTheCurrentSpawn() {
        // A young process (5 s) in a loop; the err log's last line was written before it was spawned: not the current run's.
        LiveJob old = new LiveJob(LUCA, record(LABEL).running(900).runs(9).exit(1).build(), true, false, 5L, "no token is configured",
                NOW.minusSeconds(60), null);
        LiveHost host = new LiveHosts().job(old).process(900, 1, 5, HAND_STARTED_EXACT).build();
        assertThat(of(host, "crash-loop")).singleElement().satisfies(f ->
                assertThat(f.message()).doesNotContain("no token is configured").contains("; see "));
        LiveJob fresh = new LiveJob(LUCA, record(LABEL).running(900).runs(9).exit(1).build(), true, false, 5L, "no token is configured",
                NOW.minusSeconds(2), null);
        LiveHost now = new LiveHosts().job(fresh).process(900, 1, 5, HAND_STARTED_EXACT).build();
        assertThat(of(now, "crash-loop")).singleElement().satisfies(f ->
                assertThat(f.message()).contains("last line of " + LUCA.job().standardErrorPath().orElseThrow() + ": \"no token is configured\""));
        // Between spawns (no process) the line is the last run's: quoted.
        LiveJob waiting = new LiveJob(LUCA, record(LABEL).waiting().runs(9).exit(1).build(), true, false, null, "no token is configured",
                NOW.minusSeconds(60), null);
        assertThat(of(new LiveHosts().job(waiting).build(), "crash-loop")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("\"no token is configured\""));
    }

    @Test
    void portNotListeningIsAWarningWhileStarting() {
        assertThat(of(new LiveHosts().loaded(LUCA, record(LABEL).running(900).runs(1), 7L).build(), "port-not-listening"))
                .singleElement().satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.WARNING);
                    assertThat(f.message()).contains("(started 7 s ago) but nothing listens on port " + PORT + " yet");
                });
        assertThat(of(new LiveHosts().loaded(LUCA, record(LABEL).running(900).runs(1), 600L).build(), "port-not-listening"))
                .singleElement().satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.ERROR));
    }

    @Test
    void aHandStartedGatewayWithTheJobsExactArgumentsWhileNotLoadedIsUnmanaged() {
        LiveHost host = new LiveHosts().notLoaded(LUCA, false).process(4312, 777, 60, HAND_STARTED_EXACT).listener(4312, PORT).build();
        assertThat(of(host, "unmanaged-gateway")).singleElement().satisfies(f -> {
            assertThat(f.message()).startsWith("pid 4312 ").contains("serves luca's port " + PORT + " outside launchd");
            assertThat(f.fix()).isEqualTo("kill 4312 && fleet start luca");
        });
        assertThat(of(host, "port-taken")).isEmpty();
    }

    @Test
    void aHandStartedGatewayWithARelativeEntryIsUnmanagedAndItsLockIsNotStale() {
        Path lock = GatewayLocks.lockDir(LUCA.stateDir(), LiveHosts.UID).resolve(GatewayLocks.STATE_LOCK);
        LiveHost host = new LiveHosts().loaded(LUCA, record(LABEL).waiting().runs(1).exit(0), null)
                .process(4312, 777, 60, "node dist/index.js gateway --port " + PORT).listener(4312, PORT)
                .lock(new LockFile(lock, false, 4312L, NOW.minusSeconds(59), NOW.minusSeconds(59).toEpochMilli(), null, null, PORT))
                .build();
        assertThat(of(host, "unmanaged-gateway")).singleElement().satisfies(f -> {
            assertThat(f.message()).startsWith("pid 4312 `node dist/index.js gateway --port " + PORT + "` serves luca's port");
            assertThat(f.fix()).isEqualTo("kill 4312 && fleet restart luca");
        });
        assertThat(of(host, "port-taken")).isEmpty();
        assertThat(of(host, "stale-lock")).isEmpty();
    }

    @Test
    void aRespawnBetweenPrintAndPsIsNotUnmanagedButAnOldSquatterWithTheSameArgumentsIs() {
        // print named pid 900; by the time ps ran, launchd had respawned the job as 905, which loses the race and exits.
        LiveHost respawn = new LiveHosts().loaded(LUCA, record(LABEL).running(900).runs(9).exit(0), null)
                .process(905, 1, 0, HAND_STARTED_EXACT).build();
        assertThat(of(respawn, "unmanaged-gateway")).isEmpty();
        // A copy of the job's command line started by hand an hour ago, serving the port the looping job wants.
        LiveHost squatter = new LiveHosts().loaded(LUCA, record(LABEL).waiting().runs(9).exit(0), null)
                .process(4312, 777, 3600, HAND_STARTED_EXACT).listener(4312, PORT).build();
        assertThat(of(squatter, "unmanaged-gateway")).singleElement()
                .satisfies(f -> assertThat(f.message()).startsWith("pid 4312 ").contains("serves luca's port"));
    }

    @Test
    void aGatewayHoldingTheLockWithoutListeningIsUnmanagedToo() {
        Path lock = GatewayLocks.lockDir(LUCA.stateDir(), LiveHosts.UID).resolve(GatewayLocks.STATE_LOCK);
        LiveHost host = new LiveHosts().loaded(LUCA, record(LABEL).waiting().runs(1).exit(0), null)
                .process(4312, 777, 60, "/usr/local/bin/openclaw gateway")
                .lock(new LockFile(lock, false, 4312L, NOW.minusSeconds(59), null, null, null, PORT)).build();
        assertThat(of(host, "unmanaged-gateway")).singleElement().satisfies(f ->
                assertThat(f.message()).contains("holds luca's gateway lock " + lock));
        assertThat(of(host, "stale-lock")).isEmpty();
    }

    @Test
    void aStrangerThatIsNoGatewayIsPortTaken() {
        LiveHost host = new LiveHosts().loaded(LUCA, record(LABEL).waiting().runs(1).exit(0), null)
                .process(4242, 1, 600, "/usr/bin/python3 -m http.server " + PORT).listener(4242, PORT).build();
        assertThat(of(host, "port-taken")).singleElement().satisfies(f ->
                assertThat(f.message()).contains("taken by pid 4242 (`/usr/bin/python3 -m http.server " + PORT + "`)"));
        assertThat(of(host, "unmanaged-gateway")).isEmpty();
    }

    @Test
    void aSquattersChildSharingItsSocketIsNotASecondSquatter() {
        // lsof lists the socket under the parent and, until it closes or execs, a child it forked.
        LiveHost host = new LiveHosts().loaded(LUCA, record(LABEL).waiting().runs(3).exit(1), null)
                .process(4242, 1, 600, "/usr/bin/python3 -m http.server " + PORT).listener(4242, PORT)
                .process(4250, 4242, 0, "/bin/ps -axo pid=,ppid=,etime=,command=").listener(4250, PORT)
                .process(5000, 1, 60, "/usr/bin/nc -l " + PORT).listener(5000, PORT).build();
        assertThat(of(host, "port-taken")).extracting(Finding::message).hasSize(2)
                .anySatisfy(m -> assertThat(m).contains("pid 4242 "))
                .anySatisfy(m -> assertThat(m).contains("pid 5000 "));
    }

    @Test
    void aStoppedInstancesTakenPortIsOnlyAWarning() {
        LiveHost host = new LiveHosts().notLoaded(LUCA, true).process(4242, 1, 600, "/usr/bin/python3 -m http.server " + PORT)
                .listener(4242, PORT).build();
        assertThat(of(host, "port-taken")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.message()).contains("(stopped)").contains("`fleet start luca` will fail");
        });
    }

    @Test
    void staleLockOnlyForADeadOrReusedPid() {
        Path lock = GatewayLocks.lockDir(LUCA.stateDir(), LiveHosts.UID).resolve(GatewayLocks.STATE_LOCK);
        Instant taken = NOW.minusSeconds(3600);
        LiveHosts base = new LiveHosts().loaded(LUCA, record(LABEL).running(900).runs(1), 60L).listener(900, PORT);
        LiveHost dead = base.lock(new LockFile(lock, false, 4711L, taken, null, null, null, PORT)).build();
        assertThat(of(dead, "stale-lock")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.fix()).contains("delete " + lock);
        });
        LiveHost reused = new LiveHosts().loaded(LUCA, record(LABEL).running(900).runs(1), 60L).listener(900, PORT)
                .process(4711, 1, 600, "-zsh").lock(new LockFile(lock, false, 4711L, taken, null, null, null, PORT)).build();
        assertThat(of(reused, "stale-lock")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.message()).contains("started after the lock was taken");
        });
        // Older than the lock: the process holds it, whatever it looks like. No fix may delete it.
        LiveHost held = new LiveHosts().loaded(LUCA, record(LABEL).running(900).runs(1), 60L).listener(900, PORT)
                .process(4711, 1, 7200, "-zsh").lock(new LockFile(lock, false, 4711L, taken, null, null, null, PORT)).build();
        assertThat(of(held, "stale-lock")).isEmpty();
    }
}
