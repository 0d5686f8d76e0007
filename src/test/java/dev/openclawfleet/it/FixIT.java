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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * `fleet fix` end to end on the launchctl stand-in: real gateway processes and ports, a fleet broken
 * in every way fix repairs, then audited clean; backups, the dry run, the exact launchctl calls
 * (through a recording fake on PATH), the confirmation, and no token in any output.
 */
@Timeout(300)
class FixIT {
    @TempDir
    Path tmp;
    StandIn launchd;
    Path home;
    BrokenFleet broken;
    Path record;
    int base;

    @BeforeEach
    void setUp() throws Exception {
        launchd = new StandIn(tmp);
        home = Files.createDirectories(tmp.resolve("home"));
        base = StandIn.freePorts(30);
        broken = new BrokenFleet(home, launchd, base);
        record = tmp.resolve("launchctl.calls");
        launchd.recording(record, home);
    }

    @AfterEach
    void tearDown() throws Exception {
        broken.kill();
        launchd.close();
    }

    private CliRun fleet() {
        return launchd.cli().home(home).cwd(tmp);
    }

    private JsonNode audit() throws Exception {
        return new ObjectMapper().readTree(fleet().run("audit", "--format", "json").out());
    }

    private static Set<String> rules(JsonNode report) {
        Set<String> out = new HashSet<>();
        report.path("findings").forEach(f -> out.add(f.path("rule").asText()));
        return out;
    }

    /** The calls that change launchd, in order (the audit's print, print-disabled and list read only). */
    private List<String> changingCalls() throws Exception {
        if (!Files.exists(record)) {
            return List.of();
        }
        return Files.readAllLines(record).stream()
                .filter(l -> !l.startsWith("print") && !l.startsWith("list") && !l.startsWith("standin")).toList();
    }

