package dev.openclawfleet.plist;

import dev.openclawfleet.model.FileFact;
import dev.openclawfleet.model.FileFacts;
import dev.openclawfleet.model.PlistRead;

import java.nio.file.Path;
import java.util.function.Supplier;

/** Turns a plist file as a host reader found it into a parsed plist, or the one-line reason it is not one. */
public final class PlistReads {
    private PlistReads() {
    }

    /** The same outcome the plist scanner gives for a file on this Mac; {@code currentUid} is the reading user's. */
    public static PlistRead of(Path path, FileFact fact, long currentUid) {
        return of(path, fact, currentUid, null);
    }

    /**
     * The same, for a reader that can read the file again ({@code readAgain}, null when it cannot): the
     * result then keeps no bytes, and a finding's position is found by reading the file again (only
     * when it is unchanged: same length and checksum).
     */
    public static PlistRead of(Path path, FileFact fact, long currentUid, Supplier<byte[]> readAgain) {
        if (fact.content() == null) {
            return new PlistRead.Failed(path, fact.problem() == null ? "it could not be read" : fact.problem());
        }
        return parsed(path, fact.facts(currentUid), fact.content(), readAgain);
    }

    /** The bytes of a file read with these facts, parsed; {@code readAgain} as above (null: the locator keeps the bytes). */
    public static PlistRead parsed(Path path, FileFacts facts, byte[] bytes, Supplier<byte[]> readAgain) {
        try {
            Object root = PlistParser.parse(bytes);
            return new PlistRead.Parsed(path, facts, root, readAgain == null ? XmlKeyLocator.of(bytes) : XmlKeyLocator.of(bytes, readAgain));
        } catch (PlistFormatException e) {
            return new PlistRead.Failed(path, e.getMessage(), e.position());
        }
    }
}
