package dev.openclawfleet.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** One sample of a family: its labels, in the order they are printed, and its value. */
public record Sample(Map<String, String> labels, double value) {
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    public Sample {
        for (String name : labels.keySet()) {
            if (!LABEL_NAME.matcher(name).matches() || name.startsWith("__")) {
                throw new IllegalArgumentException("not a label name: " + name);
            }
        }
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }

    public static Sample of(double value) {
        return new Sample(Map.of(), value);
    }

    public static Sample of(Map<String, String> labels, double value) {
        return new Sample(labels, value);
    }

    /** 1 for true, 0 for false. */
    public static double bool(boolean on) {
        return on ? 1 : 0;
    }
}
