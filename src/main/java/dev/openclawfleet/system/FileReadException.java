package dev.openclawfleet.system;

/** A file that could not be read safely; the message is one line saying why (never the content). */
public final class FileReadException extends Exception {
    public FileReadException(String message) {
        super(message, null, false, false);
    }
}
