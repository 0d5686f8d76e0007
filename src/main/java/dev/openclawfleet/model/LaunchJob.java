package dev.openclawfleet.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The launchd job a plist describes, as plain Java values (String, Boolean, Long, Double, List,
 * Map, byte[]), with typed accessors for the keys the rules read. Values of the wrong type read as
 * absent from the typed accessors; rules that care look at {@link #raw(String)}.
 */
public final class LaunchJob {
    private final Map<String, Object> keys;
    // Read by many rules for every plist: worked out once.
    private final Optional<List<String>> programArguments;
    private final Map<String, String> environment;

    public LaunchJob(Map<String, Object> keys) {
        this(Collections.unmodifiableMap(new LinkedHashMap<>(keys)), false);
    }

    private LaunchJob(Map<String, Object> readOnlyKeys, boolean adopted) {
        this.keys = readOnlyKeys;
        this.programArguments = readProgramArguments(this.keys);
        this.environment = readEnvironment(this.keys, adopted);
    }

    /**
     * A job over a map nobody else holds (a plist just parsed), without copying it: at 10,000
     * plists the copies were a few percent of a lint's time and memory. The caller must not
     * change the map afterwards.
     */
    public static LaunchJob adopt(Map<String, Object> freshKeys) {
        return new LaunchJob(Collections.unmodifiableMap(freshKeys), true);
    }

    public Map<String, Object> keys() {
        return keys;
    }

    public Object raw(String key) {
        return keys.get(key);
    }

    public boolean has(String key) {
        return keys.containsKey(key);
    }

    public Optional<String> string(String key) {
        return keys.get(key) instanceof String s ? Optional.of(s) : Optional.empty();
    }

    public Optional<String> label() {
        return string("Label");
    }

    public Optional<String> program() {
        return string("Program");
    }

    /** ProgramArguments when it is an array of strings; empty when missing or malformed. */
    public Optional<List<String>> programArguments() {
        return programArguments;
    }

    private static Optional<List<String>> readProgramArguments(Map<String, Object> keys) {
        if (!(keys.get("ProgramArguments") instanceof List<?> list)) {
            return Optional.empty();
        }
        List<String> out = new ArrayList<>(list.size());
        for (Object o : list) {
            if (!(o instanceof String s)) {
                return Optional.empty();
            }
            out.add(s);
        }
        return Optional.of(List.copyOf(out));
    }

    /** EnvironmentVariables, keeping only string values. */
    public Map<String, String> environment() {
        return environment;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> readEnvironment(Map<String, Object> keys, boolean adopted) {
        if (!(keys.get("EnvironmentVariables") instanceof Map<?, ?> map)) {
            return Map.of();
        }
        if (adopted && map.entrySet().stream().allMatch(e -> e.getKey() instanceof String && e.getValue() instanceof String)) {
            return Collections.unmodifiableMap((Map<String, String>) map); // a fresh parse nobody else holds: no copy needed
        }
        Map<String, String> out = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            if (k instanceof String ks && v instanceof String vs) {
                out.put(ks, vs);
            }
        });
        return Collections.unmodifiableMap(out);
    }

    public Optional<String> workingDirectory() {
        return string("WorkingDirectory");
    }

    public Optional<String> standardOutPath() {
        return string("StandardOutPath");
    }

    public Optional<String> standardErrorPath() {
        return string("StandardErrorPath");
    }

    /** True only for a boolean true (launchd ignores strings such as "true"). */
    public boolean isTrue(String key) {
        return Boolean.TRUE.equals(keys.get(key));
    }

    public Optional<Long> integer(String key) {
        return keys.get(key) instanceof Long l ? Optional.of(l) : Optional.empty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LaunchJob other && keys.equals(other.keys);
    }

    @Override
    public int hashCode() {
        return keys.hashCode();
    }

    @Override
    public String toString() {
        return "LaunchJob" + keys.keySet();
    }
}
