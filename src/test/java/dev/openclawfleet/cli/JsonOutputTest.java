package dev.openclawfleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openclawfleet.render.JsonSchema;
import dev.openclawfleet.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command's JSON: docs/json-output.md documents each schema exactly (keys, order, types), a
 * key has one type across commands, and what the commands print parses and matches its schema.
 * The commands that need launchd are checked the same way in {@code CommandJsonIT}.
 */
class JsonOutputTest {
    private static final Pattern SECTION = Pattern.compile("(?m)^### `([a-z-]+)`$");
    private static final Pattern ROW = Pattern.compile("^\\| `([A-Za-z]+)` \\| ([^|]+) \\|");

    @TempDir
    Path tmp;

    /** Each `### `name`` section of the doc: its table's keys with their types, in order. */
    private static Map<String, List<String>> documented() throws Exception {
        String doc = Files.readString(Path.of("docs/json-output.md"));
        Map<String, List<String>> sections = new LinkedHashMap<>();
        Matcher m = SECTION.matcher(doc);
        List<int[]> bounds = new ArrayList<>();
        List<String> names = new ArrayList<>();
        while (m.find()) {
            names.add(m.group(1));
            bounds.add(new int[]{m.end()});
        }
        for (int k = 0; k < names.size(); k++) {
            int end = doc.indexOf("\n#", bounds.get(k)[0]);
            String body = doc.substring(bounds.get(k)[0], end < 0 ? doc.length() : end);
            List<String> rows = new ArrayList<>();
            for (String line : body.split("\n")) {
                Matcher row = ROW.matcher(line);
                if (row.find()) {
                    rows.add(row.group(1) + ": " + row.group(2).strip());
                }
            }
            sections.put(names.get(k), rows);
        }
        return sections;
    }

    @Test
    void theDocListsEverySchemaExactly() throws Exception {
        Map<String, List<String>> doc = documented();
        List<String> inCode = new ArrayList<>();
        for (JsonSchema<?> schema : CommandJson.all()) {
            inCode.add(schema.name());
            List<String> fields = schema.fields().stream().map(f -> f.name() + ": " + f.docType()).toList();
            assertThat(doc.get(schema.name())).as("docs/json-output.md section `%s`", schema.name()).containsExactlyElementsOf(fields);
        }
        assertThat(doc.keySet()).as("every documented schema exists in the code").containsExactlyInAnyOrderElementsOf(inCode);
    }

    @Test
    void aKeyHasOneTypeInEveryCommand() {
        Map<String, String> seen = new HashMap<>();
        for (JsonSchema<?> schema : CommandJson.all()) {
            if (schema.name().equals("summary")) {
                continue; // counts named after the arrays they count
            }
            for (JsonSchema.Field<?> field : schema.fields()) {
                if (field.type() == JsonSchema.Type.STRINGS || field.type() == JsonSchema.Type.OBJECTS) {
                    continue;
                }
                String type = field.type() == JsonSchema.Type.OBJECT ? "object " + field.nested().name() : field.type().name();
                String before = seen.putIfAbsent(field.name(), type + " (in " + schema.name() + ")");
                if (before != null) {
                    assertThat(before).as("`%s` in %s", field.name(), schema.name()).startsWith(type + " ");
                }
            }
        }
        assertThat(seen).containsKeys("port", "pid", "lastExitCode", "lastSignal", "state", "plist", "stateDir");
        assertThat(seen.get("lastExitCode")).startsWith("INTEGER");
    }

    @Test
    void everyOfflineCommandPrintsItsSchema() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path emptyPath = Files.createDirectories(tmp.resolve("no-launchctl"));
        Path entry = Files.writeString(tmp.resolve("index.js"), "// stand-in entry script\n");
        Path node = Files.writeString(tmp.resolve("node"), "#!/bin/sh\n");
        node.toFile().setExecutable(true);
        CliRun fleet = new CliRun().home(home).cwd(tmp).env("PATH", emptyPath.toString())
                .env("FLEET_ROOT", null).env("FLEET_AGENTS_DIR", null).env("FLEET_DOMAIN", null);

