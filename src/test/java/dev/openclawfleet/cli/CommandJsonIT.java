package dev.openclawfleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
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

import static org.assertj.core.api.Assertions.assertThat;

/** The JSON of the commands that drive launchd, on the launchctl stand-in: each parses and matches its documented schema. */
@Timeout(180)
class CommandJsonIT {
    @TempDir
    Path tmp;
    StandIn launchd;
    Path home;
    int base;

    @BeforeEach
    void setUp() throws Exception {
        launchd = new StandIn(tmp);
        home = Files.createDirectories(tmp.resolve("home"));
        Files.createDirectories(home.resolve("Library/LaunchAgents"));
        base = StandIn.freePorts(3);
    }

    @AfterEach
    void tearDown() throws Exception {
        launchd.close();
    }

    private CliRun fleet() {
        return launchd.cli().home(home).cwd(tmp).env("FLEET_ROOT", null).env("FLEET_AGENTS_DIR", null).env("FLEET_DOMAIN", null);
    }

    private String run(int expectedExit, String... args) {
        CliRun.Result r = fleet().run(args);
        assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r.all()).isEqualTo(expectedExit);
        return r.out();
    }

    @Test
    void lifecycleListStatusAndAddInstanceAsJson() {
        JsonNode added = JsonSchemas.check(run(0, "add-instance", "luca", "--entry", FleetFixture.FAKE_GATEWAY.toString(),
                "--base-port", Integer.toString(base), "--format", "json"), "add-instance");
        assertThat(added.path("healthy").asBoolean()).isTrue();
        assertThat(added.path("pid").isIntegralNumber()).isTrue();
        assertThat(added.path("audit").path("instances").get(0).path("live").path("state").asText()).isEqualTo("running");

        JsonNode list = JsonSchemas.check(run(0, "list", "--format", "json"), "list");
        JsonNode row = list.path("instances").get(0);
        assertThat(row.path("loaded").asBoolean()).isTrue();
        assertThat(row.path("state").asText()).isEqualTo("running");
        assertThat(row.path("pid").asLong()).isEqualTo(added.path("pid").asLong());
        assertThat(row.path("listening").asBoolean()).isTrue();

        JsonNode status = JsonSchemas.check(run(0, "status", "luca", "--format", "json"), "status");
        assertThat(status.path("instance").path("live").path("listening").asBoolean()).isTrue();

        JsonNode stopped = JsonSchemas.check(run(0, "stop", "luca", "--format", "json"), "lifecycle");
        assertThat(stopped.path("command").asText()).isEqualTo("stop");
        assertThat(stopped.path("results").get(0).path("ok").asBoolean()).isTrue();
        assertThat(stopped.path("results").get(0).path("message").asText()).contains("stopped luca");

        JsonNode afterStop = JsonSchemas.check(run(0, "list", "--format", "json"), "list");
        assertThat(afterStop.path("instances").get(0).path("loaded").asBoolean()).isFalse();
        assertThat(afterStop.path("instances").get(0).path("state").isNull()).isTrue();

        JsonNode started = JsonSchemas.check(run(0, "start", "--all", "--format", "json"), "lifecycle");
        assertThat(started.path("results")).hasSize(1);
        assertThat(started.path("results").get(0).path("label").asText()).isEqualTo("ai.openclaw.luca");

        JsonNode restarted = JsonSchemas.check(run(0, "restart", "luca", "--format", "json"), "lifecycle");
        assertThat(restarted.path("results").get(0).path("message").asText()).contains("restarted luca");

        JsonNode rotated = JsonSchemas.check(run(0, "rotate-token", "luca", "--format", "json"), "rotate-token");
        assertThat(rotated.path("tokenFingerprint").asText()).startsWith("sha256:");
        assertThat(rotated.path("restarted").asBoolean()).isTrue();
        assertThat(rotated.path("ok").asBoolean()).isTrue();

        JsonNode moved = JsonSchemas.check(run(0, "set-port", "luca", "--auto", "--format", "json"), "set-port");
        assertThat(moved.path("to").asInt()).isEqualTo(moved.path("from").asInt()); // already free and spaced: kept
        assertThat(moved.path("changed").asBoolean()).isFalse();

        JsonNode removed = JsonSchemas.check(run(0, "remove-instance", "luca", "--purge", "--yes", "--format", "json"), "remove-instance");
        assertThat(removed.path("steps").toString()).contains("booted out ai.openclaw.luca");

        JsonNode none = JsonSchemas.check(run(0, "stop", "--all", "--format", "json"), "lifecycle");
        assertThat(none.path("results")).isEmpty();
        assertThat(none.path("notes").get(0).asText()).startsWith("no gateway instances in ");
    }
}
