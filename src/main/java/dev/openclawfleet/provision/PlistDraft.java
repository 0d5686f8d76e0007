package dev.openclawfleet.provision;

import dev.openclawfleet.model.FleetException;
import dev.openclawfleet.model.Instance;
import dev.openclawfleet.plist.PlistWriter;
import dev.openclawfleet.system.AtomicFiles;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A working copy of one instance's plist that fixes are applied to, one after another, and that
 * becomes one {@link FileChange} (XML, mode 0644). Regenerating a fleet instance's plist keeps every
 * key the user added (and their environment variables, minus the secrets that moved to the config);
 * OpenClaw's own plists only get the one key a fix is about changed.
 */
public final class PlistDraft {
    /** Keys the fleet contract writes; every other key of the old plist is the user's and is kept. */
    private static final Set<String> CONTRACT_OWNED = Set.of("Label", "Comment", "Program", "ProgramArguments", "EnvironmentVariables",
            "WorkingDirectory", "StandardOutPath", "StandardErrorPath", "RunAtLoad", "KeepAlive", "ThrottleInterval", "ExitTimeOut",
            "ProcessType", "Umask");
    /** Variables the contract sets itself. */
    private static final Set<String> CONTRACT_ENV = Set.of("OPENCLAW_STATE_DIR", "OPENCLAW_CONFIG_PATH", "PATH");

    private final Path path;
    private final byte[] before;
    private final Map<String, Object> original;
    private Map<String, Object> keys;
    private final List<String> what = new ArrayList<>();

    private PlistDraft(Path path, byte[] before, Map<String, Object> keys) {
        this.path = path;
        this.before = before;
        this.original = deepCopy(keys);
        this.keys = deepCopy(keys);
    }

    /** A draft of the instance's plist as read now. */
    public static PlistDraft of(Instance instance) {
        return new PlistDraft(instance.plist(), FileChange.current(instance.plist()), instance.job().keys());
    }

    /** A draft of a new plist (nothing at {@code path} yet). */
    public static PlistDraft create(Path path, Map<String, Object> keys, String said) {
        PlistDraft d = new PlistDraft(path, null, Map.of());
        d.keys = deepCopy(keys);
        d.what.add(said);
        return d;
    }

    public Path path() {
        return path;
    }

    /**
     * The fleet contract for {@code spec}, with the user's own keys and environment variables kept
     * ({@code ~}, {@code $HOME} and {@code ${HOME}} at the start of their values written out with
     * {@code home}), except the variables in {@code drop} (secrets moved to the config).
     */
    @SuppressWarnings("unchecked")
    public PlistDraft regenerate(ContractPlist.Spec spec, Set<String> drop, String home, String said) {
        Map<String, Object> out = new LinkedHashMap<>(ContractPlist.of(spec));
        Map<String, Object> env = new LinkedHashMap<>((Map<String, Object>) out.get("EnvironmentVariables"));
        if (keys.get("EnvironmentVariables") instanceof Map<?, ?> old) {
            old.forEach((k, v) -> {
                if (k instanceof String name && !CONTRACT_ENV.contains(name) && !drop.contains(name) && v instanceof String value) {
                    env.put(name, name.equals("OPENCLAW_GATEWAY_PORT") ? Integer.toString(spec.port()) : expand(value, home));
                }
            });
        }
        out.put("EnvironmentVariables", env);
        keys.forEach((k, v) -> {
            if (!CONTRACT_OWNED.contains(k)) {
                out.put(k, expandDeep(v, home));
            }
        });
        keys = out;
        note(said);
        return this;
    }

    /** Sets a top-level key. */
    public PlistDraft set(String key, Object value, String said) {
        keys.put(key, value);
        note(said);
        return this;
    }

    /** Removes a variable from EnvironmentVariables. */
    @SuppressWarnings("unchecked")
    public PlistDraft removeEnv(String name, String said) {
        if (keys.get("EnvironmentVariables") instanceof Map<?, ?> env && env.containsKey(name)) {
            ((Map<String, Object>) env).remove(name);
            note(said);
        }
        return this;
    }

