package dev.openclawfleet.audit;

import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.Report;
import dev.openclawfleet.model.Severity;
import dev.openclawfleet.plist.PlistWriter;
import dev.openclawfleet.testing.FleetFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.openclawfleet.testing.FleetFixture.of;
import static org.assertj.core.api.Assertions.assertThat;

/** The audit-only rules that read state dirs, configs and the container root, each bad and good. */
class StateRulesTest {
    @TempDir
    Path tmp;
    FleetFixture fleet;

    @BeforeEach
    void goodNeighbour() {
        fleet = FleetFixture.in(tmp);
        fleet.instance("critic", 18809).write();
    }

    private List<Finding> onlyLuca(String rule) {
        Report report = fleet.audit();
        assertThat(report.findings()).filteredOn(f -> f.instances().contains("critic")).isEmpty();
        List<Finding> found = of(report, rule);
        assertThat(found).isNotEmpty().allSatisfy(f -> assertThat(f.instances()).containsExactly("luca"));
        return found;
    }

    @Test
    void lintNeverReadsState() {
        fleet.instance("luca", 18789).noStateDir().write();
        assertThat(fleet.lint().findings()).isEmpty();
        assertThat(of(fleet.audit(), "state-dir-missing")).hasSize(1);
    }

    @Test
    void stateDirMissingWithoutRepeatingConfigMissing() {
        fleet.instance("luca", 18789).noStateDir().write();
        assertThat(onlyLuca("state-dir-missing")).singleElement().satisfies(f -> assertThat(f.fix()).startsWith("mkdir -p '").endsWith("&& chmod 700 '" + fleet.root.resolve(".openclaw-luca") + "'"));
        assertThat(of(fleet.audit(), "config-missing")).isEmpty();
    }

    @Test
    void configMissing() {
        fleet.instance("luca", 18789).noConfig().write();
        assertThat(onlyLuca("config-missing")).singleElement().satisfies(f -> assertThat(f.message()).contains("gateway.mode=local"));
    }

    @Test
    void configInvalidGivesLineAndColumnButNeverTheContent() {
        fleet.instance("luca", 18789).rawConfig("{\n  gateway: { mode: 'local', auth: { token: s3cr3t-unquoted-token-value } }\n}").write();
        assertThat(onlyLuca("config-invalid")).singleElement().satisfies(f -> {
            assertThat(f.message()).contains("not valid JSON5 at line 2").doesNotContain("s3cr3t");
            assertThat(f.path()).endsWith("openclaw.json");
        });
    }

    @Test
    void json5IsAccepted() {
        fleet.instance("luca", 18789).rawConfig("""
                // OpenClaw config, JSON5
                {
                  gateway: {
                    mode: 'local', /* required */
                    port: 18789,
                    bind: "loopback",
                    auth: { mode: "token", token: "%s", },
                  },
                }
                """.formatted(FleetFixture.tokenFor("luca"))).write();
        assertThat(fleet.audit().findings()).isEmpty();
    }

    @Test
    void gatewayModeNotLocal() {
        fleet.instance("luca", 18789).config(c -> c.withObjectProperty("gateway").put("mode", "remote")).write();
        assertThat(onlyLuca("gateway-mode")).singleElement().satisfies(f -> assertThat(f.message()).startsWith("gateway.mode is \"remote\""));
        fleet.instance("luca", 18789).config(c -> c.withObjectProperty("gateway").remove("mode")).write();
        assertThat(onlyLuca("gateway-mode")).singleElement().satisfies(f -> assertThat(f.message()).startsWith("gateway.mode is not set"));
    }

    @Test
    void tokenMissingUnlessTheEnvironmentHasOne() {
        fleet.instance("luca", 18789).config(c -> c.withObjectProperty("gateway").withObjectProperty("auth").remove("token")).write();
        assertThat(onlyLuca("token-missing")).singleElement().satisfies(f -> assertThat(f.message()).contains("KeepAlive restarts it"));
        fleet.instance("luca", 18789).config(c -> c.withObjectProperty("gateway").withObjectProperty("auth").remove("token"))
                .env("OPENCLAW_GATEWAY_TOKEN", "from-env").plistMode("rw-------").write();
        assertThat(of(fleet.audit(), "token-missing")).isEmpty();
    }

