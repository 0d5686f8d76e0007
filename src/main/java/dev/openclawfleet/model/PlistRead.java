package dev.openclawfleet.model;

import java.nio.file.Path;

/** The outcome of reading one plist file, before it is classified: its parsed root, or why it failed. */
public sealed interface PlistRead permits PlistRead.Parsed, PlistRead.Failed {
    Path path();

    /**
     * A file that parsed; {@code root} is a Map for launchd jobs, anything else otherwise;
     * {@code locator} finds key paths in the file's text (lines for XML plists).
     */
    record Parsed(Path path, FileFacts facts, Object root, KeyLocator locator) implements PlistRead {
        public Parsed {
            locator = locator == null ? KeyLocator.NONE : locator;
        }

        public Parsed(Path path, FileFacts facts, Object root) {
            this(path, facts, root, KeyLocator.NONE);
        }
    }

    /**
     * A file that could not be read or parsed; {@code reason} is one line without the file's
     * content; {@code at} is where XML parsing stopped, when it says (null otherwise).
     */
    record Failed(Path path, String reason, Position at) implements PlistRead {
        public Failed(Path path, String reason) {
            this(path, reason, null);
        }
    }
}
