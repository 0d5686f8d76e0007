package dev.openclawfleet.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openclawfleet.testing.CliRun;
import dev.openclawfleet.testing.FleetFixture;
import dev.openclawfleet.testing.StandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit right after the moments users audit (issue 7), end to end on the launchctl stand-in with
 * the fake gateway: after restarts, after fixing a token, after a deliberate stop, with a gateway
 * started by hand; and `fleet start` refusing to call a squatted port healthy.
 */
@Timeout(180)
class AuditTruthIT {
    static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path tmp;
    StandIn launchd;
    Path home;
    Path root;
    Path agents;
    int port;
    final List<Process> strays = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        launchd = new StandIn(tmp);
        home = Files.createDirectories(tmp.resolve("home"));
        agents = Files.createDirectories(home.resolve("Library/LaunchAgents"));
        root = home.resolve(".openclaw");
        port = StandIn.freePorts(2);
    }

    @AfterEach
    void tearDown() throws Exception {
        launchd.close();
        strays.forEach(p -> {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        });
    }

    private CliRun fleet() {
        return launchd.cli().home(home).cwd(tmp);
    }

    private void addLuca() {
        CliRun.Result r = fleet().run("add-instance", "luca", "--entry", FleetFixture.FAKE_GATEWAY.toString(), "--base-port",
                Integer.toString(port));
        assertThat(r.exitCode()).as(r.all()).isZero();
    }

    private JsonNode audit() throws Exception {
        CliRun.Result r = fleet().run("audit", "--format", "json");
        assertThat(r.err()).doesNotContain("Exception");
        JsonNode json = new ObjectMapper().readTree(r.out());
        ((ObjectNode) json).put("exit", r.exitCode());
        return json;
    }

    private static List<JsonNode> findings(JsonNode report, String rule) {
        List<JsonNode> out = new ArrayList<>();
        report.path("findings").forEach(f -> {
            if (rule == null || f.path("rule").asText().equals(rule)) {
                out.add(f);
            }
        });
        return out;
    }

    private static JsonNode live(JsonNode report) {
        return report.path("instances").get(0).path("live");
    }

    private Path config() {
        return root.resolve(".openclaw-luca/openclaw.json");
    }

    /** A gateway started from a shell: the fake gateway with luca's state dir, outside launchd. */
    private Process handStarted(Path cwd, String... command) throws Exception {
        ProcessBuilder shell = new ProcessBuilder(command).directory(cwd.toFile());
        shell.environment().put("OPENCLAW_STATE_DIR", root.resolve(".openclaw-luca").toString());
        shell.environment().put("OPENCLAW_CONFIG_PATH", config().toString());
        shell.redirectOutput(tmp.resolve("shell.log").toFile()).redirectErrorStream(true);
        Process p = shell.start();
        strays.add(p);
        StandIn.await(WAIT, "the hand-started gateway listening on " + port, () -> StandIn.listening(port));
        return p;
    }

    @Test
    void twoRestartsThenAnImmediateAuditIsClean() throws Exception {
        addLuca();
        for (int i = 0; i < 2; i++) {
            CliRun.Result restart = fleet().run("restart", "luca");
            assertThat(restart.exitCode()).as(restart.all()).isZero();
        }
        JsonNode report = audit();
        assertThat(findings(report, null)).as(report.toPrettyString()).isEmpty();
        assertThat(report.path("exit").asInt()).isZero();
        assertThat(live(report).path("runs").asLong()).isEqualTo(3);
        assertThat(live(report).path("status").asText()).isEqualTo("running");
        assertThat(live(report).path("listening").asBoolean()).isTrue();
        assertThat(live(report).path("listenerIsJob").asBoolean()).isTrue();
        Path records = root.resolve(".fleet/starts");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(records))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(records.resolve("ai.openclaw.luca.json")))).isEqualTo("rw-------");
        assertThat(Files.readString(records.resolve("ai.openclaw.luca.json"))).contains("\"runs\" : 3").contains("\"operation\" : \"restart\"");
    }

    @Test
    void afterATokenFixAndARestartTheOldErrLineIsGone() throws Exception {
        addLuca();
        ObjectNode good = (ObjectNode) new ObjectMapper().readTree(config().toFile());
        ObjectNode broken = good.deepCopy();
        ((ObjectNode) broken.path("gateway").path("auth")).remove("token");
        Files.writeString(config(), broken.toString());
        assertThat(fleet().run("restart", "luca").exitCode()).as("a gateway without a token keeps exiting").isEqualTo(1);
        long runsAfterRestart = launchd.runs("ai.openclaw.luca");
        StandIn.await(WAIT, "two respawns after the restart", () -> {
            try {
                return launchd.runs("ai.openclaw.luca") >= runsAfterRestart + 2;
            } catch (Exception e) {
                return false;
            }
        });
        JsonNode looping = audit();
        assertThat(findings(looping, "crash-loop")).singleElement().satisfies(f ->
                assertThat(f.path("message").asText()).contains("since `fleet restart`").contains("no token is configured"));
        assertThat(findings(looping, "token-missing")).hasSize(1);

        Files.writeString(config(), good.toString());
        CliRun.Result fixed = fleet().run("restart", "luca");
        assertThat(fixed.exitCode()).as(fixed.all()).isZero();
        JsonNode report = audit();
        assertThat(findings(report, null)).as(report.toPrettyString()).isEmpty();
        assertThat(report.toString()).doesNotContain("no token is configured");
        assertThat(report.path("exit").asInt()).isZero();
    }

    @Test
    void aStoppedInstanceIsAnInfoUntilItIsStartedAgain() throws Exception {
        addLuca();
        CliRun.Result stop = fleet().run("stop", "luca");
        assertThat(stop.exitCode()).as(stop.all()).isZero();
        assertThat(stop.out()).contains("stopped luca; port " + port + " is free").contains("disabled in launchd, so it stays down");
        assertThat(launchd.launchctl("print-disabled", launchd.gui()).out()).contains("\"ai.openclaw.luca\" => disabled");

        JsonNode report = audit();
        assertThat(findings(report, null)).singleElement().satisfies(f -> {
            assertThat(f.path("rule").asText()).isEqualTo("stopped");
            assertThat(f.path("severity").asText()).isEqualTo("info");
        });
        assertThat(report.path("exit").asInt()).isZero();
        assertThat(live(report).path("status").asText()).isEqualTo("stopped");
        CliRun.Result text = fleet().run("audit");
        assertThat(text.exitCode()).isZero();
        assertThat(text.out()).contains("stopped (disabled, not loaded)").contains("info     stopped");
        assertThat(fleet().run("list").out()).containsPattern("(?m)^luca +ai\\.openclaw\\.luca +" + port + " +stopped ");

        CliRun.Result start = fleet().run("start", "luca");
        assertThat(start.exitCode()).as(start.all()).isZero();
        JsonNode started = audit();
        assertThat(findings(started, null)).as(started.toPrettyString()).isEmpty();
        assertThat(live(started).path("status").asText()).isEqualTo("running");
    }

    @Test
    void aGatewayStartedByHandWithTheJobsExactArgumentsWhileNotLoadedIsUnmanaged() throws Exception {
        addLuca();
        assertThat(launchd.launchctl("bootout", launchd.gui() + "/ai.openclaw.luca").exitCode()).isZero();
        StandIn.await(WAIT, "port free", () -> !StandIn.listening(port));
        Process gateway = handStarted(tmp, "/usr/bin/node", FleetFixture.FAKE_GATEWAY.toString(), "gateway", "--port", Integer.toString(port));

        JsonNode report = audit();
        assertThat(findings(report, "unmanaged-gateway")).singleElement().satisfies(f -> {
            assertThat(f.path("message").asText()).startsWith("pid " + gateway.pid() + " ").contains("serves luca's port " + port);
            assertThat(f.path("fix").asText()).isEqualTo("kill " + gateway.pid() + " && fleet start luca");
        });
        assertThat(findings(report, "not-loaded")).singleElement()
                .satisfies(f -> assertThat(f.path("message").asText()).doesNotContain("the gateway is not running"));
        assertThat(findings(report, "stale-lock")).isEmpty();
        assertThat(findings(report, "port-taken")).isEmpty();
        assertThat(live(report).path("listening").asBoolean()).isTrue();
        assertThat(live(report).path("listenerPid").asLong()).isEqualTo(gateway.pid());
        assertThat(live(report).path("listenerIsJob").asBoolean()).isFalse();
    }

    @Test
    void aGatewayStartedByHandWithARelativeEntryIsUnmanagedAndFleetStartNamesIt() throws Exception {
        addLuca();
        assertThat(launchd.launchctl("bootout", launchd.gui() + "/ai.openclaw.luca").exitCode()).isZero();
        StandIn.await(WAIT, "port free", () -> !StandIn.listening(port));
        Path openclawFolder = FleetFixture.FAKE_GATEWAY.getParent().getParent();
        Process gateway = handStarted(openclawFolder, "node", "dist/index.js", "gateway", "--port", Integer.toString(port));

        CliRun.Result start = fleet().run("start", "luca");
        assertThat(start.exitCode()).as(start.all()).isEqualTo(1);
        assertThat(start.err()).contains("port " + port + " is served by pid " + gateway.pid())
                .contains("`node dist/index.js gateway --port " + port + "`").contains("not by ai.openclaw.luca's own process")
                .contains("kill " + gateway.pid());

        JsonNode report = audit();
        assertThat(findings(report, "unmanaged-gateway")).singleElement().satisfies(f -> {
            assertThat(f.path("message").asText()).startsWith("pid " + gateway.pid() + " `node dist/index.js gateway --port " + port + "`");
            assertThat(f.path("fix").asText()).isEqualTo("kill " + gateway.pid() + " && fleet restart luca");
        });
        assertThat(findings(report, "port-taken")).isEmpty();
        assertThat(findings(report, "stale-lock")).isEmpty();
        assertThat(report.path("findings").toString()).doesNotContain("delete " + root.resolve(".openclaw-luca/tmp"));
    }

    @Test
    void stopStartAndRestartCallLaunchctlAsBrewServicesDoes() throws Exception {
        addLuca();
        // A recording launchctl first on PATH: it logs its argv, then runs the stand-in.
        Path bin = Files.createDirectories(tmp.resolve("recording-bin"));
        Path calls = tmp.resolve("launchctl-calls.log");
        Path recorder = bin.resolve("launchctl");
        Files.writeString(recorder, "#!/bin/sh\necho \"$*\" >> '" + calls + "'\nexec '" + StandIn.DIR.resolve("launchctl") + "' \"$@\"\n");
        Files.setPosixFilePermissions(recorder, PosixFilePermissions.fromString("rwxr-xr-x"));
        CliRun recorded = fleet().env("PATH", bin + ":" + launchd.env().get("PATH"));
        String target = launchd.gui() + "/ai.openclaw.luca";
        String plist = agents.resolve("ai.openclaw.luca.plist").toString();

        assertThat(recorded.run("stop", "luca").exitCode()).isZero();
        assertThat(changes(calls)).containsExactly("bootout " + target, "disable " + target);
        assertThat(recorded.run("start", "luca").exitCode()).isZero();
        assertThat(changes(calls)).containsExactly("enable " + target, "bootstrap " + launchd.gui() + " " + plist);
        assertThat(recorded.run("restart", "luca").exitCode()).isZero();
        assertThat(changes(calls)).containsExactly("enable " + target, "kickstart -k " + target);
        assertThat(findings(audit(), null)).isEmpty();
    }

    /** The calls that change launchd's state since the last look (prints left out), and the log emptied. */
    private static List<String> changes(Path calls) throws Exception {
        List<String> out = Files.readAllLines(calls).stream().filter(l -> !l.startsWith("print")).toList();
        Files.writeString(calls, "");
        return out;
    }
}
