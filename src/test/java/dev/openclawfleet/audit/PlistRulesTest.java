package dev.openclawfleet.audit;

import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.Report;
import dev.openclawfleet.model.Severity;
import dev.openclawfleet.testing.FleetFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.openclawfleet.testing.FleetFixture.of;
import static org.assertj.core.api.Assertions.assertThat;

/** Each per-plist rule on a fixture fleet: the bad instance is reported, the good one is not. */
class PlistRulesTest {
    @TempDir
    Path tmp;
    FleetFixture fleet;

    @BeforeEach
    void goodNeighbour() {
        fleet = FleetFixture.in(tmp);
        fleet.instance("critic", 18809).write();
    }

    /** Lints, asserting that {@code rule} fires exactly for luca and nothing else fires for critic. */
    private List<Finding> onlyLuca(String rule) {
        Report report = fleet.lint();
        assertThat(report.findings()).filteredOn(f -> f.instances().contains("critic")).isEmpty();
        List<Finding> found = of(report, rule);
        assertThat(found).isNotEmpty().allSatisfy(f -> assertThat(f.instances()).containsExactly("luca"));
        return found;
    }

    @Test
    void cleanFleetHasNoFindings() {
        fleet.instance("luca", 18789).write();
        Report lint = fleet.lint();
        Report audit = fleet.audit();
        assertThat(lint.findings()).isEmpty();
        assertThat(audit.findings()).isEmpty();
        assertThat(lint.instances()).extracting(i -> i.name()).containsExactly("critic", "luca");
        assertThat(lint.exitCode(true)).isZero();
    }

    @Test
    void plistUnreadable() throws Exception {
        FleetFixture.write(fleet.agents.resolve("ai.openclaw.luca.plist"), "<plist><dict><key>Label</key>", "rw-r--r--");
        Report report = fleet.lint();
        assertThat(of(report, "plist-unreadable")).singleElement().satisfies(f -> {
            assertThat(f.path()).endsWith("ai.openclaw.luca.plist");
            assertThat(f.message()).contains("not well-formed XML at line 1");
        });
        assertThat(report.instances()).extracting(i -> i.name()).containsExactly("critic");
    }

    @Test
    void labelMissing() {
        fleet.instance("luca", 18789).plist(p -> p.remove("Label")).write();
        assertThat(onlyLuca("label-missing")).singleElement()
                .satisfies(f -> assertThat(f.fix()).contains("<string>ai.openclaw.luca</string>"));
    }

    @Test
    void labelInvalidForBadNameReservedNameAndForeignNamespace() {
        fleet.instance("luca", 18789).plist(p -> p.put("Label", "ai.openclaw.Luca")).fileName("ai.openclaw.Luca.plist").write();
        fleet.instance("rescue", 18829).plist(p -> p.put("Label", "ai.openclaw.node")).fileName("ai.openclaw.node.plist").write();
        fleet.instance("ops", 18849).plist(p -> p.put("Label", "com.example.ops")).fileName("com.example.ops.plist").write();
        // ai.openclaw.gateway is OpenClaw's own label: a job under it is OpenClaw's, not a fleet instance with a bad name.
        fleet.instance("main", 18869).plist(p -> p.put("Label", "ai.openclaw.gateway")).fileName("ai.openclaw.gateway.plist").write();
        Report report = fleet.lint();
        assertThat(of(report, "label-invalid")).extracting(Finding::message).satisfiesExactlyInAnyOrder(
                m -> assertThat(m).contains("'Luca' is not a valid instance name"),
                m -> assertThat(m).contains("reserved for OpenClaw's own ai.openclaw.node"),
                m -> assertThat(m).contains("outside the ai.openclaw.<name> namespace"));
        assertThat(of(report, "label-invalid")).noneMatch(f -> f.instances().contains("critic") || f.instances().contains("gateway"));
        assertThat(report.instances()).filteredOn(i -> i.name().equals("gateway")).singleElement()
                .satisfies(i -> assertThat(i.kind()).isEqualTo(dev.openclawfleet.model.JobKind.OPENCLAW));
    }

