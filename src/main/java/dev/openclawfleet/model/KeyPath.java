package dev.openclawfleet.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where in a plist a finding points: keys and array indices from the top-level dictionary down,
 * written {@code EnvironmentVariables.OPENCLAW_STATE_DIR} or {@code ProgramArguments[4]}. Built
 * with {@code KeyPath.key("ProgramArguments").index(4)}.
 */
public record KeyPath(List<Segment> segments) {
    /** The job's Label: where findings about the whole job point when they name no key. */
    public static final KeyPath LABEL = key("Label");

    /** One step down: a dictionary key or an array index. */
    public sealed interface Segment permits Key, Index {
    }

    /** A dictionary key. */
    public record Key(String name) implements Segment {
        public Key {
            Objects.requireNonNull(name, "name");
        }
    }

    /** A zero-based array index. */
    public record Index(int index) implements Segment {
        public Index {
            if (index < 0) {
                throw new IllegalArgumentException("negative array index " + index);
            }
        }
    }

    public KeyPath {
        segments = List.copyOf(segments);
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("a key path needs at least one segment");
        }
    }

    /** A top-level key. */
    public static KeyPath key(String name) {
        return new KeyPath(List.of(new Key(name)));
    }

    /** This path, then a key of the dictionary it leads to. */
    public KeyPath then(String name) {
        return append(new Key(name));
    }

    /** This path, then an index into the array it leads to. */
    public KeyPath index(int index) {
        return append(new Index(index));
    }

    private KeyPath append(Segment segment) {
        List<Segment> more = new ArrayList<>(segments);
        more.add(segment);
        return new KeyPath(more);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (Segment s : segments) {
            if (s instanceof Index i) {
                out.append('[').append(i.index()).append(']');
            } else {
                if (out.length() > 0) {
                    out.append('.');
                }
                out.append(((Key) s).name());
            }
        }
        return out.toString();
    }
}
