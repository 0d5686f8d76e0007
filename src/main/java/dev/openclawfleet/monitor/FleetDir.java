package dev.openclawfleet.monitor;

import dev.openclawfleet.model.FleetException;
import dev.openclawfleet.system.AtomicFiles;
import dev.openclawfleet.system.SafeFiles;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * Fleet's own folders inside the container root ({@code .fleet} for the monitor's logs and state,
 * {@code .trash}): real directories owned by the user, mode 0700, never reached through a link.
 * A folder that is a link, not a folder or someone else's is refused, never followed or changed.
 */
public final class FleetDir {
    /** The monitor's folder: logs and the health state the notifications compare against. */
    public static final String NAME = ".fleet";

    private FleetDir() {
    }

    /** {@code <root>/<name>} as a real 0700 directory of {@code uid}: created, or checked (and tightened) when it exists. */
    public static Path ensure(Path root, String name, long uid) {
        if (!Files.isDirectory(root)) {
            throw FleetException.operational("the container root " + root + " does not exist (use --root)");
        }
        Path dir = root.resolve(name);
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(AtomicFiles.MODE_0700));
            return dir;
        } catch (FileAlreadyExistsException e) {
            return check(dir, uid);
        } catch (IOException e) {
            throw FleetException.operational("cannot create " + dir + ": " + SafeFiles.ioReason(e));
        }
    }

    /** An existing {@code dir}, checked without following links; group or other bits are removed. */
    static Path check(Path dir, long uid) {
        Map<String, Object> attrs;
        try {
            if (Files.isSymbolicLink(dir)) {
                throw FleetException.operational(dir + " is a symbolic link; fleet keeps its files only in a real folder:"
                        + " move the link away and run again");
            }
            attrs = Files.readAttributes(dir, "unix:mode,uid", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw FleetException.operational("cannot read " + dir + ": " + SafeFiles.ioReason(e));
        }
        int mode = ((Number) attrs.get("mode")).intValue();
        if ((mode & 0170000) != 0040000) {
            throw FleetException.operational(dir + " is not a folder; move it away and run again");
        }
        if (((Number) attrs.get("uid")).longValue() != uid) {
            throw FleetException.operational(dir + " belongs to another user; fleet does not write into it");
        }
        if ((mode & 077) != 0) {
            try {
                Files.setPosixFilePermissions(dir, AtomicFiles.MODE_0700);
            } catch (IOException e) {
                throw FleetException.operational("cannot chmod 700 " + dir + ": " + SafeFiles.ioReason(e));
            }
        }
        return dir;
    }
}
