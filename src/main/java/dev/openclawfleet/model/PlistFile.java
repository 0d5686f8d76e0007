package dev.openclawfleet.model;

import java.nio.file.Path;

/** A {@code *.plist} file found in a scanned directory, after reading and classifying it. */
public sealed interface PlistFile permits PlistFile.Unreadable, PlistFile.Foreign, PlistFile.Helper, PlistFile.Gateway {
    Path path();

    /** A file that could not be read or parsed as a property list; {@code reason} is one line. */
    record Unreadable(Path path, String reason) implements PlistFile {
    }

    /** A readable plist that is not an OpenClaw gateway job; it is reported once and skipped. */
    record Foreign(Path path, String label, String why) implements PlistFile {
    }

    /**
     * A job in OpenClaw's namespace ({@code ai.openclaw.*}) whose command runs no {@code gateway}
     * subcommand: OpenClaw's node host, a scheduled script, a daemon of the user's. Not a gateway, so
     * no gateway rule applies; {@code description} says what it is and when it runs.
     */
    record Helper(Path path, String label, String description) implements PlistFile {
    }

    /** An OpenClaw gateway job (ours, OpenClaw's own or a legacy one). */
    record Gateway(Instance instance) implements PlistFile {
        @Override
        public Path path() {
            return instance.plist();
        }
    }
}
