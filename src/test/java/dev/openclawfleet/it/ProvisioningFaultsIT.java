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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * add-instance under stress, as separate processes of the real jar: concurrent runs, kill -9 at
 * every step followed by a rerun, and every failure of bootstrap giving one clear message.
 */
@Timeout(300)
class ProvisioningFaultsIT {
    @TempDir
    Path tmp;
    StandIn launchd;
    Path home;
    Path root;
    int base;

    @BeforeEach
    void setUp() throws Exception {
        launchd = new StandIn(tmp);
        home = Files.createDirectories(tmp.resolve("home"));
        Files.createDirectories(home.resolve("Library/LaunchAgents"));
        root = home.resolve(".openclaw");
        base = StandIn.freePorts(10);
    }

    @AfterEach
    void tearDown() throws Exception {
        launchd.close();
    }

    private Map<String, String> env(String... extra) {
        Map<String, String> env = new HashMap<>(launchd.env());
        env.put("HOME", home.toString());
        for (int i = 0; i + 1 < extra.length; i += 2) {
            env.put(extra[i], extra[i + 1]);
        }
        return env;
    }

    private List<String> add(String name, String... extra) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                Processes.jar().toString(), "add-instance", name, "--entry", FleetFixture.FAKE_GATEWAY.toString(),
                "--base-port", Integer.toString(base)));
        command.addAll(List.of(extra));
        return command;
    }

    private Process start(Map<String, String> env, List<String> command, String log) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(tmp.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        builder.redirectOutput(tmp.resolve(log + ".out").toFile()).redirectError(tmp.resolve(log + ".err").toFile());
        return builder.start();
    }

    private CliRun.Result audit() {
        return launchd.cli().home(home).run("audit", "--format", "json");
    }

    @Test
    void tenConcurrentAddInstancesGetTenDistinctPorts() throws Exception {
        List<Process> runs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            runs.add(start(env(), add("n" + i, "--wait", "60"), "n" + i));
        }
        for (int i = 0; i < runs.size(); i++) {
            assertThat(runs.get(i).waitFor(240, TimeUnit.SECONDS)).isTrue();
            assertThat(runs.get(i).exitValue()).as(Files.readString(tmp.resolve("n" + i + ".err"))).isZero();
        }
        JsonNode report = new ObjectMapper().readTree(audit().out());
        Set<Integer> ports = new HashSet<>();
        report.path("instances").forEach(i -> ports.add(i.path("port").asInt()));
        assertThat(ports).hasSize(10);
        assertThat(report.path("findings")).isEmpty();
    }

    @Test
    void concurrentRunsOfOneNameMakeOneInstance() throws Exception {
        List<Process> runs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            runs.add(start(env(), add("luca"), "luca" + i));
        }
        int created = 0;
        for (int i = 0; i < runs.size(); i++) {
            assertThat(runs.get(i).waitFor(120, TimeUnit.SECONDS)).isTrue();
            String err = Files.readString(tmp.resolve("luca" + i + ".err"));
            if (runs.get(i).exitValue() == 0) {
                // One run creates it; a run that gets the lock once it is healthy finds it complete.
                assertThat(err).containsAnyOf("created luca", "luca is already complete");
                created += err.contains("created luca") ? 1 : 0;
            } else {
                assertThat(runs.get(i).exitValue()).isEqualTo(3);
                assertThat(err).containsAnyOf("already used by", "is running (pid");
            }
        }
        assertThat(created).isEqualTo(1);
        assertThat(new ObjectMapper().readTree(audit().out()).path("findings")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"staged", "state-created", "plist-written", "enabled", "bootstrapped"})
    void killMinus9AtEachStepThenARerunFinishesTheInstance(String step) throws Exception {
        Process run = start(env("FLEET_FAULT_PAUSE_AT", step), add("luca"), "killed");
        Path paused = root.resolve(".fault-paused-" + step);
        StandIn.await(Duration.ofSeconds(60), "pause at " + step, () -> Files.exists(paused));
        run.destroyForcibly(); // SIGKILL
        assertThat(run.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Files.delete(paused);

        CliRun.Result half = audit();
        JsonNode report = new ObjectMapper().readTree(half.out());
        assertThat(report.path("summary").path("errors").asInt()).as("a half-made instance never audits clean: " + half.out()).isPositive();
        assertThat(half.out()).contains("provisioning-incomplete");

        Process rerun = start(env(), add("luca"), "rerun");
        assertThat(rerun.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(rerun.exitValue()).as(Files.readString(tmp.resolve("rerun.err"))).isZero();
        JsonNode after = new ObjectMapper().readTree(audit().out());
        assertThat(after.path("findings")).as(after.toString()).isEmpty();
        assertThat(after.path("instances").get(0).path("port").asInt()).isEqualTo(base);
        try (Stream<Path> left = Files.list(root)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(".openclaw-luca", ".fleet.lock", ".fleet");
        }
    }

    @Test
    void killMinus9OnceHealthyThenARerunSaysItIsCompleteAndExits0() throws Exception {
        // Issue 8: a kill -9 after the instance became healthy made the rerun exit 3 "label already used".
        Process run = start(env("FLEET_FAULT_PAUSE_AT", "healthy"), add("luca"), "killed");
        Path paused = root.resolve(".fault-paused-healthy");
        StandIn.await(Duration.ofSeconds(60), "pause once healthy", () -> Files.exists(paused));
        run.destroyForcibly();
        assertThat(run.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Files.delete(paused);

        Process rerun = start(env(), add("luca"), "rerun");
        assertThat(rerun.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String err = Files.readString(tmp.resolve("rerun.err"));
        assertThat(rerun.exitValue()).as(err).isZero();
        assertThat(err).contains("luca is already complete: port " + base).doesNotContain("already used");
        assertThat(new ObjectMapper().readTree(audit().out()).path("findings")).isEmpty();
    }

    @Test
    void bootstrapFailuresGiveOneClearLineAndARerunFinishes() throws Exception {
        record Case(String fault, String content, String expected, List<String> extra) {
        }
        List<Case> cases = List.of(
                new Case("bootstrap-errno", "122", "(error 122, bad ownership or permissions): run `chmod 644`", List.of()),
                new Case("no-gui", "", "launchd has no gui/" + FleetFixture.UID + " domain here", List.of()),
                new Case("hang", "bootstrap", "did not answer within 2 s and was killed", List.of("--timeout", "2")),
                new Case("bootstrap-errno", "111", "(error 111): its Program/ProgramArguments is missing or invalid", List.of()));
        int n = 0;
        for (Case c : cases) {
            String name = "f" + n++;
            launchd.fault(c.fault(), c.content());
            List<String> args = new ArrayList<>(List.of("add-instance", name, "--entry", FleetFixture.FAKE_GATEWAY.toString(),
                    "--base-port", Integer.toString(base)));
            args.addAll(c.extra());
            CliRun.Result r = launchd.cli().home(home).run(args.toArray(String[]::new));
            assertThat(r.exitCode()).as(c.fault()).isEqualTo(3);
            List<String> errorLines = r.err().lines().filter(l -> l.startsWith("fleet add-instance: ")).toList();
            assertThat(errorLines).as(r.err()).singleElement().asString().contains(c.expected());
            assertThat(r.all()).doesNotContain("Exception").doesNotContain("\tat ");
            launchd.clearFault(c.fault());
            CliRun.Result rerun = launchd.cli().home(home).run("add-instance", name, "--entry", FleetFixture.FAKE_GATEWAY.toString());
            assertThat(rerun.exitCode()).as(rerun.all()).isZero();
            assertThat(rerun.err()).contains("finished " + name);
        }
    }

    @Test
    void transientBootstrapErrorsAreRetried() throws Exception {
        launchd.fault("bootstrap-eio", "4");
        CliRun.Result r = launchd.cli().home(home).run("add-instance", "luca", "--entry", FleetFixture.FAKE_GATEWAY.toString(),
                "--base-port", Integer.toString(base));
        assertThat(r.exitCode()).as(r.all()).isZero();
        launchd.set("LAUNCHCTL_STANDIN_ALREADY_LOADED_ERRNO", "37");
        CliRun.Result start = launchd.cli().home(home).run("start", "luca");
        assertThat(start.exitCode()).isZero();
        assertThat(start.out()).contains("already running luca");
    }
}
