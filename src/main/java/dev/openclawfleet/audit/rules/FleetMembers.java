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
        Map<K, List<Instance>> groups = new LinkedHashMap<>();
        for (Instance i : instances) {
            K k = key.apply(i);
            if (k != null) {
                groups.computeIfAbsent(k, x -> new ArrayList<>()).add(i);
            }
        }
        return groups.values().stream().filter(g -> g.size() > 1).toList();
    }

    /**
     * A comparison key for a state dir: normalised, and case-folded because APFS volumes are
     * case-insensitive by default, so {@code .openclaw-Luca} and {@code .openclaw-luca} are one dir.
     */
    static String stateDirKey(Path dir) {
        return dir == null ? null : dir.normalize().toString().toLowerCase(Locale.ROOT);
    }
}
