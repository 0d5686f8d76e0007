package dev.openclawfleet.system;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/** Finds programs on a PATH string the way a shell does: the first executable regular file. */
public final class Executables {
    private Executables() {
    }

    public static Optional<Path> find(String name, String path) {
        if (path == null || name.contains("/")) {
            return Optional.empty();
        }
        for (String dir : path.split(":")) {
            if (dir.isEmpty()) {
                continue;
            }
            try {
                Path candidate = Path.of(dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate.toAbsolutePath());
                }
            } catch (InvalidPathException ignored) {
                // a garbage PATH entry is skipped, as shells do
            }
        }
        return Optional.empty();
    }
}