    @Test
    void duplicateTokenShowsOnlyAFingerprint() {
        String criticToken = FleetFixture.tokenFor("critic");
        fleet.instance("luca", 18789).config(c -> c.withObjectProperty("gateway").withObjectProperty("auth").put("token", criticToken)).write();
        Report report = fleet.audit();
        assertThat(of(report, "duplicate-token")).singleElement().satisfies(f -> {
            assertThat(f.instances()).containsExactlyInAnyOrder("luca", "critic");
            assertThat(f.message()).containsPattern("share the gateway token sha256:[0-9a-f]{8}").doesNotContain(criticToken);
        });
    }

    @Test
    void portMismatchAcrossArgumentsEnvironmentAndConfig() {
        fleet.instance("luca", 18789).config(c -> c.withObjectProperty("gateway").put("port", 18790)).write();
        assertThat(onlyLuca("port-mismatch")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("--port 18789, gateway.port 18790"));
        fleet.instance("luca", 18789).env("OPENCLAW_GATEWAY_PORT", "19000").write();
        assertThat(onlyLuca("port-mismatch")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("OPENCLAW_GATEWAY_PORT 19000"));
    }

    @Test
    void statePermissions() {
        fleet.instance("luca", 18789).stateMode("rwxr-xr-x").configMode("rw-r--r--").write();
        assertThat(onlyLuca("state-permissions")).satisfiesExactlyInAnyOrder(
                f -> {
                    assertThat(f.message()).startsWith("state dir mode is 0755");
                    assertThat(f.severity()).isEqualTo(Severity.WARNING);
                },
                f -> {
                    assertThat(f.message()).contains("config mode is 0644").contains("can read its gateway token");
                    assertThat(f.severity()).isEqualTo(Severity.ERROR);
                });
    }