        JsonNode dry = JsonSchemas.check(run(fleet, 0, "add-instance", "luca", "--dry-run", "--node", node.toString(), "--entry",
                entry.toString(), "--format", "json"), "add-instance");
        assertThat(dry.path("dryRun").asBoolean()).isTrue();
        assertThat(dry.path("plan")).isNotEmpty();
        assertThat(dry.path("audit").isNull()).isTrue();

        JsonNode added = JsonSchemas.check(run(fleet, 0, "add-instance", "luca", "--no-start", "--node", node.toString(), "--entry",
                entry.toString(), "--format", "json"), "add-instance");
        assertThat(added.path("started").asBoolean()).isFalse();
        assertThat(added.path("healthy").isNull()).isTrue();
        assertThat(added.path("audit").path("command").asText()).isEqualTo("audit");
        run(fleet, 0, "add-instance", "critic", "--no-start", "--node", node.toString(), "--entry", entry.toString());

        JsonNode list = JsonSchemas.check(run(fleet, 0, "list", "--format", "json", "--offline"), "list");
        assertThat(list.path("instances")).hasSize(2);
        assertThat(list.path("instances").get(0).path("lastExitCode").isNull()).isTrue();
        JsonSchemas.check(run(fleet, 0, "list", "--format", "json"), "list"); // no launchctl on PATH: a note, no live state

        JsonNode status = JsonSchemas.check(run(fleet, 0, "status", "luca", "--offline", "--format", "json"), "status");
        assertThat(status.path("config").path("status").asText()).isEqualTo("loaded");
        assertThat(status.path("config").path("tokenFingerprint").asText()).startsWith("sha256:");
        assertThat(status.path("ports").path("browserControl").asInt()).isEqualTo(status.path("instance").path("port").asInt() + 2);

        JsonSchemas.check(run(fleet, 0, "audit", "--offline", "--format", "json"), "report");
        JsonSchemas.check(run(fleet, 0, "lint", "--format", "json", home.resolve("Library/LaunchAgents").toString()), "report");

        JsonNode backup = JsonSchemas.check(run(fleet, 0, "backup", "critic", "-o", "critic.tar.gz", "--format", "json"), "backup");
        assertThat(backup.path("bytes").asLong()).isEqualTo(Files.size(tmp.resolve("critic.tar.gz")));

        JsonNode removed = JsonSchemas.check(run(fleet, 0, "remove-instance", "critic", "--format", "json"), "remove-instance");
        assertThat(removed.path("mode").asText()).isEqualTo("trash");
        assertThat(removed.path("steps")).isNotEmpty();

        JsonNode restored = JsonSchemas.check(run(fleet, 0, "restore", "critic.tar.gz", "--no-start", "--node", node.toString(),
                "--entry", entry.toString(), "--format", "json"), "restore");
        assertThat(restored.path("name").asText()).isEqualTo("critic");
        assertThat(restored.path("healthy").isNull()).isTrue();

        String rules = run(fleet, 0, "rules", "--format", "json");
        assertThat(JsonSchemas.check(rules, "rules").path("rules")).isNotEmpty();
        assertThat(run(fleet, 0, "rules", "--json")).as("--json is the same as --format json").isEqualTo(rules);

        CliRun.Result badFormat = fleet.run("list", "--format", "yaml");
        assertThat(badFormat.exitCode()).isEqualTo(2);
        assertThat(badFormat.err()).contains("--format must be text or json for fleet list, not 'yaml'");
        assertThat(badFormat.out()).isEmpty();
    }

    private static String run(CliRun fleet, int expectedExit, String... args) {
        CliRun.Result r = fleet.run(args);
        assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r.all()).isEqualTo(expectedExit);
        return r.out();
    }
}
