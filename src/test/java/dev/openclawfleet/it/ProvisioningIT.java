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
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * add-instance and the lifecycle commands end to end: the launchctl stand-in, the fake gateway,
 * real ports, real files in a temp HOME.
 */
@Timeout(180)
class ProvisioningIT {
    @TempDir
    Path tmp;
    StandIn launchd;
    Path home;
    Path root;
    Path agents;
    int base;

    @BeforeEach
    void setUp() throws Exception {
        launchd = new StandIn(tmp);
        home = Files.createDirectories(tmp.resolve("home"));
        agents = Files.createDirectories(home.resolve("Library/LaunchAgents"));
        root = home.resolve(".openclaw");
        base = StandIn.freePorts(3);
    }

    @AfterEach
    void tearDown() throws Exception {
        launchd.close();
    }

    private CliRun fleet() {
        return launchd.cli().home(home).cwd(tmp);
    }

    /** add-instance with the fake gateway as OpenClaw and a per-test base port. */
    private CliRun.Result add(String name, String... extra) {
        List<String> args = new ArrayList<>(List.of("add-instance", name, "--entry", FleetFixture.FAKE_GATEWAY.toString(),
                "--base-port", Integer.toString(base)));
        args.addAll(List.of(extra));
        return fleet().run(args.toArray(String[]::new));
    }

    private JsonNode audit() throws Exception {
        return new ObjectMapper().readTree(fleet().run("audit", "--format", "json").out());
    }

    private String token(String name) throws Exception {
        return new ObjectMapper().readTree(root.resolve(".openclaw-" + name + "/openclaw.json").toFile())
                .path("gateway").path("auth").path("token").asText();
    }

