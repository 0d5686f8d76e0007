package dev.openclawfleet.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where fleet runs: whether stdout is a terminal, and whether the JVM used the launcher's start-up cache. */
final class Terminal {
    private Terminal() {
    }

    /**
     * True when standard output is a terminal: {@code /dev/stdout} is a character device other than
     * {@code /dev/null}. Not System.console(): on Java 25 its first call costs as much as the whole
     * JVM start-up (a service lookup over the module graph), and Java 22-24 return a Console even
     * when the output goes to a pipe.
     */
    static boolean isTerminal() {
        try {
            Path stdout = Path.of("/dev/stdout");
            int mode = (Integer) Files.getAttribute(stdout, "unix:mode");
            return (mode & S_IFMT) == S_IFCHR && !Files.isSameFile(stdout, Path.of("/dev/null"));
        } catch (IOException | RuntimeException e) {
            return false; // no /dev/stdout (not a Unix), or it cannot be read: no colour, no progress line
        }
    }

    private static final int S_IFMT = 0170000;
    private static final int S_IFCHR = 0020000;

    /**
     * The launchers pass -Dfleet.cache.unused=FILE with their start-up cache. Under -Xshare:auto the
     * JVM drops an archive it cannot use without a word, and java.vm.info then lacks "sharing":
     * leave FILE so that the next run makes the cache again, and say so once.
     */
    static void checkStartupCache(PrintStream err) {
        String marker = System.getProperty("fleet.cache.unused");
        if (marker == null || System.getProperty("java.vm.info", "").contains("sharing")) {
            return;
        }
        try {
            Files.writeString(Path.of(marker), "the JVM did not map this cache; the launcher makes it again\n");
            err.println("fleet: the JVM did not use the start-up cache; the next run makes it again");
        } catch (IOException | RuntimeException e) {
            // the cache folder went away or is read-only: the launcher copes with that itself
        }
    }
}
