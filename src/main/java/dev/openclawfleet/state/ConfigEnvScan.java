package dev.openclawfleet.state;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openclawfleet.model.ConfigEnvUse;
import dev.openclawfleet.model.EnvSubstitution;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds how a parsed openclaw.json uses environment variables: every {@code ${VAR}} placeholder in a
 * string value anywhere in the tree (OpenClaw substitutes them all at load), the variables the
 * config's own {@code env} block sets ({@code env.KEY} and {@code env.vars.KEY}), and whether
 * {@code env.shellEnv.enabled} asks for a login-shell import. Works on the tree the config reader
 * produced; it does not parse anything itself.
 */
public final class ConfigEnvScan {
    /** At most this many placeholders are kept: enough for any real config, bounded for a hostile one. */
    static final int MAX_PLACEHOLDERS = 200;
    private static final int MAX_DEPTH = 64;

    private ConfigEnvScan() {
    }

    public static ConfigEnvUse scan(JsonNode root) {
        if (root == null || !root.isObject()) {
            return ConfigEnvUse.NONE;
        }
        List<ConfigEnvUse.Placeholder> placeholders = new ArrayList<>();
        walk(root, "", 0, placeholders);
        Map<String, String> block = new LinkedHashMap<>();
        JsonNode env = root.path("env");
        if (env.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = env.path("vars").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                putText(block, e.getKey(), e.getValue());
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = env.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getKey().equals("vars") && !e.getKey().equals("shellEnv")) {
                    putText(block, e.getKey(), e.getValue());
                }
            }
        }
        boolean shell = env.path("shellEnv").path("enabled").asBoolean(false);
        return new ConfigEnvUse(placeholders, block, shell);
    }

    private static void putText(Map<String, String> block, String key, JsonNode value) {
        if (value.isTextual()) {
            block.putIfAbsent(key, value.textValue());
        }
    }

    private static void walk(JsonNode node, String where, int depth, List<ConfigEnvUse.Placeholder> out) {
        if (depth > MAX_DEPTH || out.size() >= MAX_PLACEHOLDERS) {
            return;
        }
        if (node.isTextual()) {
            for (String variable : EnvSubstitution.variables(node.textValue())) {
                if (out.size() < MAX_PLACEHOLDERS) {
                    out.add(new ConfigEnvUse.Placeholder(where.isEmpty() ? "(top level)" : where, variable));
                }
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                walk(e.getValue(), where.isEmpty() ? key(e.getKey()) : where + "." + key(e.getKey()), depth + 1, out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), where + "[" + i + "]", depth + 1, out);
            }
        }
    }

    /** A key as it may appear in a message: printable, bounded. */
    private static String key(String k) {
        return dev.openclawfleet.model.Text.printable(k, 60);
    }
}
