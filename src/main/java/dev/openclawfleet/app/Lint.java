package dev.openclawfleet.app;

import dev.openclawfleet.audit.Checker;
import dev.openclawfleet.audit.PlistClassifier;
import dev.openclawfleet.model.PlistFile;
import dev.openclawfleet.model.Report;
import dev.openclawfleet.system.PlistScanner;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** `fleet lint`: read the named plists and run the per-plist and across-plist rules. Reads nothing else. */
public final class Lint {
    private Lint() {
    }

    public static Report run(List<Path> paths, boolean recursive, Set<String> ignored, long uid) {
        // Classified as each file is parsed: only what the rules need of 10,000 plists stays in memory.
        PlistScanner.Mapped<PlistFile> scan = new PlistScanner(uid).scan(paths, recursive, PlistScanner::isPlistName,
                PlistClassifier::classify);
        List<PlistFile> files = scan.items();
        List<String> notes = files.isEmpty() && scan.problems().isEmpty() ? List.of("no *.plist files found") : List.of();
        return Checker.report(files, Checker.lint(files), ignored, notes, scan.problems());
    }
}
