package dev.openclawfleet.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openclawfleet.model.Secret;
import dev.openclawfleet.system.BackupDir;
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
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The commands that change one instance, end to end on the stand-in: `fleet config`, `fleet
 * rotate-token`, `fleet set-port`, `add-instance --from`'s dropped credentials, and the safety of
 * remove-instance --purge and of stopping or removing an instance that does not exist.
 */
@Timeout(180)
class InstanceCommandsIT {
    @TempDir
    Path tmp;
    StandIn launchd;
    Path home;
    BrokenFleet fleet;
    int base;
    Path record;

    @BeforeEach
    void setUp() throws Exception {
        launchd = new StandIn(tmp);
        home = Files.createDirectories(tmp.resolve("home"));
        base = StandIn.freePorts(10);
        fleet = new BrokenFleet(home, launchd, base);
        record = tmp.resolve("launchctl.calls");
        launchd.recording(record, home);
    }

    @AfterEach
    void tearDown() throws Exception {
        fleet.kill();
        launchd.close();
    }

    private CliRun cli() {
        return launchd.cli().home(home).cwd(tmp);
    }

    private List<String> changingCalls() throws Exception {
        return Files.exists(record) ? Files.readAllLines(record).stream()
                .filter(l -> !l.startsWith("print") && !l.startsWith("list") && !l.startsWith("standin")).toList() : List.of();
    }

    private JsonNode audit() throws Exception {
        return new ObjectMapper().readTree(cli().run("audit", "--format", "json").out());
    }

