package dev.openclawfleet.audit;

import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.KeyLocator;
import dev.openclawfleet.model.KeyPath;
import dev.openclawfleet.model.PlistRead;
import dev.openclawfleet.model.Position;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Puts findings about a plist on the line of the key they name, or of the Label when they name
 * none, with the locator the reader supplied for that file. Pure: the locators were made by the reader.
 */
public final class KeyPositions {
    private KeyPositions() {
    }

    /** Each finding with its position, where its file has a locator that knows it; the others unchanged. */
    public static List<Finding> locate(List<Finding> findings, Map<String, KeyLocator> locators) {
        if (locators.isEmpty()) {
            return findings;
        }
        // Each position reads and scans its file again (nothing is kept per file): spread many over the cores.
        return (findings.size() < 64 ? findings.stream() : findings.parallelStream()).map(f -> locate(f, locators)).toList();
    }

    static Finding locate(Finding finding, Map<String, KeyLocator> locators) {
        if (finding.position() != null || finding.path() == null) {
            return finding;
        }
        KeyLocator locator = locators.get(finding.path());
        if (locator == null) {
            return finding;
        }
        return locator.locate(finding.key() == null ? KeyPath.LABEL : finding.key()).map(finding::at).orElse(finding);
    }

    /** The locator of every parsed plist, by the path findings name the file with. */
    public static Map<String, KeyLocator> of(List<PlistRead> reads) {
        Map<String, KeyLocator> out = new HashMap<>();
        for (PlistRead read : reads) {
            KeyLocator locator = of(read);
            if (locator != null) {
                out.put(read.path().toString(), locator);
            }
        }
        return out;
    }

    /** The locator of one read file; null when its findings stay on line 1 (binary plists, unreadable files). */
    public static KeyLocator of(PlistRead read) {
        if (read instanceof PlistRead.Parsed parsed && parsed.locator() != KeyLocator.NONE) {
            return parsed.locator();
        }
        if (read instanceof PlistRead.Failed failed && failed.at() != null) {
            Position at = failed.at(); // every finding about a broken file goes where the parser stopped
            return path -> Optional.of(at);
        }
        return null;
    }
}
