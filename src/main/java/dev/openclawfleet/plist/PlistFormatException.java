package dev.openclawfleet.plist;

/** A plist that cannot be parsed; the message is one line and never quotes the input. */
public final class PlistFormatException extends Exception {
    public PlistFormatException(String message) {
        super(message, null, false, false);
    }
}
