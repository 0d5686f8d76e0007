package dev.openclawfleet.cli;

import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the JVM says about where it runs: whether stdout is a terminal, and whether the launcher's start-up cache was used. */
final class Terminal {
    private Terminal() {
    }

    /**
     * True when stdin and stdout are a terminal. Java 22 to 24 give a Console even when output is
     * redirected (their default console is JLine's, until Java 25 went back to java.base's); there
     * Console.isTerminal() tells, which Java 17 does not have, hence the reflection, which costs a
     * few milliseconds and is left out where it is not needed.
     */
    static boolean isTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        int feature = Runtime.version().feature();
        if (feature < 22 || feature >= 25 && !"jdk.internal.le".equals(System.getProperty("jdk.console"))) {
            return true;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException e) {
            return true; // Java 17-21: a console exists only on a terminal
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

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
