package dev.openclawfleet.provision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openclawfleet.app.Audit;
import dev.openclawfleet.model.FleetException;
import dev.openclawfleet.model.Instance;
import dev.openclawfleet.model.InstanceState;
import dev.openclawfleet.model.JobKind;
import dev.openclawfleet.model.Secret;
import dev.openclawfleet.state.ConfigReader;
import dev.openclawfleet.system.BackupDir;
import dev.openclawfleet.system.FileReadException;
import dev.openclawfleet.system.SafeFiles;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * `fleet config NAME get|set|unset KEY`: one key of an instance's openclaw.json. Secrets never leave
 * through get (masked: {@code ***}, with a fingerprint for long ones); set and unset write the file
 * atomically, 0600, after copying it into {@code <root>/.trash/config-<timestamp>/}, and keep its
 * JSON5 comments (or say plainly that they could not be kept).
 */
public final class InstanceSettings {
    private InstanceSettings() {
    }

    /** What a set or unset did: the file, where its old copy went (null when nothing changed), whether comments were lost. */
    public record Changed(String name, String key, Path config, Path backup, boolean changed, boolean commentsLost, boolean created) {
    }

    /** The value at {@code key}, masked where it is a secret; empty when the key is not set. */
    public static Optional<JsonNode> get(FleetEnv env, String name, String key) {
        Audit.Fleet fleet = Lookup.fleet(env);
        InstanceState s = state(env, fleet, name);
        Path config = configPath(s);
        byte[] bytes = read(config);
        if (bytes == null) {
            throw FleetException.operational(name + " has no config: " + config + " does not exist");
        }
        JsonNode node;
        try {
            node = ConfigReader.parse(bytes);
        } catch (ConfigReader.ConfigSyntaxException e) {
            throw FleetException.operational(config + " is " + e.getMessage());
        }
        for (String part : ConfigEdits.keyPath(key)) {
            node = node != null && node.isObject() ? node.get(part) : null;
        }
        if (node == null) {
            return Optional.empty();
        }
        List<Secret> known = fleet.host().secrets();
        String leaf = ConfigEdits.keyPath(key).get(ConfigEdits.keyPath(key).size() - 1);
        return Optional.of(mask(node.deepCopy(), InstanceConfig.isSecretKey(leaf), known));
    }

    /** Sets {@code key} to {@code value} (created with its parents when missing). */
    public static Changed set(FleetEnv env, String name, String key, JsonNode value) {
        refuseOwnKeys(name, key);
        return write(env, name, key, value);
    }

    public static Changed unset(FleetEnv env, String name, String key) {
        refuseOwnKeys(name, key);
        return write(env, name, key, null);
    }

    private static Changed write(FleetEnv env, String name, String key, JsonNode value) {
        try (var lock = env.lock(AddInstance.LOCK_PATIENCE)) {
            Audit.Fleet fleet = Lookup.fleet(env);
            InstanceState s = state(env, fleet, name);
            Path config = configPath(s);
            if (Files.isSymbolicLink(config)) {
                throw FleetException.operational(config + " is a symbolic link: fleet does not write through links (nothing was changed)");
            }
            boolean exists = Files.exists(config, LinkOption.NOFOLLOW_LINKS);
            if (!exists && (value == null || s.instance().stateDir() == null || !Files.isDirectory(s.instance().stateDir(), LinkOption.NOFOLLOW_LINKS))) {
                throw FleetException.operational(name + " has no config: " + config + " does not exist" + (value == null ? ""
                        : " and neither does its state dir") + " (nothing was changed)");
            }
            ConfigEdits edits = exists ? ConfigEdits.of(config) : ConfigEdits.of(config, null);
            if (value == null) {
                edits.unset(key, key + " removed");
            } else {
                edits.set(key, value, key + " set");
            }
            if (!edits.changed()) {
                return new Changed(name, key, config, null, false, false, false);
            }
            BackupDir backups = exists ? BackupDir.create(env.layout().trash(), "config-" + stamp(), env.uid()) : null;
            FileChange change = edits.change();
            change.apply(backups);
            return new Changed(name, key, config, backups == null ? null : backups.where(config), true, change.commentsLost(), !exists);
        }
    }

    /** The port and the token are more than a config key: they have commands that change everything that names them. */
    private static void refuseOwnKeys(String name, String key) {
        if (key.equals("gateway.port")) {
            throw FleetException.usage("gateway.port is also in " + name + "'s plist: use `fleet set-port " + name + " PORT` (or --auto),"
                    + " which changes the plist, the config and the environment together and restarts it");
        }
        if (key.equals("gateway") || key.equals("gateway.auth")) {
            throw FleetException.usage(key + " holds the instance's port and token: set its keys one by one (gateway.mode, gateway.bind...)");
        }
    }

    static InstanceState state(FleetEnv env, Audit.Fleet fleet, String name) {
        Instance i = Lookup.require(env, name);
        if (i.kind() == JobKind.LEGACY) {
            throw FleetException.usage(name + " is a job from before the rename; fleet does not edit its config");
        }
        return fleet.host().instances().stream().filter(s -> s.instance().plistPath().equals(i.plistPath())).findFirst()
                .orElseThrow(() -> FleetException.usage("no instance '" + name + "' in " + env.agentsDir()));
    }

    static Path configPath(InstanceState s) {
        if (s.config() == null || s.instance().configPath() == null) {
            throw FleetException.operational(s.instance().name() + " has no known config (its plist names no state dir): `fleet audit` says why");
        }
        return s.config().path();
    }

    private static byte[] read(Path config) {
        if (!Files.exists(config, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        try {
            return SafeFiles.readRegular(config, ConfigReader.MAX_CONFIG_BYTES);
        } catch (FileReadException e) {
            throw FleetException.operational(config + ": " + e.getMessage());
        }
    }

    /**
     * A value with every secret replaced: the values of secret-named keys, and any string equal to a
     * token of the fleet. Long secrets show their fingerprint, short ones only {@code ***} (a
     * fingerprint of a short one would give it away); {@code ${VAR}} references are names, not secrets.
     */
    static JsonNode mask(JsonNode node, boolean secretKey, List<Secret> known) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> e = fields.next();
                e.setValue(mask(e.getValue(), secretKey || InstanceConfig.isSecretKey(e.getKey()), known));
            }
            return object;
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                ((com.fasterxml.jackson.databind.node.ArrayNode) node).set(i, mask(node.get(i), secretKey, known));
            }
            return node;
        }
        if (node.isTextual()) {
            String text = node.textValue();
            boolean reference = text.startsWith("${") && text.endsWith("}");
            if ((secretKey && !text.isEmpty() && !reference) || known.contains(Secret.of(text))) {
                return f.textNode(text.length() < 16 ? "***" : "*** (" + Secret.of(text).fingerprint() + ")");
            }
            return node;
        }
        if (secretKey && !node.isNull() && !node.isBoolean()) {
            return f.textNode("***");
        }
        return node;
    }

    static String stamp() {
        return LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    }
}