    @Test
    void addTwoInstancesAndTheAuditIsClean() throws Exception {
        CliRun.Result luca = add("luca");
        assertThat(luca.exitCode()).as(luca.all()).isZero();
        assertThat(luca.err()).contains("created luca: port " + base).contains("started ai.openclaw.luca (pid")
                .contains("it is never printed");
        CliRun.Result critic = add("critic");
        assertThat(critic.exitCode()).as(critic.all()).isZero();
        assertThat(critic.err()).contains("created critic: port " + (base + 20));

        JsonNode report = audit();
        assertThat(report.path("findings")).isEmpty();
        assertThat(report.path("instances")).hasSize(2).allSatisfy(i -> {
            assertThat(i.path("live").path("state").asText()).isEqualTo("running");
            assertThat(i.path("live").path("listening").asBoolean()).isTrue();
        });
        for (String name : List.of("luca", "critic")) {
            Path state = root.resolve(".openclaw-" + name);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state))).isEqualTo("rwx------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state.resolve("openclaw.json")))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(agents.resolve("ai.openclaw." + name + ".plist"))))
                    .isEqualTo("rw-r--r--");
            assertThat(state.resolve(".fleet-provisioning")).doesNotExist();
            assertThat(token(name)).matches("[0-9a-f]{64}");
            assertThat(luca.all() + critic.all()).doesNotContain(token(name));
            JsonNode config = new ObjectMapper().readTree(state.resolve("openclaw.json").toFile());
            assertThat(config.path("gateway").path("mode").asText()).isEqualTo("local");
            assertThat(config.path("gateway").path("bind").asText()).isEqualTo("loopback");
            assertThat(config.path("agents").path("defaults").path("workspace").asText()).isEqualTo(state.resolve("workspace").toString());
        }
        assertThat(token("luca")).isNotEqualTo(token("critic"));
        try (Stream<Path> left = Files.list(root)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(".openclaw-luca", ".openclaw-critic", ".fleet.lock", ".fleet");
        }
    }

    @Test
    void sharedSkillsAreWiredInWhenTheFolderExists() throws Exception {
        Files.createDirectories(root.resolve("shared/skills"));
        assertThat(add("luca", "--no-start").exitCode()).isZero();
        JsonNode config = new ObjectMapper().readTree(root.resolve(".openclaw-luca/openclaw.json").toFile());
        assertThat(config.path("skills").path("load").path("extraDirs").get(0).asText()).isEqualTo(root.resolve("shared/skills").toString());
    }

    @Test
    void dryRunListsEverythingAndChangesNothing() throws Exception {
        CliRun.Result dry = add("luca", "--dry-run");
        assertThat(dry.exitCode()).isZero();
        assertThat(dry.out()).contains("dry run, nothing was changed")
                .contains("mkdir   0700 " + root.resolve(".openclaw-luca"))
                .contains("write   0600 " + root.resolve(".openclaw-luca/openclaw.json"))
                .contains("write   0644 " + agents.resolve("ai.openclaw.luca.plist"))
                .contains("run     launchctl enable " + launchd.gui() + "/ai.openclaw.luca")
                .contains("run     launchctl bootstrap " + launchd.gui() + " " + agents.resolve("ai.openclaw.luca.plist"));
        assertThat(root).doesNotExist();
        try (Stream<Path> files = Files.list(agents)) {
            assertThat(files).isEmpty();
        }
        assertThat(launchd.launchctl("list").out()).doesNotContain("ai.openclaw.luca");
    }

    @Test
    void refusesAnExistingInstanceAndAMixedRootWithoutTouchingAnything() throws Exception {
        assertThat(add("luca").exitCode()).isZero();
        CliRun.Result again = add("luca");
        assertThat(again.exitCode()).as("the same command again finds it complete: " + again.all()).isZero();
        assertThat(again.err()).contains("luca is already complete: port " + base).contains("nothing was changed");
        CliRun.Result other = add("luca", "--port", Integer.toString(base + 40));
        assertThat(other.exitCode()).isEqualTo(3);
        assertThat(other.err()).contains("the label ai.openclaw.luca is already used by");

        Files.writeString(root.resolve("openclaw.json"), "{}");
        Files.createDirectories(root.resolve("sessions"));
        CliRun.Result mixed = add("critic");
        assertThat(mixed.exitCode()).isEqualTo(3);
        assertThat(mixed.err()).contains("holds live gateway state itself (openclaw.json, sessions/)").contains("Migrate it first: `fleet fix` moves that state into")
                .contains("Nothing was changed");
        assertThat(root.resolve(".openclaw-critic")).doesNotExist();
        assertThat(agents.resolve("ai.openclaw.critic.plist")).doesNotExist();

        CliRun.Result badName = add("Critic");
        assertThat(badName.exitCode()).isEqualTo(2);
        assertThat(badName.err().strip().lines()).hasSize(1);
    }

    @Test
    void portAllocationSkipsAPortAnotherProcessListensOn() throws Exception {
        try (ServerSocket squatter = new ServerSocket(base, 5, InetAddress.getLoopbackAddress())) {
            assertThat(squatter.isBound()).isTrue();
            CliRun.Result luca = add("luca");
            assertThat(luca.exitCode()).as(luca.all()).isZero();
            assertThat(luca.err()).contains("port " + (base + 20));
            CliRun.Result forced = add("critic", "--port", Integer.toString(base));
            assertThat(forced.exitCode()).isEqualTo(2);
            assertThat(forced.err()).contains("--port " + base + " cannot be used").contains("in use by a running process now");
            CliRun.Result collide = add("ops", "--port", Integer.toString(base + 22));
            assertThat(collide.exitCode()).isEqualTo(2);
            assertThat(collide.err()).contains("is luca's browser-control port");
        }
    }

    @Test
    void fromCopiesSettingsButNeverTheTokenPortPathsOrCredentials() throws Exception {
        assertThat(add("luca", "--no-start").exitCode()).isZero();
        Path lucaConfig = root.resolve(".openclaw-luca/openclaw.json");
        ObjectMapper json = new ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode config = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(lucaConfig.toFile());
        config.putObject("models").putObject("providers").putObject("anthropic").put("apiKey", "sk-ant-secret-123456")
                .put("baseUrl", "https://api.anthropic.com");
        config.putObject("channels").putObject("telegram").put("enabled", true).put("botToken", "123:telegram-secret")
                .put("dmPolicy", "pairing");
        ((com.fasterxml.jackson.databind.node.ObjectNode) config.path("agents").path("defaults")).put("model", "anthropic/claude-opus");
        config.putObject("logging").put("file", "/Users/luca/private.log").put("level", "debug");
        Files.writeString(lucaConfig, json.writeValueAsString(config));

        assertThat(add("critic", "--from", "luca", "--no-start").exitCode()).isZero();
        JsonNode critic = json.readTree(root.resolve(".openclaw-critic/openclaw.json").toFile());
        assertThat(critic.path("models").path("providers").path("anthropic").path("baseUrl").asText()).isEqualTo("https://api.anthropic.com");
        assertThat(critic.path("channels").path("telegram").path("dmPolicy").asText()).isEqualTo("pairing");
        assertThat(critic.path("agents").path("defaults").path("model").asText()).isEqualTo("anthropic/claude-opus");
        assertThat(critic.path("logging").path("level").asText()).isEqualTo("debug");
        String text = critic.toString();
        assertThat(text).doesNotContain("sk-ant-secret").doesNotContain("telegram-secret").doesNotContain("/Users/luca")
                .doesNotContain(token("luca")).doesNotContain(".openclaw-luca");
        assertThat(critic.path("gateway").path("port").asInt()).isEqualTo(base + 20);
        assertThat(critic.path("agents").path("defaults").path("workspace").asText()).isEqualTo(root.resolve(".openclaw-critic/workspace").toString());
    }

    @Test
    void stopReleasesThePortAndStartBringsItBack() throws Exception {
        assertThat(add("luca").exitCode()).isZero();
        assertThat(StandIn.listening(base)).isTrue();
        CliRun.Result stop = fleet().run("stop", "luca");
        assertThat(stop.exitCode()).isZero();
        assertThat(stop.out()).contains("stopped luca; port " + base + " is free");
        assertThat(StandIn.listening(base)).isFalse();
        assertThat(launchd.launchctl("print", launchd.gui() + "/ai.openclaw.luca").exitCode()).isEqualTo(113);
        CliRun.Result start = fleet().run("start", "luca");
        assertThat(start.exitCode()).as(start.all()).isZero();
        assertThat(start.out()).contains("loaded luca (pid").contains("listening on 127.0.0.1:" + base);
        CliRun.Result restart = fleet().run("restart", "--all");
        assertThat(restart.exitCode()).isZero();
        assertThat(restart.out()).contains("restarted luca");
        assertThat(launchd.runs("ai.openclaw.luca")).isEqualTo(2);
    }

    @Test
    void restartReloadsAPlistThatChanged() throws Exception {
        assertThat(add("luca").exitCode()).isZero();
        Path plist = agents.resolve("ai.openclaw.luca.plist");
        CliRun.Result regen = fleet().run("generate", "luca", "--port", Integer.toString(base + 40), "--root", root.toString(),
                "--node", "/usr/bin/node", "--entry", FleetFixture.FAKE_GATEWAY.toString(), "-o", agents.toString(), "--force");
        assertThat(regen.exitCode()).isZero();
        com.fasterxml.jackson.databind.node.ObjectNode config = (com.fasterxml.jackson.databind.node.ObjectNode)
                new ObjectMapper().readTree(root.resolve(".openclaw-luca/openclaw.json").toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) config.path("gateway")).put("port", base + 40);
        Files.writeString(root.resolve(".openclaw-luca/openclaw.json"), config.toString());
        CliRun.Result restart = fleet().run("restart", "luca");
        assertThat(restart.exitCode()).as(restart.all()).isZero();
        assertThat(restart.out()).contains("reloaded from its changed plist").contains("127.0.0.1:" + (base + 40));
        assertThat(StandIn.listening(base)).isFalse();
        assertThat(Files.exists(plist)).isTrue();
    }

    @Test
    void removeBackupAndRestoreLoseNothing() throws Exception {
        assertThat(add("luca").exitCode()).isZero();
        Path state = root.resolve(".openclaw-luca");
        Files.createDirectories(state.resolve("agents/main/sessions"));
        Files.writeString(state.resolve("agents/main/sessions/s1.jsonl"), "{\"msg\":\"hello\"}\n");
        Files.writeString(state.resolve("workspace/notes.md"), "# notes\n");
        String lucaToken = token("luca");

        Path archive = tmp.resolve("luca.tar.gz");
        CliRun.Result backup = fleet().run("backup", "luca", "-o", archive.toString());
        assertThat(backup.exitCode()).as(backup.all()).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(archive))).isEqualTo("rw-------");
        assertThat(fleet().run("backup", "luca", "-o", archive.toString()).exitCode()).as("never overwrites").isEqualTo(3);

        CliRun.Result remove = fleet().run("remove-instance", "luca");
        assertThat(remove.exitCode()).as(remove.all()).isZero();
        assertThat(remove.out()).contains("booted out ai.openclaw.luca; port " + base + " is free").contains("moved ");
        assertThat(state).doesNotExist();
        assertThat(StandIn.listening(base)).isFalse();
        Path trash;
        try (Stream<Path> bins = Files.list(root.resolve(".trash"))) {
            trash = bins.findFirst().orElseThrow();
        }
        assertThat(Files.readString(trash.resolve(".openclaw-luca/agents/main/sessions/s1.jsonl"))).isEqualTo("{\"msg\":\"hello\"}\n");
        assertThat(trash.resolve("ai.openclaw.luca.plist")).exists();

        CliRun.Result restore = fleet().run("restore", archive.toString());
        assertThat(restore.exitCode()).as(restore.all()).isZero();
        assertThat(restore.out()).contains("restored luca").contains("port " + base).contains("token kept")
                .contains("started ai.openclaw.luca");
        assertThat(Files.readString(state.resolve("agents/main/sessions/s1.jsonl"))).isEqualTo("{\"msg\":\"hello\"}\n");
        assertThat(Files.readString(state.resolve("workspace/notes.md"))).isEqualTo("# notes\n");
        assertThat(token("luca")).isEqualTo(lucaToken);
        // The running gateway has a lock dir (tmp/); the backup must not have carried it (RestoreSafetyTest
        // shows restore leaving an archive's tmp/ behind).
        assertThat(dev.openclawfleet.system.TarGz.list(archive)).as("runtime lock dir is not backed up")
                .noneMatch(n -> n.startsWith(".openclaw-luca/tmp")).contains(".openclaw-luca/openclaw.json");
        assertThat(audit().path("findings")).isEmpty();

        CliRun.Result twice = fleet().run("restore", archive.toString());
        assertThat(twice.exitCode()).isEqualTo(3);
        assertThat(twice.err()).contains("already used by");

        CliRun.Result copy = fleet().run("restore", archive.toString(), "--as", "luca2", "--new-token");
        assertThat(copy.exitCode()).as(copy.all()).isZero();
        assertThat(copy.out()).contains("port " + (base + 20) + " (the backup's port " + base + " is taken here)").contains("new token");
        assertThat(token("luca2")).isNotEqualTo(lucaToken);
        assertThat(audit().path("findings")).isEmpty();

        Path archived = tmp.resolve("luca2-removed.tar.gz");
        CliRun.Result toArchive = fleet().run("remove-instance", "luca2", "--archive", archived.toString());
        assertThat(toArchive.exitCode()).as(toArchive.all()).isZero();
        assertThat(root.resolve(".openclaw-luca2")).doesNotExist();
        assertThat(Files.size(archived)).isPositive();
        CliRun.Result purge = fleet().run("remove-instance", "luca", "--purge", "--yes");
        assertThat(purge.exitCode()).isZero();
        assertThat(state).doesNotExist();
        assertThat(agents.resolve("ai.openclaw.luca.plist")).doesNotExist();
    }

    @Test
    void listStatusLogsAndUse() throws Exception {
        assertThat(add("luca").exitCode()).isZero();
        CliRun.Result list = fleet().run("list");
        assertThat(list.out()).containsPattern("(?m)^NAME +LABEL +PORT +STATE +PID +RUNS +LAST EXIT +LISTENING +FINDINGS$")
                .containsPattern("(?m)^luca +ai\\.openclaw\\.luca +" + base + " +running +\\d+ +1 +- +yes +0$");
        JsonNode json = new ObjectMapper().readTree(fleet().run("list", "--format", "json").out());
        assertThat(json.path("instances").get(0).path("listening").asBoolean()).isTrue();
        assertThat(json.path("instances").get(0).path("findingCount").asInt()).isZero();
        assertThat(json.path("instances").get(0).path("lastExitCode").isNull()).isTrue();

        CliRun.Result status = fleet().run("status", "luca");
        assertThat(status.exitCode()).isZero();
        assertThat(status.out()).contains("launchd     running, pid").contains("token set (sha256:").doesNotContain(token("luca"))
                .contains("findings    none");

        CliRun.Result logs = fleet().run("logs", "luca", "-n", "1");
        assertThat(logs.out()).contains("listening on ws://127.0.0.1:" + base);

        Path printer = tmp.resolve("printenv.js");
        Files.writeString(printer, "console.log([process.argv.slice(2).join(' '), process.env.OPENCLAW_STATE_DIR,"
                + " process.env.OPENCLAW_CONFIG_PATH, process.env.OPENCLAW_GATEWAY_PORT].join('|'));\n");
        assertThat(fleet().run("add-instance", "probe", "--entry", printer.toString(), "--no-start", "--base-port",
                Integer.toString(base + 100)).exitCode()).isZero();
        CliRun.Result use = fleet().run("use", "probe", "--", "status", "--deep");
        assertThat(use.exitCode()).isZero();
        Path probeState = root.resolve(".openclaw-probe");
        assertThat(use.out().strip()).isEqualTo("status --deep|" + probeState + "|" + probeState.resolve("openclaw.json") + "|" + (base + 100));
    }
}
