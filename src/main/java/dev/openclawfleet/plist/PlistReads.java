package dev.openclawfleet.plist;

import dev.openclawfleet.model.FileFact;
import dev.openclawfleet.model.PlistRead;

import java.nio.file.Path;

/** Turns a plist file as a host reader found it into a parsed plist, or the one-line reason it is not one. */
public final class PlistReads {
    private PlistReads() {
    }

    /** The same outcome the plist scanner gives for a file on this Mac; {@code currentUid} is the reading user's. */
    public static PlistRead of(Path path, FileFact fact, long currentUid) {
        if (fact.content() == null) {
            return new PlistRead.Failed(path, fact.problem() == null ? "it could not be read" : fact.problem());
        }
        try {
            return new PlistRead.Parsed(path, fact.facts(currentUid), PlistParser.parse(fact.content()), XmlKeyLocator.of(fact.content()));
        } catch (PlistFormatException e) {
            return new PlistRead.Failed(path, e.getMessage(), e.position());
        }
    }
}
