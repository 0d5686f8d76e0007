package dev.openclawfleet.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openclawfleet.audit.RuleCatalog;
import dev.openclawfleet.testing.CliRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import dev.openclawfleet.model.ProductInfo;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * `fleet lint` of the committed fixture fleet in every machine-readable format, compared byte for
 * byte with golden files. Set UPDATE_GOLDEN=1 to rewrite them after an intended change (that run is reported as
 * aborted, not passed, and is refused when CI is set), then review the diff.
 */
class GoldenOutputTest {
    static final Path FIXTURE = Path.of("src/test/resources/fixtures/mixed");
    static final Path GOLDEN = Path.of("src/test/resources/golden");

    @BeforeAll
    static void checkoutModes() throws Exception {
        // A checkout made under umask 002 would add plist-permissions findings; the fixture is about other rules.
        try (var files = Files.list(FIXTURE)) {
            for (Path p : files.toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r--r--"));
                // One time for all: a clash points at the newer plist, which a checkout's own times must not decide.
                Files.setLastModifiedTime(p, java.nio.file.attribute.FileTime.fromMillis(1_767_225_600_000L));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "sarif", "github", "text"})
    void lintOutputMatchesGolden(String format) throws Exception {
        CliRun.Result result = new CliRun().env("NO_COLOR", null).run("lint", "--format", format, FIXTURE.toString());
        assertThat(result.exitCode()).isEqualTo(1);
        Path golden = GOLDEN.resolve("lint-mixed." + format + (format.equals("text") || format.equals("github") ? ".txt" : ""));
        String out = withoutVersion(result.out());
        if ("1".equals(System.getenv("UPDATE_GOLDEN"))) {
            // Rewriting and then comparing would compare the file with itself: in CI that must never pass.
            assertThat(System.getenv("CI")).as("UPDATE_GOLDEN=1 is refused when CI is set: it would compare a golden file with itself")
                    .isNullOrEmpty();
            Files.writeString(golden, out);
            org.junit.jupiter.api.Assumptions.abort("rewrote " + golden + ": review the diff, then run the test again without UPDATE_GOLDEN");
        }
        assertThat(out).isEqualTo(Files.readString(golden));
    }

    /** The SARIF driver's version as VERSION, so that a release does not rewrite the golden file. */
    static String withoutVersion(String out) {
        String version = Pattern.quote(ProductInfo.current().version());
        return out.replaceAll("(\"name\": \"openclaw-fleet\",\n\\s*\"version\": \")" + version
                + "(\",\n\\s*\"semanticVersion\": \")" + version + "\"", "$1VERSION$2VERSION\"");
    }

    @Test
    void sarifHasWhatGithubCodeScanningNeeds() throws Exception {
        JsonNode sarif = new ObjectMapper().readTree(new CliRun().run("lint", "--format", "sarif", FIXTURE.toString()).out());
        assertThat(sarif.path("version").asText()).isEqualTo("2.1.0");
        assertThat(sarif.path("$schema").asText()).contains("sarif-2.1.0");
        JsonNode run = sarif.path("runs").path(0);
        JsonNode driver = run.path("tool").path("driver");
        ProductInfo product = ProductInfo.current();
        assertThat(product.version()).matches("\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?"); // a semantic version, from pom.xml
        assertThat(driver.path("version").asText()).isEqualTo(product.version());
        assertThat(driver.path("semanticVersion").asText()).isEqualTo(product.version());
        assertThat(URI.create(driver.path("informationUri").asText())).satisfies(u -> {
            assertThat(u.isAbsolute()).isTrue();
            assertThat(u.getScheme()).isEqualTo("https");
        });
        assertThat(Files.readString(Path.of("pom.xml"))).contains("<url>" + product.url() + "</url>");
        JsonNode rules = driver.path("rules");
        List<String> ids = new ArrayList<>();
        rules.forEach(r -> {
            ids.add(r.path("id").asText());
            assertThat(r.path("shortDescription").path("text").asText()).isNotBlank();
            assertThat(r.path("help").path("text").asText()).startsWith("Fix: ");
            assertThat(r.path("defaultConfiguration").path("level").asText()).isIn("error", "warning", "note");
            assertThat(r.path("helpUri").asText()).isEqualTo(product.url() + "/blob/main/docs/rules.md#" + r.path("id").asText());
            assertThat(r.path("name").asText().toLowerCase(java.util.Locale.ROOT)).isNotEqualTo(r.path("id").asText());
        });
        assertThat(ids).containsExactlyElementsOf(RuleCatalog.all().stream().map(r -> r.id()).toList());
        assertThat(run.path("results")).isNotEmpty().allSatisfy(r -> {
            assertThat(ids.get(r.path("ruleIndex").asInt())).isEqualTo(r.path("ruleId").asText());
            String uri = r.path("locations").path(0).path("physicalLocation").path("artifactLocation").path("uri").asText();
            assertThat(uri).startsWith("src/test/resources/fixtures/mixed/");
        });
    }

    /** Each finding points at the line of the key it is about, in every format that shows lines. */
    @Test
    void findingsPointAtTheLineOfTheirKey() throws Exception {
        JsonNode sarif = new ObjectMapper().readTree(new CliRun().run("lint", "--format", "sarif", FIXTURE.toString()).out());
        List<String> pointedAt = new ArrayList<>();
        for (JsonNode r : sarif.path("runs").path(0).path("results")) {
            JsonNode location = r.path("locations").path(0).path("physicalLocation");
            Path file = Path.of(location.path("artifactLocation").path("uri").asText());
            int line = location.path("region").path("startLine").asInt();
            int column = location.path("region").path("startColumn").asInt();
            List<String> lines = Files.readAllLines(file);
            String text = line <= lines.size() ? lines.get(line - 1).substring(Math.max(0, column - 1)).strip() : "<end of file>";
            pointedAt.add(r.path("ruleId").asText() + " " + file.getFileName() + " " + text);
        }
        assertThat(pointedAt).containsExactlyInAnyOrder(
                "port-spacing ai.openclaw.luca.plist <string>18789</string>",
                "run-at-load ai.openclaw.critic.plist <false/>",
                "duplicate-state-dir ai.openclaw.dup.plist <string>/Users/example/.openclaw/.openclaw-luca</string>",
                "log-path ai.openclaw.dup.plist <string>/Users/example/.openclaw/.openclaw-dup/logs/gateway.err.log</string>",
                "log-path ai.openclaw.dup.plist <string>/Users/example/.openclaw/.openclaw-dup/logs/gateway.log</string>",
                "state-dir-env ai.openclaw.dup.plist <string>/Users/example/.openclaw/.openclaw-luca</string>",
                // where the XML parser stopped: the file ends in the middle of a dictionary
                "plist-unreadable broken.plist <end of file>",
                "not-openclaw com.example.backup.plist <string>com.example.backup</string>");

        String github = new CliRun().run("lint", "--format", "github", FIXTURE.toString()).out();
        assertThat(github).contains("file=src/test/resources/fixtures/mixed/ai.openclaw.dup.plist,line=12,col=3,title=state-dir-env::");
        String text = new CliRun().env("NO_COLOR", "1").run("lint", FIXTURE.toString()).out();
        assertThat(text).contains("state-dir-env  src/test/resources/fixtures/mixed/ai.openclaw.dup.plist:12:3\n");
        JsonNode json = new ObjectMapper().readTree(new CliRun().run("lint", "--format", "json", FIXTURE.toString()).out());
        assertThat(json.path("findings")).anySatisfy(f -> {
            assertThat(f.path("rule").asText()).isEqualTo("state-dir-env");
            assertThat(f.path("key").asText()).isEqualTo("EnvironmentVariables.OPENCLAW_STATE_DIR");
            assertThat(f.path("line").asInt()).isEqualTo(12);
            assertThat(f.path("column").asInt()).isEqualTo(3);
        });
    }
}
