package dev.openclawfleet.audit;

import dev.openclawfleet.model.Instance;

import java.util.Collection;
import java.util.Comparator;

/**
 * Which of several clashing plists is the newer one, the plist that introduced the clash: the later
 * modification time, compared to the whole second (checkouts and copies keep no finer order), then
 * the later path. Findings about several instances point at the newer plist, and `fleet fix` changes
 * the newer instance and keeps the oldest one as it is.
 */
public final class PlistAge {
    /** Oldest first: earlier modification second, then earlier path. */
    public static final Comparator<Instance> OLDEST_FIRST = Comparator.comparingLong(PlistAge::second).thenComparing(Instance::plistPath);

    private PlistAge() {
    }

    public static Instance newest(Collection<Instance> group) {
        return group.stream().max(OLDEST_FIRST).orElseThrow();
    }

    public static Instance oldest(Collection<Instance> group) {
        return group.stream().min(OLDEST_FIRST).orElseThrow();
    }

    static long second(Instance i) {
        return i.facts() == null ? 0 : Math.floorDiv(i.facts().modifiedMillis(), 1000L);
    }
}
