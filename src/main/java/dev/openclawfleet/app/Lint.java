package dev.openclawfleet.app;

import dev.openclawfleet.audit.Checker;
import dev.openclawfleet.audit.KeyPositions;
import dev.openclawfleet.audit.PlistClassifier;
import dev.openclawfleet.model.ExitCodes;
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
        PlistScanner.Scan scan = new PlistScanner(uid).scan(paths, recursive, PlistScanner::isPlistName);
        boolean empty = scan.reads().isEmpty() && scan.problems().isEmpty();
        if (empty && !allowEmpty) {
            throw new FleetException(ExitCodes.FINDINGS, nothingToLint(paths, recursive));
        }
        List<PlistFile> files = scan.reads().parallelStream().map(PlistClassifier::classify).toList();
        List<String> notes = empty ? List.of("no *.plist files found") : List.of();
        return Checker.report(files, KeyPositions.locate(Checker.lint(files), KeyPositions.of(scan.reads())), ignored, notes,
                scan.problems());
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
