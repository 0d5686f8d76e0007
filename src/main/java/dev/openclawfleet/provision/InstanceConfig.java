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

/**
 * An instance's openclaw.json: what makes it an isolated fleet member (gateway mode, port, bind,
 * token, workspace, shared skills), optionally on top of another instance's non-identity settings.
 */
public final class InstanceConfig {
    /** Words of a key name that make its value a credential, on top of the environment variable words. */
    private static final java.util.Set<String> MORE_SECRET_WORDS = java.util.Set.of("COOKIE", "COOKIES", "SECRETS", "CREDENTIAL");

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
        return shared(source).config();
    }

    /** Another instance's shareable settings, and the credential keys left out (dotted, {@code [i]} for array items). */
    public record Shared(ObjectNode config, List<String> droppedCredentials) {
        public Shared {
            droppedCredentials = List.copyOf(droppedCredentials);
        }
    }

    /** {@link #shareable}, saying which credentials it dropped, so the user can set them for the new instance. */
    public static Shared shared(JsonNode source) {
        ObjectNode copy = source.isObject() ? ((ObjectNode) source).deepCopy() : Json.object();
        copy.remove("gateway");
        List<String> dropped = new ArrayList<>();
        strip(copy, "", dropped);
        return new Shared(copy, dropped);
    }

    /**
     * A key whose value is a credential: one of its words (split at camelCase, {@code _}, {@code -})
     * is token, password, secret, credential(s), cookie, or api/private/auth key. {@code botToken},
     * {@code apiKey} and {@code api_key} are; {@code maxTokens} is not.
     */
    public static boolean isSecretKey(String key) {
        String words = key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replace('-', '_').toUpperCase(Locale.ROOT);
        if (dev.openclawfleet.model.SecretNames.isSecret(words)) {
            return true;
        }
        for (String word : words.split("_")) {
            if (MORE_SECRET_WORDS.contains(word)) {
                return true;
            }
        }
        return false;
    }

    /** Removes credentials and absolute or home-relative paths everywhere in the tree; names each credential dropped. */
    private static void strip(JsonNode node, String at, List<String> dropped) {
        if (node instanceof ObjectNode object) {
            List<String> drop = new ArrayList<>();
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                String key = f.getKey().toLowerCase(Locale.ROOT);
                String path = at.isEmpty() ? f.getKey() : at + "." + f.getKey();
                if (isSecretKey(f.getKey())) {
                    drop.add(f.getKey());
                    if (!f.getValue().isContainerNode() || f.getValue().size() > 0) {
                        dropped.add(path);
                    }
                } else if (isPath(f.getValue()) || key.equals("workspace") || key.equals("extradirs")) {
                    drop.add(f.getKey());
                } else {
                    strip(f.getValue(), path, dropped);
                }
            }
            drop.forEach(object::remove);
        } else if (node instanceof ArrayNode array) {
            for (int i = array.size() - 1; i >= 0; i--) {
                if (isPath(array.get(i))) {
                    array.remove(i);
                } else {
                    strip(array.get(i), at + "[" + i + "]", dropped);
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
