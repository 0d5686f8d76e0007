package dev.openclawfleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openclawfleet.testing.CliRun;
import dev.openclawfleet.testing.FleetFixture;
import dev.openclawfleet.testing.Promtool;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** `fleet metrics` in-process on an offline fleet: formats, the textfile, exit codes, usage errors, --notify. */
class MetricsCommandTest {
    @TempDir
    Path tmp;
    FleetFixture fleet;

    @BeforeEach
    void fleet() {
        fleet = FleetFixture.in(tmp);
        fleet.instance("luca", 18789).write();
        fleet.instance("critic", 18809).write();
    }

    private CliRun.Result metrics(CliRun cli, String... extra) {
        List<String> args = new ArrayList<>(List.of("metrics", "--offline", "--agents-dir", fleet.agents.toString(), "--root", fleet.root.toString()));
        args.addAll(List.of(extra));
        return cli.run(args.toArray(String[]::new));
    }

    private CliRun.Result metrics(String... extra) {
        return metrics(new CliRun(), extra);
    }

    @Test
    void printsTheExpositionAndFindingsAreDataNotFailure() throws Exception {
        fleet.instance("broken", 18829).noConfig().write();
        CliRun.Result r = metrics();
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).startsWith("# HELP openclaw_fleet_build_info ")
                .contains("openclaw_fleet_instance_healthy{instance=\"broken\",label=\"ai.openclaw.broken\",port=\"18829\"} 0")
                .contains("openclaw_fleet_findings{rule=\"config-missing\",severity=\"error\"} 1")
                .contains("openclaw_fleet_audit_exit_code 1").contains("openclaw_fleet_audit_live 0");
        assertThat(Promtool.checkMetrics(r.out()).output()).isEmpty();
    }

    @Test
    void anIncompleteAuditStillGivesMetricsButExits3WithTheProblemOnStderr() {
        CliRun.Result r = new CliRun().run("metrics", "--offline", "--agents-dir", tmp.resolve("nope").toString(), "--root", fleet.root.toString());
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.out()).contains("openclaw_fleet_audit_success 0").contains("openclaw_fleet_problems 1");
        assertThat(r.err()).isEqualTo("fleet metrics: " + tmp.resolve("nope") + ": the LaunchAgents directory does not exist (use --agents-dir)\n");
    }

    @Test
    void jsonGivesTheSameData() throws Exception {
        CliRun.Result r = metrics("--format", "JSON");
        assertThat(r.exitCode()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.path("metrics").findValuesAsText("name")).contains("openclaw_fleet_instance_info", "openclaw_fleet_audit_success");
        JsonNode instances = null;
        for (JsonNode m : json.path("metrics")) {
            if (m.path("name").asText().equals("openclaw_fleet_instances")) {
                instances = m;
            }
        }
        assertThat(instances).isNotNull();
        assertThat(instances.path("type").asText()).isEqualTo("gauge");
        assertThat(instances.path("samples").path(0).path("value").asLong()).isEqualTo(2);
    }

    @Test
    void textfileIsWrittenAtomicallyWith0644AndReplacesALinkRatherThanFollowingIt() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("textfile"));
        Path elsewhere = Files.writeString(tmp.resolve("precious.txt"), "keep me");
        Files.createSymbolicLink(dir.resolve("openclaw_fleet.prom"), elsewhere);
        CliRun.Result r = metrics("--textfile", dir.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEmpty();
        Path prom = dir.resolve("openclaw_fleet.prom");
        assertThat(Files.isSymbolicLink(prom)).isFalse();
        assertThat(Files.readString(elsewhere)).isEqualTo("keep me");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(prom))).isEqualTo("rw-r--r--");
        assertThat(Files.readString(prom)).contains("openclaw_fleet_instances 2\n");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("openclaw_fleet.prom");
        }
        long before = Files.getLastModifiedTime(prom).toMillis();
        Thread.sleep(20);
        assertThat(metrics("--textfile", dir.toString()).exitCode()).isZero();
        assertThat(Files.getLastModifiedTime(prom).toMillis()).isGreaterThanOrEqualTo(before);
        assertThat(Promtool.checkMetrics(Files.readString(prom)).output()).isEmpty();
    }

    @Test
    void aMissingTextfileDirIsOneLineAndExit3() {
        CliRun.Result r = metrics("--textfile", tmp.resolve("missing").toString());
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).isEqualTo("fleet metrics: --textfile " + tmp.resolve("missing")
                + ": the directory does not exist; point it at node_exporter's --collector.textfile.directory\n");
    }

    @Test
    void usageErrors() {
        assertThat(metrics("--serve", "9464", "--textfile", tmp.toString()).err()).contains("--serve cannot be combined");
        assertThat(metrics("--textfile", tmp.toString(), "--format", "json").exitCode()).isEqualTo(2);
        assertThat(metrics("--serve", "example.com:80").err()).contains("give an IP address");
        assertThat(metrics("--serve", "9464", "--cache-seconds", "-1").exitCode()).isEqualTo(2);
        assertThat(metrics("--format", "sarif").exitCode()).isEqualTo(2);
    }

    /** A recording osascript first on PATH: it appends its argv, one argument per line, to a log. */
    private CliRun withFakeOsascript(Path log) throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path osascript = bin.resolve("osascript");
        Files.writeString(osascript, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done >> '" + log + "'\necho --- >> '" + log + "'\n");
        Files.setPosixFilePermissions(osascript, PosixFilePermissions.fromString("rwxr-xr-x"));
        return new CliRun().env("PATH", bin + ":" + System.getenv("PATH"));
    }

    @Test
    void notifyPostsOneNotificationPerChangeWithNamesAndRuleIdsOnly() throws Exception {
        Path log = tmp.resolve("osascript.log");
        CliRun cli = withFakeOsascript(log);
        CliRun.Result first = metrics(cli, "--notify", "--textfile", Files.createDirectories(tmp.resolve("t")).toString());
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.err()).isEmpty();
        assertThat(log).doesNotExist();
        Path fleetDir = fleet.root.resolve(".fleet");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fleetDir))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fleetDir.resolve("health.json")))).isEqualTo("rw-------");

        Files.delete(fleet.layout.configPath("critic"));
        CliRun.Result worse = metrics(cli, "--notify");
        assertThat(worse.exitCode()).isZero();
        assertThat(worse.err()).isEqualTo("fleet metrics: Fleet health: critic is unhealthy (config-missing)\n");
        assertThat(Files.readAllLines(log)).containsExactly("-e", "on run argv", "-e",
                "display notification (item 1 of argv) with title (item 2 of argv)", "-e", "end run",
                "Fleet health: critic is unhealthy (config-missing)", "openclaw-fleet", "---");

        assertThat(metrics(cli, "--notify").err()).as("no change, no notification").isEmpty();

        fleet.instance("critic", 18809).write();
        assertThat(metrics(cli, "--notify").err()).isEqualTo("fleet metrics: Fleet health: critic recovered\n");
        assertThat(Files.readAllLines(log)).filteredOn(l -> l.startsWith("Fleet health")).hasSize(2);
    }

    @Test
    void withoutOsascriptTheChangeIsStillLoggedWithANote() throws Exception {
        Files.delete(fleet.layout.configPath("luca"));
        CliRun.Result r = metrics(new CliRun().env("PATH", "/usr/bin:/bin"), "--notify");
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEqualTo("fleet metrics: Fleet health: luca is unhealthy (config-missing)\n"
                + "fleet metrics: notification skipped: `osascript` is not on PATH (not a Mac?)\n");
    }

    @Test
    void notifyRefusesALinkedFleetDirAndTouchesNothingThroughIt() throws Exception {
        Path target = Files.createDirectories(tmp.resolve("shared"));
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.createSymbolicLink(fleet.root.resolve(".fleet"), target);
        Files.delete(fleet.layout.configPath("luca"));
        CliRun.Result r = metrics("--notify");
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).contains("notifications skipped: " + fleet.root.resolve(".fleet") + " is refused: it is a symbolic link");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rwxrwxrwx");
        try (var files = Files.list(target)) {
            assertThat(files).isEmpty();
        }
    }
}
