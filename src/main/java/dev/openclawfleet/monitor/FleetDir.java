package dev.openclawfleet.monitor;

import dev.openclawfleet.model.FleetException;
import dev.openclawfleet.system.PrivateDirs;

import java.nio.file.Files;
import java.nio.file.Path;

/** The monitor's folders inside the container root ({@code .fleet}, {@code .trash}), made through {@link PrivateDirs}. */
public final class FleetDir {
    private FleetDir() {
    }

    /** {@code <root>/<name>} as a real 0700 directory of {@code uid}: created, or checked (and tightened) when it exists. */
    public static Path ensure(Path root, String name, long uid) {
        if (!Files.isDirectory(root)) {
            throw FleetException.operational("the container root " + root + " does not exist (use --root)");
        }
        return PrivateDirs.require(root.resolve(name), uid);
    }
}
