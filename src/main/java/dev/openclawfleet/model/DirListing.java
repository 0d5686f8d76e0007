package dev.openclawfleet.model;

import java.util.List;

/**
 * A folder as a host reader listed it: the folder's own fact, its entries whose names matched the
 * query (sorted by name, each with its fact and, when asked, its bytes), and why it could not be
 * listed (null when it could).
 */
public record DirListing(FileFact dir, List<Entry> entries, String problem) implements HostAnswer {
    public DirListing {
        entries = List.copyOf(entries);
    }

    /**
     * One entry of the folder; {@code read} is its parsed plist when the reader parsed it as it read
     * it (then {@code fact} carries no bytes), null otherwise.
     */
    public record Entry(String name, FileFact fact, PlistRead read) {
        public Entry(String name, FileFact fact) {
            this(name, fact, null);
        }
    }
}
