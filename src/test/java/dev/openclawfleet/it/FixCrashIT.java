package dev.openclawfleet.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openclawfleet.system.BackupDir;
import dev.openclawfleet.testing.CliRun;
import dev.openclawfleet.testing.FleetFixture;
import dev.openclawfleet.testing.StandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kill -9 of `fleet fix` (the real jar, a process of its own) at observed points, driven from
 * outside: a recording fake launchctl on PATH that blocks on a chosen call (so the kill lands exactly
 * between two steps), or the migration's staging dir appearing (so it lands in the middle of the
 * copy). Each time the files are whole (old or new, plus the backup), and a rerun ends clean with
 * the root's state intact.
 */
@Timeout(300)
class FixCrashIT {
    @TempDir
    Path tmp;
    StandIn launchd;
    Path home;
    BrokenFleet broken;
    int base;
    Path blocked;
    Path armed;

    @BeforeEach
    void setUp() throws Exception {
        launchd = new StandIn(tmp);
        home = Files.createDirectories(tmp.resolve("home"));
        base = StandIn.freePorts(30);
        broken = new BrokenFleet(home, launchd, base);
        blocked = tmp.resolve("blocked.pid");
        armed = tmp.resolve("armed");
        launchd.recording(tmp.resolve("launchctl.calls"), home);
    }

    @AfterEach
    void tearDown() throws Exception {
        broken.kill();
        launchd.close();
    }

    private CliRun fleet() {
        return launchd.cli().home(home).cwd(tmp).env("LAUNCHCTL_BLOCK_ON", null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bootout GUI/ai.openclaw.gateway", "staging", "bootout GUI/com.clawdbot.gateway", "kickstart -k"})
    void killMinus9AtAStepThenARerunEndsClean(String point) throws Exception {
        broken.running("luca", base);
        broken.fleet.instance("tok", base + 20).config(c -> ((ObjectNode) c.path("gateway").path("auth")).remove("token")).write();
        launchd.bootstrap(broken.plist("tok"));
        broken.fleet.instance("dtok", base + 40).config(c -> ((ObjectNode) c.path("gateway").path("auth"))
                .put("token", FleetFixture.tokenFor("luca"))).write();
        broken.newer("dtok", 5); // so dtok, not luca, gets the new token
        launchd.bootstrap(broken.plist("dtok"));
        Map<String, String> migrated = broken.rootGateway(base + 400, 3000);
        broken.legacyOn("luca", base + 420);

        Process fix = startFix(point.equals("staging") ? null : point.replace("GUI", launchd.gui()));
        if (point.equals("staging")) {
            StandIn.await(Duration.ofSeconds(120), "the migration's copy to start", () -> staging().isPresent());
        } else {
            StandIn.await(Duration.ofSeconds(120), "fleet fix to reach `" + point + "`", () -> Files.exists(blocked));
        }
        fix.destroyForcibly(); // SIGKILL
        assertThat(fix.waitFor(30, TimeUnit.SECONDS)).isTrue();
        if (Files.exists(blocked)) {
            long pid = Long.parseLong(Files.readString(blocked).strip());
            ProcessHandle.of(pid).ifPresent(h -> {
                h.descendants().forEach(ProcessHandle::destroyForcibly);
                h.destroyForcibly();
            });
        }
        assertThat(tmp.resolve("fix.err")).content().doesNotContain("Exception");

        // Whole files only: every config and plist there is parses (the old or the new one).
        for (String name : List.of("luca", "tok", "dtok")) {
            assertThat(broken.readConfig(name).path("gateway").path("port").asInt()).isPositive();
        }
        try (Stream<Path> plists = Files.list(broken.fleet.agents)) {
            for (Path p : plists.filter(p -> p.toString().endsWith(".plist")).toList()) {
                assertThat(dev.openclawfleet.plist.PlistParser.parse(Files.readAllBytes(p))).as(p.toString()).isInstanceOf(Map.class);
            }
        }
        assertThat(dev.openclawfleet.fix.FixJournal.file(broken.fleet.root)).as("the journal says what a rerun must finish").exists();
        CliRun.Result interrupted = fleet().run("audit", "--format", "json");
        assertThat(interrupted.exitCode()).as("a half-done fix never audits clean").isEqualTo(1);
        assertThat(new ObjectMapper().readTree(interrupted.out()).path("findings").findValuesAsText("rule")).contains("fix-unfinished");

        CliRun.Result rerun = fleet().run("fix", "--yes", "--base-port", Integer.toString(base));
        assertThat(rerun.exitCode()).as(rerun.all()).isZero();
        assertThat(rerun.out()).contains("did not finish: this run finishes it");
        JsonNode after = new ObjectMapper().readTree(fleet().run("audit", "--format", "json").out());
        assertThat(after.path("findings")).as(after.toString()).isEmpty();
        assertThat(dev.openclawfleet.fix.FixJournal.file(broken.fleet.root)).doesNotExist();
        assertThat(BrokenFleet.checksums(broken.state("main"), List.of("sessions", "credentials", "workspace", "agents")))
                .as("the root's state arrived byte for byte").isEqualTo(migrated);
        List<Path> bins;
        try (Stream<Path> list = Files.list(broken.fleet.root.resolve(".trash"))) {
            bins = list.filter(p -> p.getFileName().toString().startsWith("fix-")).toList();
        }
        assertThat(bins).as("the rerun keeps its backups in the folder of the run it finishes").hasSize(1);
        assertThat(BrokenFleet.checksums(BackupDir.where(bins.get(0), broken.fleet.root), List.of("sessions", "credentials", "workspace", "agents")))
                .as("and the originals are there").isEqualTo(migrated);
        assertThat(BackupDir.where(bins.get(0), broken.fleet.agents.resolve("com.clawdbot.gateway.plist"))).exists();
        assertThat(broken.token("dtok")).isNotEqualTo(FleetFixture.tokenFor("luca"));
        try (Stream<Path> left = Files.list(broken.fleet.root)) {
            assertThat(left.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".fleet-staging"))).isEmpty();
        }
    }

    private java.util.Optional<Path> staging() {
        try (Stream<Path> list = Files.list(broken.fleet.root)) {
            return list.filter(p -> p.getFileName().toString().startsWith(".fleet-staging-main-")).findFirst();
        } catch (Exception e) {
            return java.util.Optional.empty();
        }
    }

    private Process startFix(String blockOn) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                Processes.jar().toString(), "fix", "--yes", "--base-port", Integer.toString(base), "--timeout", "60"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(tmp.toFile());
        Map<String, String> env = new HashMap<>(launchd.env());
        env.put("HOME", home.toString());
        if (blockOn != null) {
            Files.writeString(armed, "");
            env.put("LAUNCHCTL_BLOCK_ON", blockOn);
            env.put("LAUNCHCTL_BLOCK_ARMED", armed.toString());
            env.put("LAUNCHCTL_BLOCKED", blocked.toString());
        }
        builder.environment().clear();
        builder.environment().putAll(env);
        builder.redirectOutput(tmp.resolve("fix.out").toFile()).redirectError(tmp.resolve("fix.err").toFile());
        return builder.start();
    }
}
