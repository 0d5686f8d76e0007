package dev.openclawfleet.metrics;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One metric family as the Prometheus text format groups it: name, type, one line of help and its
 * samples. Counters end in {@code _total} and nothing else does, as Prometheus' naming rules ask.
 */
public record MetricFamily(String name, Type type, String help, List<Sample> samples) {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    /** The two types fleet exposes. */
    public enum Type {
        GAUGE, COUNTER;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public MetricFamily {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a metric name: " + name);
        }
        if ((type == Type.COUNTER) != name.endsWith("_total")) {
            throw new IllegalArgumentException(name + ": counters, and only counters, end in _total");
        }
        if (help.isBlank() || help.contains("\n")) {
            throw new IllegalArgumentException(name + ": help must be one non-empty line");
        }
        samples = List.copyOf(samples);
    }
}
