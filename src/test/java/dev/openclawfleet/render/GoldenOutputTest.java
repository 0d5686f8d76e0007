package dev.openclawfleet.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openclawfleet.audit.RuleCatalog;
import dev.openclawfleet.testing.CliRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

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
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "sarif", "github", "text"})
    void lintOutputMatchesGolden(String format) throws Exception {
        CliRun.Result result = new CliRun().env("NO_COLOR", null).run("lint", "--format", format, FIXTURE.toString());
        assertThat(result.exitCode()).isEqualTo(1);
        Path golden = GOLDEN.resolve("lint-mixed." + format + (format.equals("text") || format.equals("github") ? ".txt" : ""));
        if ("1".equals(System.getenv("UPDATE_GOLDEN"))) {
            // Rewriting and then comparing would compare the file with itself: in CI that must never pass.
            assertThat(System.getenv("CI")).as("UPDATE_GOLDEN=1 is refused when CI is set: it would compare a golden file with itself")
                    .isNullOrEmpty();
            Files.writeString(golden, result.out());
            org.junit.jupiter.api.Assumptions.abort("rewrote " + golden + ": review the diff, then run the test again without UPDATE_GOLDEN");
        }
        assertThat(result.out()).isEqualTo(Files.readString(golden));
    }

    @Test
    void sarifHasWhatGithubCodeScanningNeeds() throws Exception {
        JsonNode sarif = new ObjectMapper().readTree(new CliRun().run("lint", "--format", "sarif", FIXTURE.toString()).out());
        assertThat(sarif.path("version").asText()).isEqualTo("2.1.0");
        assertThat(sarif.path("$schema").asText()).contains("sarif-2.1.0");
        JsonNode run = sarif.path("runs").path(0);
        JsonNode rules = run.path("tool").path("driver").path("rules");
        List<String> ids = new ArrayList<>();
        rules.forEach(r -> {
            ids.add(r.path("id").asText());
            assertThat(r.path("shortDescription").path("text").asText()).isNotBlank();
            assertThat(r.path("help").path("text").asText()).startsWith("Fix: ");
            assertThat(r.path("defaultConfiguration").path("level").asText()).isIn("error", "warning", "note");
        });
        assertThat(ids).containsExactlyElementsOf(RuleCatalog.all().stream().map(r -> r.id()).toList());
        assertThat(run.path("results")).isNotEmpty().allSatisfy(r -> {
            assertThat(ids.get(r.path("ruleIndex").asInt())).isEqualTo(r.path("ruleId").asText());
            String uri = r.path("locations").path(0).path("physicalLocation").path("artifactLocation").path("uri").asText();
            assertThat(uri).startsWith("src/test/resources/fixtures/mixed/");
            assertThat(r.path("locations").path(0).path("physicalLocation").path("region").path("startLine").asInt()).isEqualTo(1);
        });
    }
}