    @Test
    void configGetsMaskedSetsWithABackupAndKeepsComments() throws Exception {
        fleet.running("luca", base);
        String token = FleetFixture.tokenFor("luca");
        FleetFixture.write(fleet.config("luca"), """
                // luca's config: keep this comment
                {
                  gateway: { mode: "local", port: %d, bind: "loopback", auth: { mode: "token", token: "%s" } },
                  channels: { telegram: { botToken: "123456:short", dmPolicy: "pairing" } },
                }
                """.formatted(base, token), "rw-------");

        CliRun.Result get = cli().run("config", "luca", "get", "gateway");
        assertThat(get.exitCode()).as(get.all()).isZero();
        assertThat(get.out()).contains("\"port\": " + base).contains("*** (" + Secret.of(token).fingerprint() + ")").doesNotContain(token);
        assertThat(cli().run("config", "luca", "get", "channels.telegram").out()).contains("\"botToken\": \"***\"")
                .contains("\"dmPolicy\": \"pairing\"").doesNotContain("123456:short");
        CliRun.Result missing = cli().run("config", "luca", "get", "agents.defaults.model");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("agents.defaults.model is not set in luca's config");

        CliRun.Result set = cli().run("config", "luca", "set", "agents.defaults.model", "minimax/minimax-m2.5");
        assertThat(set.exitCode()).as(set.all()).isZero();
        assertThat(set.err()).contains("the old file is in ").contains("`fleet restart luca`");
        String text = Files.readString(fleet.config("luca"));
        assertThat(text).startsWith("// luca's config: keep this comment\n").contains("\"model\": \"minimax/minimax-m2.5\"");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fleet.config("luca")))).isEqualTo("rw-------");
        try (Stream<Path> bins = Files.list(fleet.fleet.root.resolve(".trash"))) {
            Path bin = bins.filter(p -> p.getFileName().toString().startsWith("config-")).findFirst().orElseThrow();
            assertThat(BackupDir.where(bin, fleet.config("luca"))).content().doesNotContain("minimax");
        }
        assertThat(cli().run("config", "luca", "set", "gateway.bind", "\"lan\"").exitCode()).isZero();
        assertThat(cli().run("config", "luca", "get", "gateway.bind").out()).isEqualTo("\"lan\"\n");
        assertThat(cli().run("config", "luca", "set", "agents.defaults.maxConcurrent", "4").exitCode()).isZero();
        assertThat(cli().run("config", "luca", "get", "agents.defaults.maxConcurrent").out()).isEqualTo("4\n");
        assertThat(cli().run("config", "luca", "unset", "gateway.bind").exitCode()).isZero();
        assertThat(Files.readString(fleet.config("luca"))).doesNotContain("bind").contains("// luca's config");

        CliRun.Result secretOnArgv = cli().run("config", "luca", "set", "channels.telegram.botToken", "999:leaked");
        assertThat(secretOnArgv.exitCode()).isEqualTo(2);
        assertThat(secretOnArgv.err()).contains("pass - and give the value on stdin").doesNotContain("999:leaked");
        CliRun.Result secret = cli().input("999:from-stdin-value\n").run("config", "luca", "set", "channels.telegram.botToken", "-");
        assertThat(secret.exitCode()).as(secret.all()).isZero();
        assertThat(secret.all()).doesNotContain("999:from-stdin-value");
        assertThat(Files.readString(fleet.config("luca"))).contains("\"999:from-stdin-value\"");
        CliRun.Result port = cli().run("config", "luca", "set", "gateway.port", "1234");
        assertThat(port.exitCode()).isEqualTo(2);
        assertThat(port.err()).contains("fleet set-port luca");
        assertThat(changingCalls()).as("config never touches launchd").isEmpty();
    }

    @Test
    void rotateTokenRestartsAndPrintsOnlyTheFingerprint() throws Exception {
        fleet.running("luca", base);
        String old = fleet.token("luca");
        Files.deleteIfExists(record);
        CliRun.Result r = cli().run("rotate-token", "luca");
        assertThat(r.exitCode()).as(r.all()).isZero();
        String fresh = fleet.token("luca");
        assertThat(fresh).isNotEqualTo(old).matches("[0-9a-f]{64}");
        assertThat(r.out()).isEqualTo(Secret.of(fresh).fingerprint() + "\n");
        assertThat(r.all()).doesNotContain(fresh).doesNotContain(old).contains("listening on 127.0.0.1:" + base);
        assertThat(StandIn.listening(base)).isTrue();
        assertThat(changingCalls()).containsExactly("enable " + launchd.gui() + "/ai.openclaw.luca",
                "kickstart -k " + launchd.gui() + "/ai.openclaw.luca");
        assertThat(audit().path("findings")).isEmpty();

        assertThat(cli().run("stop", "luca").exitCode()).isZero();
        CliRun.Result stopped = cli().run("rotate-token", "luca");
        assertThat(stopped.exitCode()).isZero();
        assertThat(stopped.err()).contains("luca is stopped: it uses the new token from `fleet start luca`");
        assertThat(StandIn.listening(base)).as("a stopped instance stays stopped").isFalse();
    }

    @Test
    void setPortMovesPlistConfigAndEnvTogetherAndRestarts() throws Exception {
        fleet.running("luca", base);
        fleet.fleet.instance("critic", base + 20).env("OPENCLAW_GATEWAY_PORT", Integer.toString(base + 20)).write();
        launchd.bootstrap(fleet.plist("critic"));
        StandIn.await(java.time.Duration.ofSeconds(30), "critic", () -> StandIn.listening(base + 20));
        int target = base + 60;

        CliRun.Result taken = cli().run("set-port", "critic", Integer.toString(base + 2));
        assertThat(taken.exitCode()).isEqualTo(2);
        assertThat(taken.err()).contains("is luca's browser-control port").contains("nothing was changed");

        CliRun.Result moved = cli().run("set-port", "critic", Integer.toString(target));
        assertThat(moved.exitCode()).as(moved.all()).isZero();
        assertThat(moved.out()).contains("moved critic from port " + (base + 20) + " to " + target);
        String plist = Files.readString(fleet.plist("critic"));
        assertThat(plist).contains("<string>" + target + "</string>").doesNotContain("<string>" + (base + 20) + "</string>");
        assertThat(fleet.readConfig("critic").path("gateway").path("port").asInt()).isEqualTo(target);
        assertThat(StandIn.listening(target)).isTrue();
        assertThat(StandIn.listening(base + 20)).isFalse();
        assertThat(audit().path("findings")).isEmpty();

        CliRun.Result auto = cli().run("set-port", "critic", "--auto", "--base-port", Integer.toString(base));
        assertThat(auto.exitCode()).as(auto.all()).isZero();
        assertThat(auto.out()).contains("already uses port " + target);
        fleet.fleet.instance("close", base + 70).write(); // 10 from critic: port-spacing
        launchd.bootstrap(fleet.plist("close"));
        StandIn.await(java.time.Duration.ofSeconds(30), "close", () -> StandIn.listening(base + 70));
        CliRun.Result spaced = cli().run("set-port", "close", "--auto", "--base-port", Integer.toString(base));
        assertThat(spaced.exitCode()).as(spaced.all()).isZero();
        assertThat(spaced.out()).contains("moved close from port " + (base + 70) + " to " + (base + 20));
        assertThat(audit().path("findings")).isEmpty();
    }

    @Test
    void addInstanceFromListsTheCredentialsItLeftBehind() throws Exception {
        fleet.running("luca", base);
        FleetFixture.write(fleet.config("luca"), """
                {"gateway": {"mode": "local", "port": %d, "auth": {"mode": "token", "token": "%s"}},
                 "models": {"providers": {"openai": {"apiKey": "sk-secret-value", "baseUrl": "https://x"}}},
                 "channels": {"telegram": {"botToken": "1:2", "dmPolicy": "pairing"}},
                 "agents": {"defaults": {"model": "opus", "maxTokens": 4096}}}
                """.formatted(base, FleetFixture.tokenFor("luca")), "rw-------");
        CliRun.Result r = cli().run("add-instance", "critic", "--from", "luca", "--entry", FleetFixture.FAKE_GATEWAY.toString(),
                "--base-port", Integer.toString(base));
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.err()).contains("not copied from luca (credentials stay with their instance): models.providers.openai.apiKey,"
                        + " channels.telegram.botToken")
                .contains("  fleet config critic set models.providers.openai.apiKey -")
                .contains("  fleet config critic set channels.telegram.botToken -")
                .doesNotContain("sk-secret-value");
        JsonNode critic = fleet.readConfig("critic");
        assertThat(critic.path("agents").path("defaults").path("maxTokens").asInt()).as("maxTokens is no credential").isEqualTo(4096);
        assertThat(critic.path("models").path("providers").path("openai").has("apiKey")).isFalse();
    }

    @Test
    void purgeAsksAndAMissingInstanceIsNoFailure() throws Exception {
        fleet.running("luca", base);
        CliRun.Result noTerminal = cli().run("remove-instance", "luca", "--purge");
        assertThat(noTerminal.exitCode()).isEqualTo(2);
        assertThat(noTerminal.err()).contains("pass --yes to do it without a terminal; nothing was changed");
        CliRun.Result declined = cli().terminal(true).input("no\n").run("remove-instance", "luca", "--purge");
        assertThat(declined.exitCode()).isEqualTo(1);
        assertThat(fleet.state("luca")).exists();
        assertThat(fleet.plist("luca")).exists();
        assertThat(StandIn.listening(base)).isTrue();
        CliRun.Result purged = cli().run("remove-instance", "luca", "--purge", "--yes");
        assertThat(purged.exitCode()).as(purged.all()).isZero();
        assertThat(fleet.state("luca")).doesNotExist();
        assertThat(fleet.plist("luca")).doesNotExist();

        for (String command : List.of("remove-instance", "stop")) {
            CliRun.Result gone = cli().run(command, "luca");
            assertThat(gone.exitCode()).as(command + ": " + gone.all()).isZero();
            assertThat(gone.err()).startsWith("note: nothing to ").contains("there is no instance 'luca'");
        }
        assertThat(cli().run("start", "luca").exitCode()).as("start still needs an instance").isEqualTo(2);
    }
}
