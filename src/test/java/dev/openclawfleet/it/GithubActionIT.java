package dev.openclawfleet.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * action.yml: a composite action that sets up Java, lints with SARIF and github formats, and
 * uploads the SARIF. Its lint step's script is run here as the runner would run it (bash, inputs
 * through the environment, GITHUB_OUTPUT), on a clean, a broken and an empty folder.
 */
class GithubActionIT {
    static final Path PROJECT = Path.of("").toAbsolutePath();
    static JsonNode action;

    @TempDir
    Path workspace;

    @BeforeAll
    static void readTheAction() throws Exception {
        Path ruby = Tools.require("ruby", "apt-get install ruby");
        Processes.Run json = Processes.run(PROJECT, null, 60, List.of(ruby.toString(), "-ryaml", "-rjson", "-e",
                "puts JSON.generate(YAML.safe_load(File.read(ARGV[0])))", PROJECT.resolve("action.yml").toString()));
        assertThat(json.exitCode()).as(json.err()).isZero();
        action = new ObjectMapper().readTree(json.out());
    }

    private static List<JsonNode> steps() {
        return StreamSupport.stream(action.path("runs").path("steps").spliterator(), false).toList();
    }

    @Test
    void itIsACompositeActionThatSetsUpJavaLintsAndUploadsSarif() {
        assertThat(action.path("runs").path("using").asText()).isEqualTo("composite");
        List<JsonNode> steps = steps();
        assertThat(steps).hasSize(3);
        assertThat(steps.get(0).path("uses").asText()).startsWith("actions/setup-java@");
        assertThat(steps.get(0).path("with").path("java-version").asText()).isEqualTo("${{ inputs.java-version }}");
        assertThat(steps.get(1).path("shell").asText()).isEqualTo("bash");
        assertThat(steps.get(1).path("run").asText()).contains("lint --format sarif").contains("lint --format github")
                .doesNotContain("${{"); // inputs only through env: nothing a caller passes becomes script text
        JsonNode upload = steps.get(2);
        assertThat(upload.path("uses").asText()).startsWith("github/codeql-action/upload-sarif@");
        assertThat(upload.path("with").path("sarif_file").asText()).isEqualTo("${{ inputs.sarif-file }}");
        assertThat(upload.path("if").asText()).contains("always()").contains("inputs.upload-sarif == 'true'");
        assertThat(action.path("inputs").path("paths").path("default").asText()).isEqualTo("launchagents");
    }

    @Test
    void aCleanFolderPassesAndWritesSarif() throws Exception {
        copyExampleFleet(workspace.resolve("launchagents"));
        Step run = runLintStep(Map.of());
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.outputs()).containsEntry("exit-code", "0").containsEntry("sarif-file", "openclaw-fleet.sarif");
        JsonNode sarif = new ObjectMapper().readTree(workspace.resolve("openclaw-fleet.sarif").toFile());
        assertThat(sarif.path("runs").path(0).path("results")).isEmpty();
        assertThat(run.output()).contains("openclaw-fleet lint: 2 instances: 0 errors, 0 warnings, 0 infos");
    }

    @Test
    void findingsFailTheStepWithAnnotationsOnTheirLinesAndKeepTheSarif() throws Exception {
        Path plists = workspace.resolve("deploy/agents");
        copyExampleFleet(plists);
        Path luca = plists.resolve("ai.openclaw.luca.plist");
        Files.writeString(luca, Files.readString(luca).replace("<key>KeepAlive</key>\n\t<true/>", "<key>KeepAlive</key>\n\t<false/>"));
        Step run = runLintStep(Map.of("paths", "deploy/agents\nlaunchagents-missing-is-not-here", "args", "--strict"));
        assertThat(run.exitCode()).isEqualTo(3); // a missing path: the run is incomplete, whatever else it found
        Step strict = runLintStep(Map.of("paths", "deploy/agents", "args", "--strict --ignore port-spacing"));
        assertThat(strict.exitCode()).isEqualTo(1);
        assertThat(strict.outputs()).containsEntry("exit-code", "1");
        int line = Files.readAllLines(luca).indexOf("\t<false/>") + 1;
        assertThat(strict.output()).contains("::error file=deploy/agents/ai.openclaw.luca.plist,line=" + line + ",col=2,title=keep-alive::");
        JsonNode sarif = new ObjectMapper().readTree(workspace.resolve("openclaw-fleet.sarif").toFile());
        assertThat(sarif.path("runs").path(0).path("results").path(0).path("ruleId").asText()).isEqualTo("keep-alive");
    }

    @Test
    void anEmptyFolderFailsWithOneLineAndLeavesNoReportToUpload() throws Exception {
        Files.createDirectories(workspace.resolve("launchagents"));
        Step run = runLintStep(Map.of());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output()).contains("fleet lint: no *.plist files in launchagents: nothing was linted");
        assertThat(workspace.resolve("openclaw-fleet.sarif")).doesNotExist();
        assertThat(runLintStep(Map.of("args", "--allow-empty")).exitCode()).isZero();
    }

    private record Step(int exitCode, String output, Map<String, String> outputs) {
    }

    /** Runs the lint step's script with bash, its env filled in from the inputs (defaults unless given). */
    private Step runLintStep(Map<String, String> inputs) throws Exception {
        JsonNode step = steps().get(1);
        Map<String, String> env = new HashMap<>(System.getenv());
        Path output = workspace.resolve("github-output-" + System.nanoTime());
        Files.createFile(output);
        env.put("GITHUB_ACTION_PATH", PROJECT.toString());
        env.put("GITHUB_OUTPUT", output.toString());
        env.put("NO_COLOR", "1");
        step.path("env").fields().forEachRemaining(e -> env.put(e.getKey(), expand(e.getValue().asText(), inputs)));
        Processes.Run run = Processes.run(workspace, env, 600, List.of("bash", "-e", "-c", step.path("run").asText()));
        Map<String, String> outputs = new HashMap<>();
        for (String line : Files.readAllLines(output)) {
            int eq = line.indexOf('=');
            outputs.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return new Step(run.exitCode(), run.out() + run.err(), outputs);
    }

    private static String expand(String value, Map<String, String> inputs) {
        Matcher m = Pattern.compile("\\$\\{\\{ inputs\\.([a-z-]+) }}").matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String v = inputs.getOrDefault(name, action.path("inputs").path(name).path("default").asText());
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static void copyExampleFleet(Path to) throws Exception {
        Files.createDirectories(to);
        List<Path> plists = new ArrayList<>();
        try (var files = Files.list(PROJECT.resolve("launchagents"))) {
            files.filter(p -> p.toString().endsWith(".plist")).forEach(plists::add);
        }
        for (Path p : plists) {
            Path copy = to.resolve(p.getFileName());
            Files.copy(p, copy);
            Files.setPosixFilePermissions(copy, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        }
    }
}
