package dev.openclawfleet.plist;

import dev.openclawfleet.model.FileFact;
import dev.openclawfleet.model.FileFacts;
import dev.openclawfleet.model.KeyLocator;
import dev.openclawfleet.model.PlistRead;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    /** A plist file's bytes as read, to be parsed with others by {@link #parsedAll}; {@code readAgain} as in {@link #parsed}. */
    public record Source(Path path, FileFacts facts, byte[] bytes, Supplier<byte[]> readAgain) {
    }

    /**
     * Each source parsed, in order, with the same outcome {@link #parsed} gives it alone (value, or
     * reason and position); large sets of XML plists are parsed many to one XML document.
     */
    public static List<PlistRead> parsedAll(List<Source> sources) {
        List<byte[]> bytes = new ArrayList<>(sources.size());
        for (Source s : sources) {
            bytes.add(s.bytes());
        }
        Object[] roots = PlistParser.parseAll(bytes);
        List<PlistRead> out = new ArrayList<>(sources.size());
        for (int i = 0; i < roots.length; i++) {
            Source s = sources.get(i);
            if (roots[i] instanceof PlistFormatException e) {
                out.add(new PlistRead.Failed(s.path(), e.getMessage(), e.position()));
            } else {
                out.add(new PlistRead.Parsed(s.path(), s.facts(), roots[i], locator(s.bytes(), s.readAgain())));
            }
        }
        return out;
    }

    private static KeyLocator locator(byte[] bytes, Supplier<byte[]> readAgain) {
        return readAgain == null ? XmlKeyLocator.of(bytes) : XmlKeyLocator.of(bytes, readAgain);
    }

    /** The bytes of a file read with these facts, parsed; {@code readAgain} as above (null: the locator keeps the bytes). */
    public static PlistRead parsed(Path path, FileFacts facts, byte[] bytes, Supplier<byte[]> readAgain) {
        try {
            Object root = PlistParser.parse(bytes);
            return new PlistRead.Parsed(path, facts, root, locator(bytes, readAgain));
        } catch (PlistFormatException e) {
            return new PlistRead.Failed(path, e.getMessage(), e.position());
        }
    }
}
