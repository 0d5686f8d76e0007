package dev.openclawfleet.model;

import java.util.Optional;

/**
 * Finds where a key path sits in one plist file's text. Supplied by the reader for each file it
 * parsed, so the rules stay pure: a finding names its key path, the locator turns it into a line.
 */
@FunctionalInterface
public interface KeyLocator {
    /** For files whose format keeps no positions (binary plists): every finding stays on line 1. */
    KeyLocator NONE = path -> Optional.empty();

    /**
     * The position of the value at {@code path}; when the file lacks it, the position of the
     * value at the longest prefix it has (the top-level dictionary when even the first key is
     * missing); empty when the file's text cannot tell.
     */
    Optional<Position> locate(KeyPath path);
}
