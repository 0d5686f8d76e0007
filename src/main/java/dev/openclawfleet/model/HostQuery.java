package dev.openclawfleet.model;

import java.nio.file.Path;
import java.util.List;

/**
 * One question the audit asks about a host, answered alike by the local reader and by the SSH
 * collector. Every answer is bounded by the query: bytes by its cap, entries by the reader's limit.
 */
public sealed interface HostQuery permits HostQuery.ListDir, HostQuery.ReadFile, HostQuery.TailFile, HostQuery.Run {

    /**
     * The entries of {@code dir} whose names match one of {@code globs} ({@code *} matches any run of
     * characters; a leading dot must be matched by a leading dot); with {@code readMax} > 0 each
     * regular entry's first bytes up to that cap; with {@code select} only entries that may be
     * OpenClaw's ({@link OpenClawNames#mayConcern}). With {@code plists}, a reader that can read a
     * file again later may answer each entry with its parsed plist ({@link DirListing.Entry#read})
     * instead of its bytes: then 10,000 plists' bytes are never held at once, and a finding's line is
     * found by reading its file again.
     */
    record ListDir(Path dir, List<String> globs, int readMax, boolean select, boolean plists) implements HostQuery {
        public ListDir {
            globs = List.copyOf(globs);
        }

        public ListDir(Path dir, List<String> globs, int readMax, boolean select) {
            this(dir, globs, readMax, select, false);
        }
    }

    /** A path's fact and, with {@code max} > 0, its first bytes up to {@code max}. */
    record ReadFile(Path path, int max) implements HostQuery {
    }

    /** A file's fact and its last {@code max} bytes. */
    record TailFile(Path path, int max) implements HostQuery {
    }

    /** One run of a program the live audit uses (launchctl, lsof, ps) with these arguments. */
    record Run(List<String> argv) implements HostQuery {
        public Run {
            argv = List.copyOf(argv);
        }

        public static Run of(String... argv) {
            return new Run(List.of(argv));
        }

        public String program() {
            return argv.get(0);
        }
    }
}
