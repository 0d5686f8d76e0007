package dev.openclawfleet.audit.rules;

import dev.openclawfleet.model.Instance;
import dev.openclawfleet.model.JobKind;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Helpers for the uniqueness rules: which instances take part (legacy clawdbot/moltbot jobs are
 * left to legacy-service), and grouping by a key.
 */
final class FleetMembers {
    private FleetMembers() {
    }

    static List<Instance> of(List<Instance> all) {
        return all.stream().filter(i -> i.kind() != JobKind.LEGACY).toList();
    }

    /** Groups of two or more instances sharing a non-null key, in first-seen order. */
    static <K> List<List<Instance>> sharing(List<Instance> instances, Function<Instance, K> key) {
        // Most keys are unique: a group gets a list of its own only when a second member turns up.
        Map<K, Object> groups = new LinkedHashMap<>();
        for (Instance i : instances) {
            K k = key.apply(i);
            if (k == null) {
                continue;
            }
            Object seen = groups.putIfAbsent(k, i);
            if (seen instanceof Instance first) {
                List<Instance> group = new ArrayList<>();
                group.add(first);
                group.add(i);
                groups.put(k, group);
            } else if (seen != null) {
                @SuppressWarnings("unchecked")
                List<Instance> group = (List<Instance>) seen;
                group.add(i);
            }
        }
        List<List<Instance>> out = new ArrayList<>();
        for (Object g : groups.values()) {
            if (g instanceof List<?>) {
                @SuppressWarnings("unchecked")
                List<Instance> group = (List<Instance>) g;
                out.add(group);
            }
        }
        return List.copyOf(out);
    }

    /**
     * A comparison key for a state dir: normalised, and case-folded because APFS volumes are
     * case-insensitive by default, so {@code .openclaw-Luca} and {@code .openclaw-luca} are one dir.
     */
    static String stateDirKey(Path dir) {
        return dir == null ? null : dir.normalize().toString().toLowerCase(Locale.ROOT);
    }
}
