package dev.openclawfleet.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openclawfleet.model.EnvSubstitution;
import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.Report;
import dev.openclawfleet.model.Severity;
import dev.openclawfleet.testing.FleetFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.openclawfleet.testing.FleetFixture.of;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ${VAR}} in openclaw.json, resolved as OpenClaw does it, against the gateway's own
 * environment only: the plist, the dotenv files OpenClaw loads, the config's env block. Never the
 * shell running the audit. Values never reach a message.
 */
class ConfigEnvTest {
    static final String SECRET = "f".repeat(20) + "0123456789abcdef0123456789abcdef";

    @TempDir
    Path tmp;
    FleetFixture fleet;

    @BeforeEach
    void setUp() {
        fleet = FleetFixture.in(tmp);
    }

    private static void token(ObjectNode config, String text) {
        config.withObjectProperty("gateway").withObjectProperty("auth").put("token", text);
    }

    private static void noSecretIn(Report report) {
        assertThat(report.findings()).allSatisfy(f -> assertThat(f.message() + f.fix()).doesNotContain(SECRET));
    }

    @Test
    void substitutionFollowsOpenClawsRules() {
        assertThat(EnvSubstitution.variables("${A_1}/v1 and ${lower} and $${ESCAPED} and ${B}")).containsExactly("A_1", "B");
        assertThat(EnvSubstitution.resolve("${BASE}/v1", Map.of("BASE", "https://x"))).isEqualTo(new EnvSubstitution.Resolved("https://x/v1"));
        assertThat(EnvSubstitution.resolve("$${BASE}", Map.of())).isEqualTo(new EnvSubstitution.Resolved("${BASE}"));
        assertThat(EnvSubstitution.resolve("${EMPTY}${MISSING}", Map.of("EMPTY", ""))).isEqualTo(new EnvSubstitution.Unresolved(List.of("EMPTY", "MISSING")));
    }

    @Test
    void anUnresolvedTokenIsConfigEnvMissingNotTokenMissing() {
        fleet.instance("luca", 18789).config(c -> token(c, "${OPENCLAW_GATEWAY_TOKEN}")).write();
        Report report = fleet.audit();
        assertThat(of(report, "config-env-missing")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.instances()).containsExactly("luca");
            assertThat(f.path()).isEqualTo(fleet.layout.configPath("luca").toString());
            assertThat(f.message()).contains("uses ${OPENCLAW_GATEWAY_TOKEN} (gateway.auth.token), which the gateway's environment under launchd does not set")
                    .contains("a variable exported in your shell is not seen by launchd jobs");
            assertThat(f.fix()).contains("define OPENCLAW_GATEWAY_TOKEN").contains(fleet.layout.stateDir("luca") + "/.env")
                    .endsWith("then `fleet restart luca`");
        });
        assertThat(of(report, "token-missing")).isEmpty();
    }

    @Test
    void twoUnresolvedPlaceholdersWithTheSameTextAreNotADuplicateToken() {
        fleet.instance("luca", 18789).config(c -> token(c, "${OPENCLAW_GATEWAY_TOKEN}")).write();
        fleet.instance("critic", 18809).config(c -> token(c, "${OPENCLAW_GATEWAY_TOKEN}")).write();
        Report report = fleet.audit();
        assertThat(of(report, "duplicate-token")).isEmpty();
        assertThat(of(report, "config-env-missing")).hasSize(2);
    }

    @Test
    void resolvedPlaceholdersCompareByValue() {
        fleet.instance("luca", 18789).config(c -> token(c, "${LUCA_TOKEN}")).env("LUCA_TOKEN", SECRET).write();
        fleet.instance("critic", 18809).config(c -> token(c, "${CRITIC_TOKEN}")).env("CRITIC_TOKEN", SECRET).write();
        Report report = fleet.audit();
        assertThat(of(report, "config-env-missing")).isEmpty();
        assertThat(of(report, "duplicate-token")).singleElement().satisfies(f -> assertThat(f.message()).contains("sha256:"));
        noSecretIn(report);
    }

    @Test
    void theStateDirsDotEnvAndTheConfigsEnvBlockResolve() {
        fleet.instance("luca", 18789).config(c -> token(c, "${OPENCLAW_GATEWAY_TOKEN}")).write();
        FleetFixture.write(fleet.layout.stateDir("luca").resolve(".env"), "OPENCLAW_GATEWAY_TOKEN=" + SECRET + "\n", "rw-------");
        fleet.instance("critic", 18809).config(c -> {
            token(c, "${CRITIC_TOKEN}");
            c.putObject("env").putObject("vars").put("CRITIC_TOKEN", "0".repeat(48));
            c.withObjectProperty("models").withObjectProperty("providers").withObjectProperty("custom").put("apiKey", "${CUSTOM_API_KEY}");
        }).write();
        Report report = fleet.audit();
        assertThat(of(report, "config-env-missing")).singleElement().satisfies(f -> {
            assertThat(f.instances()).containsExactly("critic");
            assertThat(f.message()).contains("${CUSTOM_API_KEY} (models.providers.custom.apiKey)").doesNotContain("CRITIC_TOKEN");
        });
        assertThat(of(report, "duplicate-token")).isEmpty();
        noSecretIn(report);
    }

    @Test
    void anEscapedPlaceholderIsLiteralText() {
        fleet.instance("luca", 18789).config(c -> token(c, "$${NOT_A_VARIABLE}" + SECRET)).write();
        Report report = fleet.audit();
        assertThat(of(report, "config-env-missing")).isEmpty();
        assertThat(of(report, "token-missing")).isEmpty();
    }

    @Test
    void aLoginShellImportMakesItAWarning() {
        fleet.instance("luca", 18789).config(c -> {
            token(c, "${OPENCLAW_GATEWAY_TOKEN}");
            c.putObject("env").putObject("shellEnv").put("enabled", true);
        }).write();
        List<Finding> found = of(fleet.audit(), "config-env-missing");
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.message()).contains("unless OpenClaw's login-shell import (env.shellEnv) provides it");
        });
    }

    @Test
    void theAuditorsOwnEnvironmentIsNeverUsed() {
        // Whatever the test runner's environment holds, only the job's counts: PATH is set here, not for the job's config.
        fleet.instance("luca", 18789).config(c -> c.withObjectProperty("gateway").put("note", "${PATH}")).env("PATH", null).write();
        assertThat(of(fleet.audit(), "config-env-missing")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("${PATH} (gateway.note)"));
    }
}
