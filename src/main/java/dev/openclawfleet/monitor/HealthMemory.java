package dev.openclawfleet.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openclawfleet.metrics.HealthChanges.Unhealthy;
import dev.openclawfleet.render.Json;
import dev.openclawfleet.system.AtomicFiles;
import dev.openclawfleet.system.FileReadException;
import dev.openclawfleet.system.SafeFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The unhealthy instances the previous monitor run saw, kept in {@code <root>/.fleet/health.json}
 * (mode 0600): plist path, name and rule ids only.
 */
final class HealthMemory {
    static final String FILE = "health.json";
    private static final int MAX_BYTES = 1 << 20;

    private HealthMemory() {
    }

    /** What was remembered; empty when nothing was (first run) or the file is unreadable. */
    static Map<String, Unhealthy> read(Path fleetDir) {
        Path file = fleetDir.resolve(FILE);
        if (!Files.exists(file)) {
            return Map.of();
        }
        Map<String, Unhealthy> out = new LinkedHashMap<>();
        try {
            JsonNode root = new ObjectMapper().readTree(SafeFiles.readRegular(file, MAX_BYTES));
            for (JsonNode n : root.path("unhealthy")) {
                List<String> rules = new ArrayList<>();
                n.path("rules").forEach(r -> rules.add(r.asText()));
                if (n.path("plist").isTextual() && n.path("name").isTextual()) {
                    out.put(n.path("plist").asText(), new Unhealthy(n.path("name").asText(), rules));
                }
            }
        } catch (FileReadException | IOException e) {
            return Map.of();
        }
        return out;
    }

    static void write(Path fleetDir, Map<String, Unhealthy> unhealthy) throws IOException {
        ObjectNode root = Json.object();
        root.put("schemaVersion", 1);
        ArrayNode list = root.putArray("unhealthy");
        unhealthy.forEach((plist, u) -> {
            ObjectNode n = list.addObject();
            n.put("plist", plist);
            n.put("name", u.name());
            ArrayNode rules = n.putArray("rules");
            u.rules().forEach(rules::add);
        });
        AtomicFiles.write(fleetDir.resolve(FILE), Json.pretty(root).getBytes(StandardCharsets.UTF_8), AtomicFiles.MODE_0600, true);
    }
}