    @Test
    void bindNotLoopbackIsAWarning() {
        fleet.instance("luca", 18789).config(c -> c.withObjectProperty("gateway").put("bind", "lan")).write();
        assertThat(onlyLuca("bind-not-loopback")).singleElement().satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.WARNING));
    }

    @Test
    void mixedRootState() throws Exception {
        fleet.instance("luca", 18789).write();
        Files.writeString(fleet.root.resolve("openclaw.json"), "{}");
        Files.createDirectories(fleet.root.resolve("sessions"));
        FleetFixture.write(fleet.root.resolve("tmp/openclaw-501/gateway.1234abcd.lock"), "{}", "rw-------");
        Report report = fleet.audit();
        assertThat(of(report, "mixed-root-state")).singleElement().satisfies(f -> {
            assertThat(f.path()).isEqualTo(fleet.root.toString());
            assertThat(f.message()).contains("openclaw.json, sessions/, tmp/openclaw-501/gateway.1234abcd.lock").contains("2 .openclaw-*");
        });
    }

    @Test
    void rootPermissions() throws Exception {
        fleet.instance("luca", 18789).write();
        assertThat(of(fleet.audit(), "root-permissions")).isEmpty();
        Files.setPosixFilePermissions(fleet.root, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(of(fleet.audit(), "root-permissions")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.message()).isEqualTo("container root " + fleet.root + " has mode 0755, not 0700: other users can enter it and open"
                    + " what is not locked down in it, such as fleet's lock file");
            assertThat(f.fix()).isEqualTo("chmod 700 '" + fleet.root + "'");
        });
        Files.setPosixFilePermissions(fleet.root, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThat(of(fleet.audit(), "root-permissions")).singleElement().satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.ERROR));
    }

    @Test
    void aFixJournalLeftInTheRootIsAnUnfinishedFix() throws Exception {
        fleet.instance("luca", 18789).write();
        Files.createDirectories(fleet.root.resolve(".fleet/starts"));
        assertThat(of(fleet.audit(), "fix-unfinished")).as("fleet's own folder alone is not a fix in progress").isEmpty();
        Path journal = Files.writeString(fleet.root.resolve(".fleet/fix-journal.json"), "{}");
        assertThat(of(fleet.audit(), "fix-unfinished")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.path()).isEqualTo(journal.toString());
            assertThat(f.instances()).isEmpty();
            assertThat(f.fix()).startsWith("run `fleet fix`");
        });
    }

    @Test
    void rootWithOnlyScriptsAndSharedSkillsIsNotMixed() throws Exception {
        fleet.instance("luca", 18789).write();
        Files.createDirectories(fleet.root.resolve("shared/skills"));
        Files.writeString(fleet.root.resolve("openclaw-fleet.sh"), "#!/bin/sh\n");
        assertThat(fleet.audit().findings()).isEmpty();
    }

    @Test
    void orphanStateDir() throws Exception {
        fleet.instance("luca", 18789).write();
        Files.createDirectories(fleet.root.resolve(".openclaw-ghost"));
        assertThat(of(fleet.audit(), "orphan-state-dir")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.path()).endsWith(".openclaw-ghost");
        });
    }

    @Test
    void legacyServiceOnAFleetInstancesPortOrStateDir() throws Exception {
        fleet.instance("luca", 18789).write();
        Map<String, Object> legacy = new LinkedHashMap<>();
        legacy.put("Label", "com.clawdbot.gateway");
        legacy.put("ProgramArguments", List.of("/usr/bin/node", "/opt/clawdbot/dist/index.js", "gateway", "--port", "18789"));
        legacy.put("EnvironmentVariables", Map.of("CLAWDBOT_STATE_DIR", fleet.root.resolve(".openclaw-luca").toString()));
        legacy.put("RunAtLoad", true);
        Files.write(fleet.agents.resolve("com.clawdbot.gateway.plist"), PlistWriter.toXml(legacy));
        Report report = fleet.audit();
        assertThat(of(report, "legacy-service")).singleElement().satisfies(f -> {
            assertThat(f.instances()).containsExactlyInAnyOrder("com.clawdbot.gateway", "luca");
            assertThat(f.message()).contains("state dir").contains("port 18789");
            assertThat(f.fix()).startsWith("`fleet fix` boots it out").contains("launchctl bootout gui/$(id -u)/com.clawdbot.gateway");
            assertThat(f.path()).as("the file to remove, newer or not").isEqualTo(fleet.agents.resolve("com.clawdbot.gateway.plist").toString());
        });
        assertThat(of(report, "duplicate-port")).isEmpty();
    }

    @Test
    void openClawsDefaultGatewayOnAFleetPort() throws Exception {
        fleet.instance("luca", 18789).write();
        Path state = tmp.resolve("home/.openclaw");
        Files.createDirectories(state.resolve("service-env"));
        Files.writeString(state.resolve("service-env/ai.openclaw.gateway.env"), """
                # Generated by OpenClaw. Do not edit while the gateway service is installed.
                export OPENCLAW_STATE_DIR='%s'
                export OPENCLAW_GATEWAY_PORT='18789'
                """.formatted(state));
        Map<String, Object> own = new LinkedHashMap<>();
        own.put("Label", "ai.openclaw.gateway");
        own.put("ProgramArguments", List.of("/bin/sh", state + "/service-env/ai.openclaw.gateway-env-wrapper.sh",
                state + "/service-env/ai.openclaw.gateway.env", "/usr/bin/node", "/opt/openclaw/dist/index.js", "gateway", "--port", "18789"));
        own.put("RunAtLoad", true);
        own.put("KeepAlive", true);
        own.put("StandardOutPath", "/tmp/gw.log");
        own.put("StandardErrorPath", "/tmp/gw.log");
        Files.write(fleet.agents.resolve("ai.openclaw.gateway.plist"), PlistWriter.toXml(own));
        Report report = fleet.audit();
        assertThat(of(report, "legacy-service")).singleElement()
                .satisfies(f -> assertThat(f.message()).startsWith("OpenClaw's default gateway job"));
        assertThat(of(report, "duplicate-port")).as("superseded by legacy-service").isEmpty();
        assertThat(of(fleet.lint(), "duplicate-port")).as("lint has no legacy-service, so it reports the clash").hasSize(1);
        assertThat(report.instances()).filteredOn(i -> i.name().equals("gateway")).singleElement()
                .satisfies(i -> assertThat(i.stateDir()).isEqualTo(state));
    }
}
