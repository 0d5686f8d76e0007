package dev.openclawfleet.provision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openclawfleet.model.FleetLayout;
import dev.openclawfleet.model.Secret;
import dev.openclawfleet.render.Json;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An instance's openclaw.json: what makes it an isolated fleet member (gateway mode, port, bind,
 * token, workspace, shared skills), optionally on top of another instance's non-identity settings.
 */
public final class InstanceConfig {
    /** Keys whose values are credentials: never copied by --from. */
    private static final Pattern SECRET_KEY = Pattern.compile(".*(token|password|passwd|secret|apikey|api_key|credential|cookie|privatekey|private_key).*");

    private InstanceConfig() {
    }

    /**
     * The config of a new instance. {@code base} (may be null) is another instance's config with
     * its identity, paths and credentials already removed by {@link #shareable}.
     */
    public static ObjectNode create(FleetLayout layout, String name, int port, Secret token, ObjectNode base, boolean sharedSkills) {
        ObjectNode root = base == null ? Json.object() : base.deepCopy();
        ObjectNode gateway = root.putObject("gateway");
        gateway.put("mode", "local");
        gateway.put("port", port);
        gateway.put("bind", "loopback");
        ObjectNode auth = gateway.putObject("auth");
        auth.put("mode", "token");
        auth.put("token", token.reveal());
        ObjectNode defaults = object(object(root, "agents"), "defaults");
        defaults.put("workspace", layout.workspace(name).toString());
        if (sharedSkills) {
            ObjectNode load = object(object(root, "skills"), "load");
            ArrayNode dirs = load.putArray("extraDirs");
            dirs.add(layout.sharedSkills().toString());
        }
        return root;
    }

    /**
     * Another instance's settings that may be shared (models, providers, channels, agent defaults...)
     * without its identity: no gateway section (port, bind, auth), no workspace or other paths, and
     * no credentials (any key that names a token, password, secret or API key is dropped).
     */
    public static ObjectNode shareable(JsonNode source) {
        ObjectNode copy = source.isObject() ? ((ObjectNode) source).deepCopy() : Json.object();
        copy.remove("gateway");
        strip(copy);
        return copy;
    }

    /** Removes credentials and absolute or home-relative paths everywhere in the tree. */
    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> drop = new ArrayList<>();
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                String key = f.getKey().toLowerCase(Locale.ROOT);
                if (SECRET_KEY.matcher(key).matches() || isPath(f.getValue()) || key.equals("workspace") || key.equals("extradirs")) {
                    drop.add(f.getKey());
                } else {
                    strip(f.getValue());
                }
            }
            drop.forEach(object::remove);
        } else if (node instanceof ArrayNode array) {
            for (int i = array.size() - 1; i >= 0; i--) {
                if (isPath(array.get(i))) {
                    array.remove(i);
                } else {
                    strip(array.get(i));
                }
            }
        }
    }

    private static boolean isPath(JsonNode value) {
        if (!value.isTextual()) {
            return false;
        }
        String s = value.textValue();
        return s.startsWith("/") || s.startsWith("~/") || s.equals("~");
    }

    /** The object at {@code key}, created when missing or not an object. */
    static ObjectNode object(ObjectNode parent, String key) {
        JsonNode existing = parent.get(key);
        if (existing instanceof ObjectNode o) {
            return o;
        }
        return parent.putObject(key);
    }

    /** True when the shared skill library of the container root exists (seed 000). */
    public static boolean hasSharedSkills(FleetLayout layout) {
        return java.nio.file.Files.isDirectory(layout.sharedSkills());
    }

}