    @Test
    void aFleetBrokenInEveryFixableWayAuditsCleanAfterFixYes() throws Exception {
        int luca = base;
        broken.running("luca", luca);
        broken.running("perm", base + 20);
        Files.setPosixFilePermissions(broken.plist("perm"), PosixFilePermissions.fromString("rw-rw-r--"));
        broken.fleet.instance("contract", base + 40).plist(p -> {
            p.put("RunAtLoad", false);
            p.remove("KeepAlive");
            ((List<Object>) p.get("ProgramArguments")).set(0, "node");
            p.remove("StandardErrorPath");
            p.put("Nice", 5L);
        }).env("MY_DATA", "~/data").write();
        launchd.bootstrap(broken.plist("contract"));
        String secretToken = FleetFixture.tokenFor("secret");
        broken.fleet.instance("secret", base + 60).env("OPENCLAW_GATEWAY_TOKEN", secretToken)
                .config(c -> ((ObjectNode) c.path("gateway").path("auth")).remove("token")).write();
        launchd.bootstrap(broken.plist("secret"));
        broken.fleet.instance("tok", base + 80).config(c -> {
            ((ObjectNode) c.path("gateway").path("auth")).remove("token");
            ((ObjectNode) c.path("gateway")).put("mode", "remote");
        }).write();
        launchd.bootstrap(broken.plist("tok"));
        broken.fleet.instance("dtok", base + 100).config(c -> ((ObjectNode) c.path("gateway").path("auth"))
                .put("token", FleetFixture.tokenFor("luca"))).write();
        broken.newer("dtok", 5);
        launchd.bootstrap(broken.plist("dtok"));
        broken.fleet.instance("mis", base + 120).config(c -> ((ObjectNode) c.path("gateway")).put("port", 12345)).write();
        launchd.bootstrap(broken.plist("mis"));
        broken.fleet.instance("dport", luca).write();
        broken.newer("dport", 5);
        launchd.bootstrap(broken.plist("dport"));
        broken.fleet.instance("dcol", luca + 2).write();
        broken.newer("dcol", 5);
        launchd.bootstrap(broken.plist("dcol"));
        broken.running("next", base + 200);
        broken.fleet.instance("space", base + 185).write();
        broken.newer("space", 5);
        launchd.bootstrap(broken.plist("space"));
        broken.fleet.instance("unman", base + 220).write();
        broken.byHand("unman", base + 220);
        broken.fleet.instance("notl", base + 240).write();
        broken.running("prov", base + 260);
        broken.unfinishedAdd("prov", base + 260);
        broken.running("disab", base + 280);
        launchd.launchctl("disable", launchd.gui() + "/ai.openclaw.disab");
        broken.fleet.instance("cfgm", base + 300).noConfig().write();
        launchd.bootstrap(broken.plist("cfgm"));
        broken.running("stop", base + 320);
        Files.setPosixFilePermissions(broken.state("stop"), PosixFilePermissions.fromString("rwxr-x---"));
        assertThat(fleet().run("stop", "stop").exitCode()).isZero();
        broken.staleLock("luca");
        Map<String, String> migrated = broken.rootGateway(base + 400, 20);
        broken.legacyOn("luca", base + 420);
        Files.setPosixFilePermissions(broken.state("luca"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(broken.config("luca"), PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(broken.fleet.root, PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, String> stoppedBefore = BrokenFleet.tree(broken.state("stop"), broken.plist("stop"));
        List<String> tokens = new ArrayList<>();
        for (String name : List.of("luca", "perm", "contract", "dtok", "mis", "dport", "dcol", "space", "unman", "notl", "prov", "disab", "stop")) {
            tokens.add(broken.token(name));
        }
        tokens.add(secretToken);
        tokens.add("root-token-0123456789abcdef0123456789abcdef");

        JsonNode before = audit();
        assertThat(rules(before)).as(before.toString()).contains("plist-permissions", "state-permissions", "root-permissions", "run-at-load",
                "keep-alive", "program-not-absolute", "log-path", "unexpanded-path", "inline-secret", "token-missing", "gateway-mode",
                "duplicate-token", "port-mismatch", "duplicate-port", "derived-port-collision", "port-spacing", "mixed-root-state",
                "legacy-service", "stale-lock", "unmanaged-gateway", "not-loaded", "provisioning-incomplete", "disabled", "config-missing",
                "stopped");

        CliRun.Result fix = fleet().run("fix", "--yes", "--base-port", Integer.toString(base), "--timeout", "20");
        assertThat(fix.exitCode()).as(fix.all()).isZero();
        assertThat(fix.out()).contains("stop is stopped on purpose, and fleet fix leaves stopped instances alone");
        JsonNode after = audit();
        List<String> left = new ArrayList<>();
        after.path("findings").forEach(f -> left.add(f.path("rule").asText() + " " + f.path("instances")));
        assertThat(left).as(after.toString()).containsExactlyInAnyOrder("stopped [\"stop\"]", "state-permissions [\"stop\"]");
        assertThat(after.path("instances")).allSatisfy(i -> {
            if (!i.path("name").asText().equals("stop")) {
                assertThat(i.path("live").path("status").asText()).as(i.toString()).isEqualTo("running");
            }
        });
        assertThat(BrokenFleet.tree(broken.state("stop"), broken.plist("stop"))).as("a stopped instance is left alone").isEqualTo(stoppedBefore);

        // The root's state arrived byte for byte in .openclaw-main; the originals are in the backup folder.
        assertThat(BrokenFleet.checksums(broken.state("main"), List.of("sessions", "credentials", "workspace", "agents"))).isEqualTo(migrated);
        Path backup;
        try (Stream<Path> bins = Files.list(broken.fleet.root.resolve(".trash"))) {
            backup = bins.filter(p -> p.getFileName().toString().startsWith("fix-")).findFirst().orElseThrow();
        }
        assertThat(BrokenFleet.checksums(dev.openclawfleet.system.BackupDir.where(backup, broken.fleet.root),
                List.of("sessions", "credentials", "workspace", "agents"))).isEqualTo(migrated);
        // Every file the plan changed or moved is in the backup folder under its own path.
        for (String file : List.of(broken.plist("perm").toString(), broken.plist("contract").toString(), broken.plist("secret").toString(),
                broken.config("secret").toString(), broken.config("tok").toString(), broken.config("dtok").toString(),
                broken.config("mis").toString(), broken.plist("dport").toString(), broken.config("dport").toString(),
                broken.plist("dcol").toString(), broken.plist("space").toString(), broken.config("luca").toString(),
                broken.fleet.agents.resolve("com.clawdbot.gateway.plist").toString(), broken.fleet.agents.resolve("ai.openclaw.gateway.plist").toString(),
                broken.state("luca").resolve("tmp/openclaw-" + FleetFixture.UID + "/gateway.deadbeef.lock").toString())) {
            assertThat(dev.openclawfleet.system.BackupDir.where(backup, Path.of(file))).as(file).exists();
        }
        assertThat(Files.readString(dev.openclawfleet.system.BackupDir.where(backup, broken.plist("secret")))).contains(secretToken);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(backup))).isEqualTo("rwx------");
        // Keys the user added survive the rewrite; secrets moved into the 0600 config.
        String contract = Files.readString(broken.plist("contract"));
        assertThat(contract).contains("<key>Nice</key>").contains(home.resolve("data").toString()).doesNotContain("~/data");
        assertThat(Files.readString(broken.plist("secret"))).doesNotContain(secretToken);
        assertThat(broken.token("secret")).isEqualTo(secretToken);
        assertThat(broken.token("dtok")).isNotEqualTo(FleetFixture.tokenFor("luca")).matches("[0-9a-f]{64}");
        assertThat(broken.fleet.agents.resolve("com.clawdbot.gateway.plist")).doesNotExist();
        tokens.add(broken.token("dtok"));
        tokens.add(broken.token("tok"));
        tokens.add(broken.token("cfgm"));
        tokens.add(broken.token("main"));
        String everything = fix.all() + fleet().run("audit").all() + after;
        for (String token : tokens) {
            assertThat(everything).as("no output holds a token").doesNotContain(token);
        }
        assertThat(fix.out()).contains("new gateway tokens (fingerprints only").contains("dtok  sha256:");
    }

    @Test
    void aDryRunChangesNothingAtAll() throws Exception {
        broken.running("luca", base);
        broken.fleet.instance("secret", base + 20).env("OPENCLAW_GATEWAY_TOKEN", FleetFixture.tokenFor("secret"))
                .config(c -> ((ObjectNode) c.path("gateway").path("auth")).remove("token")).write();
        launchd.bootstrap(broken.plist("secret"));
        broken.fleet.instance("mis", base + 40).config(c -> ((ObjectNode) c.path("gateway")).put("port", 1234)).write();
        launchd.bootstrap(broken.plist("mis"));
        broken.fleet.instance("dtok", base + 60).config(c -> ((ObjectNode) c.path("gateway").path("auth"))
                .put("token", FleetFixture.tokenFor("luca"))).write();
        launchd.bootstrap(broken.plist("dtok"));
        for (int port : new int[]{base + 20, base + 40, base + 60}) {
            StandIn.await(java.time.Duration.ofSeconds(30), "port " + port, () -> StandIn.listening(port));
        }
        broken.staleLock("luca");
        broken.rootGateway(base + 400, 5);
        broken.legacyOn("luca", base + 420);
        Files.setPosixFilePermissions(broken.state("luca"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(broken.plist("mis"), PosixFilePermissions.fromString("rw-rw-r--"));
        StandIn.await(java.time.Duration.ofSeconds(30), "the legacy job to give up", () -> {
            try {
                return launchd.launchctl("print", launchd.gui() + "/com.clawdbot.gateway").out().contains("state = not running");
            } catch (Exception e) {
                return false;
            }
        });
        Map<String, String> tree = filesFleetWrites(BrokenFleet.tree(home));
        String jobs = launchd.launchctl("standin-jobs").out();
        Files.deleteIfExists(record);

        CliRun.Result dry = fleet().run("fix", "--dry-run", "--base-port", Integer.toString(base));
        assertThat(dry.exitCode()).as(dry.all()).isZero();
        assertThat(dry.out()).contains("dry run: nothing was changed").contains("migrate the container root's own state")
                .contains("remove the old job com.clawdbot.gateway").contains("chmod  0755 -> 0700").contains("write  0600")
                .doesNotContain(FleetFixture.tokenFor("secret")).doesNotContain(FleetFixture.tokenFor("luca"));
        assertThat(filesFleetWrites(BrokenFleet.tree(home))).as("not a byte, not a mode").isEqualTo(tree);
        assertThat(launchd.launchctl("standin-jobs").out()).isEqualTo(jobs);
        assertThat(changingCalls()).as("no launchctl call that changes anything").isEmpty();
        JsonNode json = new ObjectMapper().readTree(fleet().run("fix", "--dry-run", "--format", "json", "--base-port", Integer.toString(base)).out());
        assertThat(json.path("dryRun").asBoolean()).isTrue();
        assertThat(json.path("applied").asBoolean()).isFalse();
        assertThat(json.path("steps").size()).isGreaterThan(3);
        assertThat(filesFleetWrites(BrokenFleet.tree(home))).isEqualTo(tree);
    }

    @Test
    void theLaunchctlCallsAreExactlyThePlansAndNothingElse() throws Exception {
        broken.running("luca", base);
        broken.fleet.instance("tok", base + 20).config(c -> ((ObjectNode) c.path("gateway").path("auth")).remove("token")).write();
        launchd.bootstrap(broken.plist("tok"));
        broken.legacyOn("luca", base + 420);
        Files.deleteIfExists(record);
        CliRun.Result fix = fleet().run("fix", "--yes");
        assertThat(fix.exitCode()).as(fix.all()).isZero();
        String gui = launchd.gui();
        assertThat(changingCalls()).containsExactly(
                "bootout " + gui + "/com.clawdbot.gateway",
                "disable " + gui + "/com.clawdbot.gateway",
                "enable " + gui + "/ai.openclaw.tok",
                "kickstart -k " + gui + "/ai.openclaw.tok");
    }

    @Test
    void withoutATerminalItNeedsYesAndOnATerminalItAsksOnce() throws Exception {
        broken.running("luca", base);
        Files.setPosixFilePermissions(broken.state("luca"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, String> tree = filesFleetWrites(BrokenFleet.tree(home));

        CliRun.Result noTerminal = fleet().run("fix");
        assertThat(noTerminal.exitCode()).isEqualTo(2);
        assertThat(noTerminal.err()).contains("pass --yes to do it without a terminal").contains("nothing was changed");
        assertThat(noTerminal.out()).contains("chmod  0755 -> 0700");
        CliRun.Result declined = fleet().terminal(true).input("\n").run("fix");
        assertThat(declined.exitCode()).isEqualTo(1);
        assertThat(declined.err()).contains("Apply this step? [y/N]").contains("nothing was changed");
        assertThat(filesFleetWrites(BrokenFleet.tree(home))).isEqualTo(tree);

        CliRun.Result yes = fleet().terminal(true).input("y\n").run("fix");
        assertThat(yes.exitCode()).as(yes.all()).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(broken.state("luca")))).isEqualTo("rwx------");
        CliRun.Result again = fleet().run("fix");
        assertThat(again.exitCode()).as("nothing to do needs no --yes").isZero();
        assertThat(again.out()).contains("nothing to change automatically");
    }

    @Test
    void whatFixCannotChangeGetsARecipeWithRealValuesAndExit1() throws Exception {
        broken.running("luca", base);
        broken.fleet.instance("critic", base + 20).env("OPENCLAW_STATE_DIR", broken.state("luca").toString()).noStateDir().write();
        broken.newer("critic", 5);
        broken.fleet.instance("bad", base + 40).rawConfig("{ gateway: { mode: 'local', ").write();
        CliRun.Result fix = fleet().run("fix", "--yes", "--base-port", Integer.toString(base));
        assertThat(fix.exitCode()).as(fix.all()).isEqualTo(1);
        assertThat(fix.out()).contains("not fixed automatically").contains("duplicate-state-dir")
                .contains("fleet stop critic && mv " + broken.plist("critic") + " ~/.Trash/ && fleet add-instance critic --from luca")
                .contains("config-invalid").contains("open " + broken.config("bad"))
                .doesNotContain("NAME").doesNotContain("ROOT/").doesNotContain("STATE/");
        JsonNode json = new ObjectMapper().readTree(fleet().run("fix", "--dry-run", "--format", "json").out());
        assertThat(json.path("left")).anySatisfy(l -> {
            assertThat(l.path("rule").asText()).isEqualTo("duplicate-state-dir");
            assertThat(l.path("why").asText()).contains("which sessions");
        });
    }

    /**
     * The tree with the running gateways' own logs reduced to their modes: a gateway writes its log
     * when it gets round to it, which may fall between two snapshots (fleet never writes them).
     */
    private static Map<String, String> filesFleetWrites(Map<String, String> tree) {
        Map<String, String> out = new java.util.TreeMap<>();
        tree.forEach((path, what) -> out.put(path, path.contains("/logs/") && path.endsWith(".log") ? what.split(" ")[0] : what));
        return out;
    }
}