    /** ProgramArguments with item {@code index} replaced. */
    @SuppressWarnings("unchecked")
    public PlistDraft argument(int index, String value, String said) {
        if (keys.get("ProgramArguments") instanceof List<?> args && index < args.size()) {
            ((List<Object>) args).set(index, value);
            note(said);
        }
        return this;
    }

    /** ProgramArguments without {@code count} items from {@code index}. */
    @SuppressWarnings("unchecked")
    public PlistDraft removeArguments(int index, int count, String said) {
        if (keys.get("ProgramArguments") instanceof List<?> args && index + count <= args.size()) {
            List<Object> list = (List<Object>) args;
            for (int i = 0; i < count; i++) {
                list.remove(index);
            }
            note(said);
        }
        return this;
    }

    /** The gateway's {@code --port} (and OPENCLAW_GATEWAY_PORT when the plist sets it) set to {@code port}. */
    @SuppressWarnings("unchecked")
    public PlistDraft port(int port, String said) {
        if (keys.get("ProgramArguments") instanceof List<?> args) {
            List<Object> list = (List<Object>) args;
            int gateway = list.indexOf("gateway");
            for (int i = gateway + 1; gateway >= 0 && i < list.size(); i++) {
                if ("--port".equals(list.get(i)) && i + 1 < list.size()) {
                    list.set(i + 1, Integer.toString(port));
                    break;
                }
                if (list.get(i) instanceof String s && s.startsWith("--port=")) {
                    list.set(i, "--port=" + port);
                    break;
                }
            }
        }
        if (keys.get("EnvironmentVariables") instanceof Map<?, ?> env && env.containsKey("OPENCLAW_GATEWAY_PORT")) {
            ((Map<String, Object>) env).put("OPENCLAW_GATEWAY_PORT", Integer.toString(port));
        }
        note(said);
        return this;
    }

    public Map<String, Object> keys() {
        return keys;
    }

    public boolean changed() {
        return before == null || !keys.equals(original);
    }

    public List<String> what() {
        return List.copyOf(what);
    }

    public FileChange change() {
        byte[] after = PlistWriter.toXml(keys);
        if (before != null && Arrays.equals(before, after)) {
            return new FileChange(path, before, before, AtomicFiles.MODE_0644, what, false);
        }
        return new FileChange(path, before, after, AtomicFiles.MODE_0644, what, false);
    }

    private void note(String said) {
        if (said != null && !what.contains(said)) {
            what.add(said);
        }
    }

    /** {@code ~/x}, {@code $HOME/x} and {@code ${HOME}/x} with the home written out; anything else as it is. */
    public static String expand(String value, String home) {
        if (home == null) {
            return value;
        }
        for (String prefix : List.of("${HOME}", "$HOME", "~")) {
            if (value.equals(prefix) || value.startsWith(prefix + "/")) {
                return home + value.substring(prefix.length());
            }
        }
        return value;
    }

    private static Object expandDeep(Object value, String home) {
        if (value instanceof String s) {
            return expand(s, home);
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(expandDeep(v, home)));
            return out;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put((String) k, expandDeep(v, home)));
            return out;
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> deepCopy(Map<String, Object> in) {
        Map<String, Object> out = new LinkedHashMap<>();
        in.forEach((k, v) -> out.put(k, copy(v)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object copy(Object v) {
        if (v instanceof Map<?, ?> m) {
            return deepCopy((Map<String, Object>) m);
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(copy(x)));
            return out;
        }
        return v;
    }

    /** Refuses a plist fleet must not rewrite: a link, or one owned by someone else. */
    public static void requireWritable(Instance instance) {
        if (java.nio.file.Files.isSymbolicLink(instance.plist())) {
            throw FleetException.operational(instance.plist() + " is a symbolic link: fleet does not write through links");
        }
        if (instance.facts() != null && !instance.facts().ownedByCurrentUser()) {
            throw FleetException.operational(instance.plist() + " is owned by " + instance.facts().owner() + ", not by you");
        }
    }
}
