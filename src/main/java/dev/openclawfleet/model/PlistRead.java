package dev.openclawfleet.model;

import java.nio.file.Path;

/** The outcome of reading one plist file, before it is classified: its parsed root, or why it failed. */
public sealed interface PlistRead permits PlistRead.Parsed, PlistRead.Failed {
    Path path();

    /** A file that parsed; {@code root} is a Map for launchd jobs, anything else otherwise. */
    record Parsed(Path path, FileFacts facts, Object root) implements PlistRead {
    }

    /** A file that could not be read or parsed; {@code reason} is one line without the file's content. */
    record Failed(Path path, String reason) implements PlistRead {
    }
}
