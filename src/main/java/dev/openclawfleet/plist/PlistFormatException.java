package dev.openclawfleet.plist;

import dev.openclawfleet.model.Position;

/**
 * A plist that cannot be parsed; the message is one line and never quotes the input. For XML
 * that is not well-formed, {@code position} is where the XML parser stopped (null otherwise).
 */
public final class PlistFormatException extends Exception {
    private final transient Position position;

    public PlistFormatException(String message) {
        this(message, null);
    }

    public PlistFormatException(String message, Position position) {
        super(message, null, false, false);
        this.position = position;
    }

    public Position position() {
        return position;
    }
}
