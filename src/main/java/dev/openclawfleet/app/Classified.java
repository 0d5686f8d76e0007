package dev.openclawfleet.app;

import dev.openclawfleet.audit.KeyPositions;
import dev.openclawfleet.audit.PlistClassifier;
import dev.openclawfleet.model.KeyLocator;
import dev.openclawfleet.model.PlistFile;
import dev.openclawfleet.model.PlistRead;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One plist as kept after reading it: classified as soon as it is parsed (the parsed tree of each
 * of 10,000 files is not kept), the locator that puts its findings on their key's line, and the
 * path findings name the file with (made on the thread that parsed it, not later on one thread).
 */
record Classified(PlistFile file, KeyLocator locator, String name) {

    static Classified of(PlistRead read) {
        PlistFile file = PlistClassifier.classify(read);
        return new Classified(file, KeyPositions.of(read), file.path().toString());
    }

    static List<PlistFile> files(List<Classified> items, Predicate<PlistFile> keep) {
        return items.stream().map(Classified::file).filter(keep).toList();
    }

    /** The locators of the kept files, by the path findings name the file with. */
    static Map<String, KeyLocator> locators(List<Classified> items, Predicate<PlistFile> keep) {
        Map<String, KeyLocator> out = new HashMap<>();
        for (Classified item : items) {
            if (item.locator() != null && keep.test(item.file())) {
                out.put(item.name(), item.locator());
            }
        }
        return out;
    }
}
