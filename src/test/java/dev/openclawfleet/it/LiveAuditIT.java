package dev.openclawfleet.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openclawfleet.testing.CliRun;
import dev.openclawfleet.testing.FleetFixture;
import dev.openclawfleet.testing.StandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The failure modes of seed 004 as they happen: real gateway processes (the fake OpenClaw gateway)
 * started by the launchctl stand-in, real ports on 127.0.0.1, real lsof and ps, and `fleet audit`
 * naming the exact rule and instance.
 */
@Timeout(120)
class LiveAuditIT {
    static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path tmp;
    StandIn launchd;
    FleetFixture fleet;
    final List<Process> strays = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        launchd = new StandIn(tmp);
        fleet = FleetFixture.withFakeGateway(tmp);
    }

    @AfterEach
    void tearDown() throws Exception {
        launchd.close();
        strays.forEach(p -> {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        });
    }

    private CliRun.Result auditRun(String... extra) {
        List<String> args = new ArrayList<>(List.of("audit", "--agents-dir", fleet.agents.toString(), "--root", fleet.root.toString()));
        args.addAll(List.of(extra));
        return launchd.cli().run(args.toArray(String[]::new));
    }

    private JsonNode audit() throws Exception {
        CliRun.Result r = auditRun("--format", "json");
        assertThat(r.err()).doesNotContain("Exception");
        return new ObjectMapper().readTree(r.out());
    }

    private static List<JsonNode> findings(JsonNode report, String rule) {
        List<JsonNode> out = new ArrayList<>();
        report.path("findings").forEach(f -> {
            if (f.path("rule").asText().equals(rule)) {
                out.add(f);
            }
        });
        return out;
    }

    private static JsonNode live(JsonNode report, String name) {
        for (JsonNode i : report.path("instances")) {
            if (i.path("name").asText().equals(name)) {
                return i.path("live");
            }
        }
        throw new AssertionError("no instance " + name);
    }

    private void awaitListening(int port) throws InterruptedException {
        StandIn.await(WAIT, "port " + port + " listening", () -> StandIn.listening(port));
    }

    private void awaitRuns(String label, long runs) throws InterruptedException {
        StandIn.await(WAIT, label + " runs >= " + runs, () -> {
            try {
                return launchd.runs(label) >= runs;
            } catch (Exception e) {
                return false;
            }
        });
    }

    @Test
    void healthyTwoInstanceFleetAuditsClean() throws Exception {
        int luca = StandIn.freePorts(2);
        int critic = luca + 20;
        launchd.bootstrap(fleet.instance("luca", luca).write());
        launchd.bootstrap(fleet.instance("critic", critic).write());
        awaitListening(luca);
        awaitListening(critic);

        CliRun.Result text = auditRun();
        assertThat(text.exitCode()).as(text.out() + text.err()).isZero();
        assertThat(text.out()).contains("2 instances: 0 errors, 0 warnings, 0 infos").doesNotContain("note:");

        JsonNode report = audit();
        assertThat(report.path("findings")).isEmpty();
        for (String name : List.of("luca", "critic")) {
            JsonNode live = live(report, name);
            assertThat(live.path("loaded").asBoolean()).isTrue();
            assertThat(live.path("state").asText()).isEqualTo("running");
            assertThat(live.path("pid").asLong()).isPositive();
            assertThat(live.path("runs").asLong()).isEqualTo(1);
            assertThat(live.path("listening").asBoolean()).isTrue();
            assertThat(live.path("uptimeSeconds").isNumber()).isTrue();
        }
    }

    @Test
    void lockAndStateCollisionOfTwoPlistsOnOneStateDir() throws Exception {
        int luca = StandIn.freePorts(2);
        launchd.bootstrap(fleet.instance("luca", luca).write());
        awaitListening(luca);
        Path shared = fleet.root.resolve(".openclaw-luca");
        launchd.bootstrap(fleet.instance("critic", luca + 20).env("OPENCLAW_STATE_DIR", shared.toString())
                .env("OPENCLAW_CONFIG_PATH", shared.resolve("openclaw.json").toString())
                .plist(p -> p.put("StandardErrorPath", shared.resolve("logs/critic.err.log").toString())).write());
        awaitRuns("ai.openclaw.critic", 4);

        JsonNode report = audit();
        assertThat(findings(report, "lock-collision")).isNotEmpty().allSatisfy(f ->
                assertThat(f.path("instances").toString()).contains("luca").contains("critic"));
        assertThat(findings(report, "lock-collision")).anySatisfy(f ->
                assertThat(f.path("message").asText()).contains("critic's gateway lock").contains("held by luca's gateway"));
        assertThat(findings(report, "crash-loop")).singleElement().satisfies(f -> {
            assertThat(f.path("instances").toString()).isEqualTo("[\"critic\"]");
            assertThat(f.path("message").asText()).contains("last exit code 0").contains("leaving it in control");
        });
        assertThat(findings(report, "duplicate-state-dir")).hasSize(1);
        assertThat(live(report, "luca").path("listening").asBoolean()).isTrue();
    }

    @Test
    void tokenMissingCrashLoop() throws Exception {
        int port = StandIn.freePort();
        launchd.bootstrap(fleet.instance("critic", port)
                .config(c -> c.withObjectProperty("gateway").withObjectProperty("auth").remove("token")).write());
        awaitRuns("ai.openclaw.critic", 4);

        JsonNode report = audit();
        assertThat(findings(report, "crash-loop")).singleElement().satisfies(f -> {
            assertThat(f.path("instances").toString()).isEqualTo("[\"critic\"]");
            assertThat(f.path("message").asText()).contains("last exit code 1").contains("no token is configured")
                    .contains("gateway.err.log");
        });
        assertThat(findings(report, "token-missing")).hasSize(1);
        assertThat(findings(report, "not-running")).isEmpty();
        assertThat(live(report, "critic").path("lastExitCode").asInt()).isEqualTo(1);
        assertThat(auditRun().exitCode()).isEqualTo(1);
    }

    @Test
    void gatewayStartedFromAShellOnAnInstancesPort() throws Exception {
        int port = StandIn.freePort();
        fleet.instance("luca", port).write();
        ProcessBuilder shell = new ProcessBuilder("/bin/sh", "-c", "exec node \"$0\" gateway --port \"$1\"",
                FleetFixture.FAKE_GATEWAY.toString(), Integer.toString(port));
        shell.environment().put("OPENCLAW_STATE_DIR", fleet.root.resolve(".openclaw-luca").toString());
        shell.redirectOutput(tmp.resolve("shell.log").toFile()).redirectErrorStream(true);
        Process gateway = shell.start();
        strays.add(gateway);
        awaitListening(port);

        JsonNode report = audit();
        assertThat(findings(report, "unmanaged-gateway")).singleElement().satisfies(f -> {
            assertThat(f.path("instances").toString()).isEqualTo("[\"luca\"]");
            assertThat(f.path("message").asText()).contains("pid " + gateway.pid()).contains("outside launchd");
            assertThat(f.path("fix").asText()).startsWith("kill " + gateway.pid());
        });
        assertThat(findings(report, "not-loaded")).hasSize(1);
        assertThat(findings(report, "port-taken")).isEmpty();
    }

    @Test
    void mixedDirectorySemantics() throws Exception {
        int port = StandIn.freePorts(2);
        launchd.bootstrap(fleet.instance("luca", port).write());
        // A gateway whose state dir is the container root itself, next to the .openclaw-* instances.
        Files.writeString(fleet.root.resolve("openclaw.json"), "{gateway: {mode: 'local', auth: {mode: 'none'}}}");
        Files.createDirectories(fleet.root.resolve("sessions"));
        launchd.bootstrap(fleet.instance("main", port + 20).env("OPENCLAW_STATE_DIR", fleet.root.toString())
                .env("OPENCLAW_CONFIG_PATH", fleet.root.resolve("openclaw.json").toString())
                .plist(p -> p.put("StandardOutPath", fleet.root.resolve("gateway.log").toString()))
                .plist(p -> p.put("StandardErrorPath", fleet.root.resolve("gateway.err.log").toString())).write());
        awaitListening(port + 20);

        JsonNode report = audit();
        assertThat(findings(report, "mixed-root-state")).singleElement().satisfies(f -> {
            assertThat(f.path("path").asText()).isEqualTo(fleet.root.toString());
            assertThat(f.path("message").asText()).contains("openclaw.json").contains("sessions/").contains("gateway.");
        });
        assertThat(findings(report, "state-dir-env")).anySatisfy(f -> assertThat(f.path("instances").toString()).contains("main"));
    }

    @Test
    void aJobExitingZeroUnderKeepAliveIsACrashLoop() throws Exception {
        int port = StandIn.freePort();
        launchd.bootstrap(fleet.instance("luca", port).env("FAKE_OPENCLAW_EXIT_CODE", "0").write());
        awaitRuns("ai.openclaw.luca", 4);

        JsonNode report = audit();
        assertThat(findings(report, "crash-loop")).singleElement().satisfies(f ->
                assertThat(f.path("message").asText()).contains("last exit code 0").contains("KeepAlive restarts clean exits too"));
        assertThat(findings(report, "not-running")).isEmpty();
    }

    @Test
    void anotherProcessOnTheInstancesPort() throws Exception {
        int port = StandIn.freePort();
        try (ServerSocket squatter = new ServerSocket(port, 5, InetAddress.getLoopbackAddress())) {
            assertThat(squatter.isBound()).isTrue();
            launchd.bootstrap(fleet.instance("luca", port).write());
            awaitRuns("ai.openclaw.luca", 3);
            JsonNode report = audit();
            assertThat(findings(report, "port-taken")).singleElement().satisfies(f -> {
                assertThat(f.path("instances").toString()).isEqualTo("[\"luca\"]");
                assertThat(f.path("message").asText()).contains("pid " + ProcessHandle.current().pid()).contains("java");
            });
            assertThat(findings(report, "crash-loop")).hasSize(1);
        }
    }

    @Test
    void loadedButNotRunningAndDisabled() throws Exception {
        int port = StandIn.freePort();
        Path plist = fleet.instance("luca", port).plist(p -> p.put("RunAtLoad", false)).plist(p -> p.put("KeepAlive", false)).write();
        launchd.bootstrap(plist);
        launchd.launchctl("disable", launchd.gui() + "/ai.openclaw.luca");
        JsonNode report = audit();
        assertThat(findings(report, "not-running")).singleElement()
                .satisfies(f -> assertThat(f.path("message").asText()).contains("loaded but not running"));
        assertThat(findings(report, "disabled")).singleElement()
                .satisfies(f -> assertThat(f.path("fix").asText()).isEqualTo("launchctl enable " + launchd.gui() + "/ai.openclaw.luca"));
        assertThat(findings(report, "crash-loop")).isEmpty();
    }

    @Test
    void slowStarterIsNotListeningYet() throws Exception {
        int port = StandIn.freePort();
        launchd.bootstrap(fleet.instance("luca", port).env("FAKE_OPENCLAW_START_DELAY_MS", "60000").write());
        JsonNode report = audit();
        assertThat(findings(report, "port-not-listening")).singleElement().satisfies(f -> {
            assertThat(f.path("severity").asText()).isEqualTo("warning");
            assertThat(f.path("message").asText()).contains("nothing listens on port " + port + " yet");
        });
        assertThat(live(report, "luca").path("listening").asBoolean()).isFalse();
    }

    @Test
    void staleLocksDeadOrReusedPid() throws Exception {
        int port = StandIn.freePort();
        fleet.instance("luca", port).write();
        fleet.instance("critic", port + 20).write();
        Path lucaLocks = Files.createDirectories(fleet.root.resolve(".openclaw-luca/tmp/openclaw-" + FleetFixture.UID));
        Path criticLocks = Files.createDirectories(fleet.root.resolve(".openclaw-critic/tmp/openclaw-" + FleetFixture.UID));
        Files.writeString(lucaLocks.resolve("gateway.state.lock"), "{\"pid\": 4194000, \"createdAt\": \"2026-11-01T10:00:00Z\"}");
        Files.writeString(criticLocks.resolve("gateway.state.lock"), "{\"pid\": " + ProcessHandle.current().pid()
                + ", \"createdAt\": \"2020-01-01T00:00:00Z\", \"startTime\": 1577836800000}");

        JsonNode report = audit();
        assertThat(findings(report, "stale-lock")).satisfiesExactlyInAnyOrder(
                f -> {
                    assertThat(f.path("instances").toString()).isEqualTo("[\"luca\"]");
                    assertThat(f.path("severity").asText()).isEqualTo("warning");
                    assertThat(f.path("message").asText()).contains("pid 4194000, which is gone");
                },
                f -> {
                    assertThat(f.path("instances").toString()).isEqualTo("[\"critic\"]");
                    assertThat(f.path("severity").asText()).isEqualTo("error");
                    assertThat(f.path("message").asText()).contains("started after the lock was taken");
                });
    }

    @Test
    void noGuiSessionIsOneClearLineAndExit3() throws Exception {
        fleet.instance("luca", StandIn.freePort()).write();
        launchd.fault("no-gui", "");
        CliRun.Result r = auditRun();
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.out()).contains("problem: launchd has no gui/" + FleetFixture.UID + " domain here")
                .contains("Log in at the Mac").contains("--domain user");
        assertThat(r.all()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(r.out().split("launchd has no gui", -1)).as("said once").hasSize(2);
    }

    @Test
    void aHungLaunchctlIsKilledAndReported() throws Exception {
        fleet.instance("luca", StandIn.freePort()).write();
        launchd.fault("hang", "print");
        CliRun.Result r = auditRun("--timeout", "1");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.out()).contains("print " + launchd.gui() + "/ai.openclaw.luca` did not answer within 1 s and was killed");
    }

    @Test
    void withoutLaunchctlTheAuditSaysOnceThatLiveChecksWereSkipped() throws Exception {
        fleet.instance("luca", StandIn.freePort()).write();
        CliRun.Result r = new CliRun().env("PATH", "/usr/bin:/bin").run("audit", "--agents-dir", fleet.agents.toString(),
                "--root", fleet.root.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("note: live launchd checks were skipped: `launchctl` is not on PATH");
        CliRun.Result offline = launchd.cli().run("audit", "--offline", "--agents-dir", fleet.agents.toString(), "--root", fleet.root.toString());
        assertThat(offline.out()).contains("note: live launchd checks were not performed (offline audit)");
    }
}
