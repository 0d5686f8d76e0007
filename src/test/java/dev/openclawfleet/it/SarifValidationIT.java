package dev.openclawfleet.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openclawfleet.testing.CliRun;
import dev.openclawfleet.testing.FleetFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our SARIF as GitHub code scanning takes it: validated with Microsoft's SARIF multitool (npm
 * {@code @microsoft/sarif-multitool}, installed by .ci/run into target/sarif-multitool), with the
 * SARIF rules and GitHub's ingestion rules, errors and warnings. Its notes are advice we do not
 * follow on purpose: rule ids are public names, not "CS2001"-style numbers (SARIF2009); messages
 * are plain text, not templates (SARIF2002); GitHub fills in version control details itself
 * (SARIF2003); and links cannot be fetched without a network (SARIF2006). The multitool tries to
 * fetch every link once per run, so all the documents are validated in one run.
 */
class SarifValidationIT {
    static final Path INSTALL = Path.of("target/sarif-multitool").toAbsolutePath();
    static final String INSTALL_COMMAND = "npm install --prefix target/sarif-multitool @microsoft/sarif-multitool@5";

    @TempDir
    static Path tmp;

    /** The multitool's findings (errors and warnings) by the name of the document they are about. */
    static final Map<String, List<String>> problems = new LinkedHashMap<>();

    @BeforeAll
    static void validateEveryScenarioInOneRun() throws Exception {
        Path multitool = Tools.check(locate(), "@microsoft/sarif-multitool", INSTALL_COMMAND);
        Map<String, CliRun.Result> documents = new LinkedHashMap<>();
        documents.put("lint-mixed", new CliRun().run("lint", "--format", "sarif", "src/test/resources/fixtures/mixed"));

        FleetFixture broken = FleetFixture.in(tmp.resolve("broken"));
        broken.instance("luca", 18789).write();
        broken.instance("critic", 18799).plist(p -> p.remove("Label")).write();
        broken.instance("ops", 18789).plist(p -> p.put("KeepAlive", false)).plist(p -> p.put("RunAtLoad", "yes")).write();
        documents.put("lint-absolute", new CliRun().run("lint", "--format", "sarif", broken.agents.toString()));

        FleetFixture audited = FleetFixture.in(tmp.resolve("audited"));
        audited.instance("luca", 18789).write();
        documents.put("audit", new CliRun().run("audit", "--offline", "--format", "sarif", "--agents-dir", audited.agents.toString(),
                "--root", tmp.resolve("no-root").toString()));

        documents.put("clean", new CliRun().run("lint", "--format", "sarif", "launchagents"));
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        documents.put("empty", new CliRun().run("lint", "--format", "sarif", "--allow-empty", empty.toString()));

        List<String> command = new ArrayList<>(List.of(multitool.toString(), "validate"));
        for (Map.Entry<String, CliRun.Result> d : documents.entrySet()) {
            assertThat(d.getValue().out()).as(d.getKey() + ": " + d.getValue().err()).startsWith("{");
            Path file = tmp.resolve(d.getKey() + ".sarif");
            Files.writeString(file, d.getValue().out());
            command.add(file.toString());
            problems.put(d.getKey(), new ArrayList<>());
        }
        Path report = tmp.resolve("validation.sarif");
        command.addAll(List.of("--output", report.toString(), "--rule-kind", "Gh;Sarif", "--level", "Error;Warning"));
        Processes.Run run = Processes.run(tmp, Map.copyOf(System.getenv()), 300, command);
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        JsonNode validation = new ObjectMapper().readTree(report.toFile());
        assertThat(validation.path("runs").path(0).path("invocations").path(0).path("executionSuccessful").asBoolean(true)).isTrue();
        for (JsonNode r : validation.path("runs").path(0).path("results")) {
            String uri = r.path("locations").path(0).path("physicalLocation").path("artifactLocation").path("uri").asText();
            String name = uri.substring(uri.lastIndexOf('/') + 1).replace(".sarif", "");
            problems.computeIfAbsent(name, k -> new ArrayList<>())
                    .add(r.path("ruleId").asText() + " " + r.path("level").asText("warning") + " " + r.path("message"));
        }
    }

    /** SARIF_MULTITOOL, else the platform binary the npm package resolves to in target/sarif-multitool. */
    private static Optional<Path> locate() throws Exception {
        String explicit = System.getenv("SARIF_MULTITOOL");
        if (explicit != null && !explicit.isBlank()) {
            return Optional.of(Path.of(explicit));
        }
        Optional<Path> node = Tools.onPath("node");
        if (node.isEmpty() || !Files.isDirectory(INSTALL.resolve("node_modules/@microsoft/sarif-multitool"))) {
            return Optional.empty();
        }
        // node_modules/.bin's launcher runs the binary through a shell, which splits "Gh;Sarif": call the binary itself.
        Processes.Run where = Processes.run(INSTALL, null, 60, List.of(node.get().toString(), "-p", "require('@microsoft/sarif-multitool')"));
        Path binary = Path.of(where.out().strip());
        return where.exitCode() == 0 && Files.isExecutable(binary) ? Optional.of(binary) : Optional.empty();
    }

    @Test
    void lintOfTheFixtureFleetIsValid() {
        assertThat(problems.get("lint-mixed")).isEmpty();
    }

    @Test
    void findingsWithAbsolutePathsAndManyPlistRulesAreValid() {
        assertThat(problems.get("lint-absolute")).isEmpty();
    }

    @Test
    void anOfflineAuditWithStateFindingsIsValid() {
        assertThat(problems.get("audit")).isEmpty();
    }

    @Test
    void aCleanRunAndAnAllowedEmptyRunAreValid() {
        assertThat(problems.get("clean")).isEmpty();
        assertThat(problems.get("empty")).isEmpty();
    }

    @Test
    void noProblemIsAboutAnotherDocument() {
        assertThat(problems.keySet()).containsExactly("lint-mixed", "lint-absolute", "audit", "clean", "empty");
    }
}
