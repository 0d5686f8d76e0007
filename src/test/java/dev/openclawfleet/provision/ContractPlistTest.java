package dev.openclawfleet.provision;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openclawfleet.model.FleetLayout;
import dev.openclawfleet.plist.PlistParser;
import dev.openclawfleet.plist.PlistWriter;
import dev.openclawfleet.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generator: golden bytes, the bundled example fleet not drifting from it, and a round trip
 * through dd-plist and through Python's plistlib with every contract point of seed 004 checked.
 */
class ContractPlistTest {
    /** The documented example root of launchagents/ (README, docs/commands/generate.md). */
    static final String EXAMPLE_ROOT = "/Users/example/.openclaw";
    static final String EXAMPLE_NODE = "/opt/homebrew/bin/node";
    static final String EXAMPLE_ENTRY = "/opt/homebrew/lib/node_modules/openclaw/dist/index.js";

    @TempDir
    Path tmp;

    private static byte[] generate(String root, String name, int port, String node, String entry) {
        return PlistWriter.toXml(ContractPlist.of(new ContractPlist.Spec(new FleetLayout(Path.of(root)), name, port,
                Path.of(node), Path.of(entry))));
    }

    @Test
    void bundledExampleFleetMatchesWhatTheGeneratorWritesToday() throws Exception {
        for (Map.Entry<String, Integer> e : Map.of("luca", 18789, "critic", 18809).entrySet()) {
            byte[] expected = generate(EXAMPLE_ROOT, e.getKey(), e.getValue(), EXAMPLE_NODE, EXAMPLE_ENTRY);
            Path onDisk = Path.of("launchagents", "ai.openclaw." + e.getKey() + ".plist");
            assertThat(Files.readAllBytes(onDisk))
                    .as(onDisk + " drifted from `fleet generate`; regenerate it with the command in launchagents/README.md")
                    .isEqualTo(expected);
        }
        try (var files = Files.list(Path.of("launchagents"))) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".plist")).sorted().toList())
                    .containsExactly("ai.openclaw.critic.plist", "ai.openclaw.luca.plist");
        }
    }

    @Test
    void goldenBytesWithSpacesAmpersandAndUnicode() throws Exception {
        byte[] actual = generate("/Users/Zoë & Co/.openclaw", "zoe", 19789, "/Users/zoe/.nvm/versions/node/v22.12.0/bin/node",
                "/Users/zoe/.nvm/versions/node/v22.12.0/lib/node_modules/openclaw/dist/index.js");
        assertThat(new String(actual, StandardCharsets.UTF_8))
                .isEqualTo(Files.readString(Path.of("src/test/resources/golden/ai.openclaw.zoe.plist")));
        assertThat(new String(actual, StandardCharsets.UTF_8)).doesNotContain("\r").endsWith("</plist>\n");
    }

    @Test
    void sameInputSameBytes() {
        assertThat(generate(EXAMPLE_ROOT, "luca", 18789, EXAMPLE_NODE, EXAMPLE_ENTRY))
                .isEqualTo(generate(EXAMPLE_ROOT, "luca", 18789, EXAMPLE_NODE, EXAMPLE_ENTRY));
    }

    @Test
    void roundTripsThroughDdPlistAndPythonPlistlib() throws Exception {
        String root = "/Users/Zoë & Co/.openclaw";
        byte[] bytes = generate(root, "zoe", 19789, "/opt/homebrew/bin/node", EXAMPLE_ENTRY);
        Path file = Files.write(tmp.resolve("ai.openclaw.zoe.plist"), bytes);

        @SuppressWarnings("unchecked")
        Map<String, Object> viaDdPlist = (Map<String, Object>) PlistParser.parse(bytes);
        checkContract(new ObjectMapper().valueToTree(viaDdPlist), root);

        Process python = new ProcessBuilder("python3", "-c",
                "import json, plistlib, sys; print(json.dumps(plistlib.load(open(sys.argv[1], 'rb'))))", file.toString())
                .redirectErrorStream(true).start();
        String json = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(python.waitFor()).as(json).isZero();
        checkContract(new ObjectMapper().readTree(json), root);
    }

    /** Every point of seed 004's LaunchAgent contract, plus ours: absolute paths, PATH with node, no ~ or $. */
    private static void checkContract(JsonNode plist, String root) {
        String state = root + "/.openclaw-zoe";
        assertThat(plist.path("Label").asText()).isEqualTo("ai.openclaw.zoe");
        assertThat(plist.path("RunAtLoad").isBoolean() && plist.path("RunAtLoad").booleanValue()).isTrue();
        assertThat(plist.path("KeepAlive").isBoolean() && plist.path("KeepAlive").booleanValue()).isTrue();
        assertThat(plist.path("ThrottleInterval").asInt()).isEqualTo(10);
        List<String> args = new ObjectMapper().convertValue(plist.path("ProgramArguments"), new TypeReference<List<String>>() { });
        assertThat(args).containsExactly("/opt/homebrew/bin/node", EXAMPLE_ENTRY, "gateway", "--port", "19789");
        JsonNode env = plist.path("EnvironmentVariables");
        assertThat(env.path("OPENCLAW_STATE_DIR").asText()).isEqualTo(state);
        assertThat(env.path("OPENCLAW_CONFIG_PATH").asText()).isEqualTo(state + "/openclaw.json");
        assertThat(env.path("PATH").asText().split(":")).startsWith("/opt/homebrew/bin").contains("/usr/bin", "/bin");
        assertThat(plist.path("WorkingDirectory").asText()).isEqualTo(state);
        assertThat(plist.path("StandardOutPath").asText()).isEqualTo(state + "/logs/gateway.log");
        assertThat(plist.path("StandardErrorPath").asText()).isEqualTo(state + "/logs/gateway.err.log");
        String text = plist.toString();
        assertThat(text).doesNotContain("~").doesNotContain("$").doesNotContainIgnoringCase("token");
    }

    @Test
    void generateRefusesToOverwriteWithoutForce() throws Exception {
        String[] args = {"generate", "luca", "--port", "18789", "--root", EXAMPLE_ROOT, "--node", EXAMPLE_NODE,
                "--entry", EXAMPLE_ENTRY, "-o", tmp.toString()};
        assertThat(new CliRun().run(args).exitCode()).isZero();
        Path file = tmp.resolve("ai.openclaw.luca.plist");
        Files.writeString(file, "mine");
        CliRun.Result again = new CliRun().run(args);
        assertThat(again.exitCode()).isEqualTo(3);
        assertThat(again.err()).contains("already exists; pass --force");
        assertThat(Files.readString(file)).isEqualTo("mine");
        String[] forced = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.stream.Stream.of("--force"))
                .toArray(String[]::new);
        assertThat(new CliRun().run(forced).exitCode()).isZero();
        assertThat(Files.readAllBytes(file)).isEqualTo(generate(EXAMPLE_ROOT, "luca", 18789, EXAMPLE_NODE, EXAMPLE_ENTRY));
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        try (var left = Files.list(tmp)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("ai.openclaw.luca.plist");
        }
    }

    @Test
    void generateToStdoutAndBadInput() {
        CliRun.Result out = new CliRun().run("generate", "luca", "--port", "18789", "--root", EXAMPLE_ROOT, "--node", EXAMPLE_NODE,
                "--entry", EXAMPLE_ENTRY, "-o", "-");
        assertThat(out.exitCode()).isZero();
        assertThat(out.out().getBytes(StandardCharsets.UTF_8)).isEqualTo(generate(EXAMPLE_ROOT, "luca", 18789, EXAMPLE_NODE, EXAMPLE_ENTRY));

        CliRun.Result badName = new CliRun().run("generate", "Luca", "--port", "18789", "--node", EXAMPLE_NODE, "--entry", EXAMPLE_ENTRY, "-o", "-");
        assertThat(badName.exitCode()).isEqualTo(2);
        assertThat(badName.err().strip().lines()).singleElement().asString().contains("'Luca' is not a valid instance name");

        assertThat(new CliRun().run("generate", "gateway", "--port", "18789", "-o", "-").exitCode()).isEqualTo(2);
        assertThat(new CliRun().run("generate", "luca", "--port", "65500", "--node", EXAMPLE_NODE, "--entry", EXAMPLE_ENTRY, "-o", "-")
                .err()).contains("out of range");
        CliRun.Result noNode = new CliRun().env("PATH", tmp.toString()).run("generate", "luca", "--port", "18789", "-o", "-");
        assertThat(noNode.exitCode()).isEqualTo(2);
        assertThat(noNode.err()).contains("cannot find `node` on PATH").contains("--node");
    }
}
