package dev.openclawfleet.app;

import dev.openclawfleet.audit.Checker;
import dev.openclawfleet.audit.KeyPositions;
import dev.openclawfleet.model.ExitCodes;
import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.FleetException;
import dev.openclawfleet.model.PlistFile;
import dev.openclawfleet.model.Report;
import dev.openclawfleet.model.Text;
import dev.openclawfleet.system.PlistScanner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** `fleet lint`: read the named plists and run the per-plist and across-plist rules. Reads nothing else. */
public final class Lint {
    private Lint() {
    }

    /** Lints, and fails (exit 1) when the paths hold no plist at all: an empty or mistyped folder must not pass CI. */
    public static Report run(List<Path> paths, boolean recursive, Set<String> ignored, long uid) {
        return run(paths, recursive, ignored, uid, false);
    }

    /**
     * Lints; with {@code allowEmpty}, paths without any plist give an empty report (exit 0) instead
     * of a failure. A path that does not exist is an operational problem either way (exit 3).
     */
    public static Report run(List<Path> paths, boolean recursive, Set<String> ignored, long uid, boolean allowEmpty) {
        // Classified as each file is parsed: only what the rules need of 10,000 plists stays in memory.
        PlistScanner.Mapped<Classified> scan = new PlistScanner(uid).scan(paths, recursive, PlistScanner::isPlistName,
                Classified::of);
        boolean empty = scan.items().isEmpty() && scan.problems().isEmpty();
        if (empty && !allowEmpty) {
            throw new FleetException(ExitCodes.FINDINGS, nothingToLint(paths, recursive));
        }
        List<PlistFile> files = Classified.files(scan.items(), file -> true);
        List<String> notes = empty ? List.of("no *.plist files found") : List.of();
        List<Finding> findings = KeyPositions.locate(Checker.lint(files), Classified.locators(scan.items(), file -> true));
        return Checker.report(files, findings, ignored, notes, scan.problems());
    }

    /** "no *.plist files in deploy/: nothing was linted (...)", with a hint when --recursive would have found some. */
    static String nothingToLint(List<Path> paths, boolean recursive) {
        String where = paths.stream().map(p -> Text.printable(p.toString(), 200)).collect(Collectors.joining(" or "));
        String hint = !recursive && paths.stream().anyMatch(Lint::hasSubdirectory)
                ? "; --recursive also looks in subdirectories" : "";
        return "no *.plist files in " + where + ": nothing was linted (pass --allow-empty if an empty folder is expected" + hint + ")";
    }

    private static boolean hasSubdirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.anyMatch(Files::isDirectory);
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }
}
