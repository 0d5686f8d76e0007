package dev.openclawfleet.model;

import java.util.List;
import java.util.stream.Stream;

/**
 * Streams over the instances of a fleet: parallel when there are enough of them for two cores to
 * pay (a small fleet is done before the common pool's threads wake), sequential otherwise. Either
 * way an ordered stream: {@code toList()} keeps the list's order, so the output does not depend on
 * which thread did what.
 */
public final class Parallel {
    /** Fewer items than this are done on the calling thread. */
    public static final int FROM = 256;

    private Parallel() {
    }

    public static <T> Stream<T> stream(List<T> items) {
        return items.size() < FROM ? items.stream() : items.parallelStream();
    }
}
