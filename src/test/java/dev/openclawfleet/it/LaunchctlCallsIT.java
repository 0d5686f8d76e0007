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

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a live audit costs in launchctl calls, counted by a recording launchctl first on PATH: a
 * healthy fleet of 1 and of 20 running gateways costs the same two calls (list and print-disabled),
 * and only a job whose verdict needs launchd's detail is printed, with the same verdict as a full print.
 */
@Timeout(240)
class LaunchctlCallsIT {
    static final Duration WAIT = Duration.ofSeconds(60);
    /** ThrottleInterval 1 s: a process is past its crash-loop window (3 x 1 s) after 3 s, not 30. */
    static final long THROTTLE = 1;

    @TempDir
    Path tmp;
    StandIn launchd;
    FleetFixture fleet;
    Path calls;
    CliRun recorded;
    int base;

    @BeforeEach
    void setUp() throws Exception {
        launchd = new StandIn(tmp);
        fleet = FleetFixture.withFakeGateway(tmp);
        Path bin = Files.createDirectories(tmp.resolve("recording-bin"));
        calls = tmp.resolve("launchctl-calls.log");
        Files.writeString(calls, "");
        Path recorder = bin.resolve("launchctl");
        Files.writeString(recorder, "#!/bin/sh\necho \"$*\" >> '" + calls + "'\nexec '" + StandIn.DIR.resolve("launchctl") + "' \"$@\"\n");
        Files.setPosixFilePermissions(recorder, PosixFilePermissions.fromString("rwxr-xr-x"));
        recorded = launchd.cli().env("PATH", bin + ":" + launchd.env().get("PATH"));
        base = StandIn.freePorts(20);
    }

    @AfterEach
    void tearDown() throws Exception {
        launchd.close();
    }

    private void start(int from, int to) throws Exception {
        for (int i = from; i < to; i++) {
            int port = base + 20 * i;
            launchd.bootstrap(fleet.instance("g" + i, port).plist(p -> p.put("ThrottleInterval", THROTTLE)).write());
        }
        for (int i = from; i < to; i++) {
            int port = base + 20 * i;
            StandIn.await(WAIT, "port " + port, () -> StandIn.listening(port));
        }
        Thread.sleep(3 * THROTTLE * 1000 + 1500); // every process past its crash-loop window, as on a fleet up for a while
    }

    /** The audit's verdict and the launchctl calls it made (sorted: list and print-disabled run in parallel). */
    private List<String> audit(JsonNode[] report, String... extra) throws Exception {
        Files.writeString(calls, "");
        List<String> args = new ArrayList<>(List.of("audit", "--agents-dir", fleet.agents.toString(), "--root", fleet.root.toString(),
                "--format", "json"));
        args.addAll(List.of(extra));
        CliRun.Result r = recorded.run(args.toArray(String[]::new));
        report[0] = new ObjectMapper().readTree(r.out());
        assertThat(r.err()).isEmpty();
        return Files.readAllLines(calls).stream().sorted().toList();
    }

    private static List<String> statuses(JsonNode report) {
        List<String> out = new ArrayList<>();
        report.path("instances").forEach(i -> out.add(i.path("name").asText() + " " + i.path("live").path("status").asText()));
        return out;
    }

    @Test
    void aHealthyFleetCostsTwoLaunchctlCallsWhateverItsSize() throws Exception {
        String gui = launchd.gui();
        JsonNode[] report = new JsonNode[1];

        start(0, 1);
        assertThat(audit(report)).containsExactly("list", "print-disabled " + gui);
        assertThat(report[0].path("findings")).isEmpty();
        assertThat(statuses(report[0])).containsExactly("g0 running");

        start(1, 20);
        assertThat(audit(report)).containsExactly("list", "print-disabled " + gui);
        assertThat(report[0].path("findings")).isEmpty();
        assertThat(report[0].path("instances")).hasSize(20).allSatisfy(i -> {
            assertThat(i.path("live").path("status").asText()).isEqualTo("running");
            assertThat(i.path("live").path("listening").asBoolean()).isTrue();
            assertThat(i.path("live").path("runs").isNull()).as("runs: launchd was not asked").isTrue();
        });
        List<String> healthy = statuses(report[0]);

        // `fleet list` prints every job (its runs column): the same verdicts, 20 prints more.
        Files.writeString(calls, "");
        CliRun.Result list = recorded.run("list", "--agents-dir", fleet.agents.toString(), "--root", fleet.root.toString(), "--format", "json");
        assertThat(list.exitCode()).as(list.all()).isZero();
        assertThat(Files.readAllLines(calls)).filteredOn(c -> c.startsWith("print gui")).hasSize(20);

        // One job stopped behind launchd's back, one just restarted: only those two are printed.
        assertThat(launchd.launchctl("bootout", gui + "/ai.openclaw.g3").exitCode()).isZero();
        assertThat(launchd.launchctl("kickstart", "-k", gui + "/ai.openclaw.g7").exitCode()).isZero();
        StandIn.await(WAIT, "g7 listening", () -> StandIn.listening(base + 20 * 7));
        List<String> made = audit(report);
        assertThat(made).containsExactly("list", "print " + gui + "/ai.openclaw.g3", "print " + gui + "/ai.openclaw.g7",
                "print-disabled " + gui);
        assertThat(report[0].path("findings")).extracting(f -> f.path("rule").asText() + " " + f.path("instances").get(0).asText())
                .containsExactly("not-loaded g3");
        assertThat(statuses(report[0])).containsExactlyElementsOf(healthy.stream()
                .map(s -> s.equals("g3 running") ? "g3 not-loaded" : s).toList());
        report[0].path("instances").forEach(i -> {
            if (i.path("name").asText().equals("g7")) {
                assertThat(i.path("live").path("runs").asLong()).as("printed").isEqualTo(2);
            }
        });
    }
}