    @Test
    void labelFilenameMismatch() {
        fleet.instance("luca", 18789).fileName("luca.plist").write();
        assertThat(onlyLuca("label-filename-mismatch")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("named luca.plist but its Label is ai.openclaw.luca"));
    }

    @Test
    void runAtLoadFalseMissingOrString() {
        fleet.instance("luca", 18789).plist(p -> p.put("RunAtLoad", false)).plist(p -> p.put("KeepAlive", true)).write();
        assertThat(onlyLuca("run-at-load")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.message()).contains("KeepAlive starts the gateway at load");
        });
        fleet.instance("luca", 18789).plist(p -> p.put("RunAtLoad", false)).plist(p -> p.put("KeepAlive", false)).write();
        assertThat(onlyLuca("run-at-load")).singleElement().satisfies(f -> assertThat(f.message()).startsWith("RunAtLoad is false"));
        fleet.instance("luca", 18789).plist(p -> p.put("RunAtLoad", "true")).write();
        assertThat(onlyLuca("run-at-load")).singleElement().satisfies(f -> assertThat(f.message()).startsWith("RunAtLoad is a string"));
        fleet.instance("luca", 18789).plist(p -> p.remove("RunAtLoad")).write();
        assertThat(onlyLuca("run-at-load")).singleElement().satisfies(f -> assertThat(f.message()).startsWith("RunAtLoad is missing"));
    }

    @Test
    void keepAliveFalseIsAnErrorAndADictionaryAWarning() {
        fleet.instance("luca", 18789).plist(p -> p.put("KeepAlive", false)).write();
        assertThat(onlyLuca("keep-alive")).singleElement().satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.ERROR));
        fleet.instance("luca", 18789).plist(p -> p.put("KeepAlive", Map.of("SuccessfulExit", false))).write();
        assertThat(onlyLuca("keep-alive")).singleElement().satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.WARNING));
    }

    @Test
    void programArgumentsNotContractForm() {
        fleet.instance("luca", 18789).args("/opt/homebrew/bin/openclaw", "gateway", "--port", "18789").write();
        assertThat(onlyLuca("program-arguments")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("#!/usr/bin/env node").contains("exits 127"));
        fleet.instance("luca", 18789).plist(p -> p.remove("ProgramArguments")).write();
        assertThat(onlyLuca("program-arguments")).singleElement().satisfies(f -> assertThat(f.message()).contains("error 111"));
    }

    @Test
    void programArgumentsOfOpenClawsOwnWrapperIsOnlyInfo() {
        Path state = fleet.root.resolve(".openclaw-luca");
        fleet.instance("luca", 18789).args("/bin/sh", state + "/service-env/ai.openclaw.luca-env-wrapper.sh",
                state + "/service-env/ai.openclaw.luca.env", "/usr/bin/node", "--max-old-space-size=4096",
                "/opt/openclaw/dist/index.js", "gateway", "--port", "18789").env("OPENCLAW_STATE_DIR", null)
                .env("OPENCLAW_CONFIG_PATH", null).write();
        Report report = fleet.lint();
        assertThat(of(report, "program-arguments")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.INFO);
            assertThat(f.instances()).containsExactly("luca");
        });
        assertThat(report.instances()).filteredOn(i -> i.name().equals("luca")).singleElement()
                .satisfies(i -> assertThat(i.stateDir()).isEqualTo(state));
        assertThat(of(report, "state-dir-env")).isEmpty();
        assertThat(report.count(Severity.ERROR)).isZero();
    }

    @Test
    void programNotAbsolute() {
        fleet.instance("luca", 18789).args("node", "dist/index.js", "gateway", "--port", "18789").write();
        assertThat(onlyLuca("program-not-absolute")).extracting(Finding::message).satisfiesExactlyInAnyOrder(
                m -> assertThat(m).startsWith("the program 'node' is not an absolute path"),
                m -> assertThat(m).startsWith("the entry script 'dist/index.js'"));
    }

    @Test
    void portInvalidMissingTextAndOutOfRange() {
        fleet.instance("luca", 18789).args("/usr/bin/node", "/x/index.js", "gateway").write();
        assertThat(onlyLuca("port-invalid")).singleElement().satisfies(f -> assertThat(f.message()).startsWith("no --port"));
        fleet.instance("luca", 18789).args("/usr/bin/node", "/x/index.js", "gateway", "--port", "eighteen").write();
        assertThat(onlyLuca("port-invalid")).singleElement().satisfies(f -> assertThat(f.message()).contains("'eighteen' is not a port"));
        fleet.instance("luca", 18789).args("/usr/bin/node", "/x/index.js", "gateway", "--port=65500").write();
        assertThat(onlyLuca("port-invalid")).singleElement().satisfies(f -> assertThat(f.message()).contains("65500 is out of range"));
    }

    @Test
    void stateDirEnvMissingRelativeOrWrongName() {
        fleet.instance("luca", 18789).env("OPENCLAW_STATE_DIR", null).write();
        assertThat(onlyLuca("state-dir-env")).singleElement().satisfies(f -> assertThat(f.message()).contains("no OPENCLAW_STATE_DIR"));
        fleet.instance("luca", 18789).env("OPENCLAW_STATE_DIR", "state/luca").write();
        assertThat(onlyLuca("state-dir-env")).singleElement().satisfies(f -> assertThat(f.message()).contains("is relative"));
        fleet.instance("luca", 18789).env("OPENCLAW_STATE_DIR", fleet.root.resolve(".openclaw-other").toString()).write();
        assertThat(onlyLuca("state-dir-env")).singleElement().satisfies(f -> assertThat(f.message()).contains("not a .openclaw-luca dir"));
    }

    @Test
    void logPathMissingOrOutsideStateDir() {
        fleet.instance("luca", 18789).plist(p -> p.remove("StandardErrorPath")).write();
        assertThat(onlyLuca("log-path")).singleElement().satisfies(f -> assertThat(f.message()).startsWith("StandardErrorPath is missing"));
        fleet.instance("luca", 18789).plist(p -> p.put("StandardOutPath", "/tmp/luca.log")).write();
        assertThat(onlyLuca("log-path")).singleElement().satisfies(f -> assertThat(f.message()).contains("/tmp/luca.log is outside"));
        fleet.instance("luca", 18789).plist(p -> p.put("StandardOutPath", fleet.root.resolve(".openclaw-luca/../x.log").toString())).write();
        assertThat(onlyLuca("log-path")).singleElement().satisfies(f -> assertThat(f.message()).contains("is outside"));
    }

    @Test
    void unexpandedTildeAndVariables() {
        fleet.instance("luca", 18789).env("PATH", "/opt/homebrew/bin:$PATH")
                .plist(p -> p.put("StandardOutPath", "~/.openclaw/.openclaw-luca/logs/gateway.log")).write();
        assertThat(onlyLuca("unexpanded-path")).extracting(Finding::message).satisfiesExactlyInAnyOrder(
                m -> assertThat(m).startsWith("StandardOutPath is '~/.openclaw"),
                m -> assertThat(m).startsWith("EnvironmentVariables.PATH is '/opt/homebrew/bin:$PATH'"));
    }

    @Test
    void unexpandedPathNeverQuotesSecretVariables() {
        fleet.instance("luca", 18789).env("OPENCLAW_GATEWAY_TOKEN", "$ecret-with-dollar").plistMode("rw-------").write();
        Report report = fleet.lint();
        assertThat(of(report, "unexpanded-path")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("OPENCLAW_GATEWAY_TOKEN holds a ~ or $VAR (value not shown)"));
        assertThat(report.findings().toString()).doesNotContain("ecret-with-dollar");
    }

    @Test
    void plistPermissionsGroupOrWorldWritable() {
        fleet.instance("luca", 18789).plistMode("rw-rw-r--").write();
        assertThat(onlyLuca("plist-permissions")).singleElement().satisfies(f -> {
            assertThat(f.message()).contains("mode 0664 lets the group write it").contains("error 122");
            assertThat(f.fix()).startsWith("chmod 644 ");
        });
    }

    @Test
    void inlineSecretOnlyInWorldReadablePlists() {
        String token = FleetFixture.tokenFor("luca");
        fleet.instance("luca", 18789).env("OPENCLAW_GATEWAY_TOKEN", token).write();
        List<Finding> found = onlyLuca("inline-secret");
        assertThat(found).singleElement().satisfies(f -> assertThat(f.message())
                .contains("EnvironmentVariables.OPENCLAW_GATEWAY_TOKEN").contains("0644").doesNotContain(token));
        fleet.instance("luca", 18789).env("OPENCLAW_GATEWAY_TOKEN", token).plistMode("rw-------").write();
        assertThat(of(fleet.lint(), "inline-secret")).isEmpty();
    }

    @Test
    void aSecretInProgramArgumentsIsFlaggedWhateverThePlistMode() {
        String token = FleetFixture.tokenFor("luca");
        // Issue 8: `--token SECRET` sits in a 0644 plist and in every `ps` listing.
        fleet.instance("luca", 18789).args("/usr/bin/node", "/x/dist/index.js", "gateway", "--port", "18789", "--token", token).write();
        assertThat(onlyLuca("inline-secret")).singleElement().satisfies(f -> assertThat(f.message())
                .contains("ProgramArguments pass a secret on the command line (--token)").contains("every `ps` listing")
                .contains("mode 0644").doesNotContain(token));
        fleet.instance("luca", 18789).args("/usr/bin/env", "OPENCLAW_GATEWAY_TOKEN=" + token, "/usr/bin/node", "/x/dist/index.js",
                "gateway", "--port", "18789", "--auth-token=" + token).plistMode("rw-------").write();
        assertThat(onlyLuca("inline-secret")).singleElement().satisfies(f -> assertThat(f.message())
                .contains("(--auth-token, OPENCLAW_GATEWAY_TOKEN=)").doesNotContain("mode 0600").doesNotContain(token));
        fleet.instance("luca", 18789).args("/usr/bin/node", "/x/dist/index.js", "gateway", "--port", "18789", "--token-file",
                "/x/token", "--no-token", "--bind", "loopback").write();
        assertThat(of(fleet.lint(), "inline-secret")).as("a file holding the token, or a flag without a value, is fine").isEmpty();
    }

    @Test
    void notOpenClawIsInfoAndSkipped() throws Exception {
        FleetFixture.write(fleet.agents.resolve("com.apple.thing.plist"),
                "<?xml version=\"1.0\"?><plist version=\"1.0\"><dict><key>Label</key><string>com.apple.thing</string>"
                        + "<key>ProgramArguments</key><array><string>thing</string></array></dict></plist>", "rw-rw-rw-");
        FleetFixture.write(fleet.agents.resolve("ai.openclaw.node.plist"),
                "<?xml version=\"1.0\"?><plist version=\"1.0\"><dict><key>Label</key><string>ai.openclaw.node</string></dict></plist>",
                "rw-r--r--");
        Report report = fleet.lint();
        assertThat(of(report, "not-openclaw")).extracting(Finding::severity).containsOnly(Severity.INFO).hasSize(1);
        assertThat(of(report, "helper-job")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.INFO);
            assertThat(f.message()).contains("ai.openclaw.node is not a gateway: OpenClaw's node host");
        });
        assertThat(report.findings()).extracting(Finding::rule).containsOnly("not-openclaw", "helper-job");
        assertThat(report.exitCode(true)).isZero();
        assertThat(Files.exists(fleet.agents.resolve("com.apple.thing.plist"))).isTrue();
    }
}
