package dev.openclawfleet.system;

import dev.openclawfleet.model.FleetException;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * The one way fleet makes a directory it owns inside the container root (the trash and each bin
 * in it, staging dirs, restore's unpacking dir, and {@code fleet fix}'s backup folder): a real
 * directory owned by the user, not a symbolic link, created with its final mode 0700, and never
 * chmod-ed through a link. Anything else found at the path is refused with one line (exit 3) that
 * names the path and what is wrong, before anything is put into it.
 *
 * <p>A symbolic link is refused even when it points at a directory the user owns: a {@code .trash}
 * link to {@code /tmp} would otherwise receive a removed instance's token and have its mode changed.
 */
public final class PrivateDirs {
    private static final int S_IFMT = 0170000;
    private static final int S_IFDIR = 0040000;
    private static final int MODE = 0700;

    private PrivateDirs() {
    }

    /**
     * {@code dir} as a private directory: created 0700 when missing; when it exists it must be a
     * real directory owned by {@code uid}, and a wider mode is tightened to 0700 without following
     * links. Its parent must exist.
     */
    public static Path require(Path dir, long uid) {
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(AtomicFiles.MODE_0700));
        } catch (FileAlreadyExistsException e) {
            // checked below, whatever it is
        } catch (IOException e) {
            throw refused(dir, "cannot create it: " + SafeFiles.ioReason(e));
        }
        return verify(dir, uid);
    }

    /**
     * Creates {@code dir}, which must not exist yet (not even as a dangling link), as a private
     * directory; refuses when something is already there.
     */
    public static Path createNew(Path dir, long uid) {
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(AtomicFiles.MODE_0700));
        } catch (FileAlreadyExistsException e) {
            throw refused(dir, "it already exists");
        } catch (IOException e) {
            throw refused(dir, "cannot create it: " + SafeFiles.ioReason(e));
        }
        return verify(dir, uid);
    }

    /**
     * A new private directory in {@code parent} (itself made private with {@link #require}) named
     * {@code name}, or {@code name-2}, {@code name-3}... when that is taken: for trash bins and
     * backup folders named by a timestamp that two quick runs may share.
     */
    public static Path createUnique(Path parent, String name, long uid) {
        require(parent, uid);
        for (int i = 1; i < 1000; i++) {
            Path dir = parent.resolve(i == 1 ? name : name + "-" + i);
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(AtomicFiles.MODE_0700));
                return verify(dir, uid);
            } catch (FileAlreadyExistsException e) {
                // taken: try the next suffix
            } catch (IOException e) {
                throw refused(dir, "cannot create it: " + SafeFiles.ioReason(e));
            }
        }
        throw refused(parent.resolve(name), "999 folders of that name already exist");
    }

    /**
     * Checks that {@code dir} is a real directory (not a link) owned by {@code uid} and makes its
     * mode exactly 0700: a umask that took owner bits away, or a wider mode the user set, is
     * corrected through a descriptor opened without following links.
     */
    public static Path verify(Path dir, long uid) {
        Map<String, Object> attrs;
        try {
            attrs = Files.readAttributes(dir, "unix:mode,uid", LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw refused(dir, "it does not exist");
        } catch (IOException | UnsupportedOperationException e) {
            throw refused(dir, "cannot read its attributes: " + (e instanceof IOException io ? SafeFiles.ioReason(io) : "unsupported"));
        }
        int mode = ((Number) attrs.get("mode")).intValue();
        long owner = ((Number) attrs.get("uid")).longValue();
        if ((mode & S_IFMT) != S_IFDIR) {
            throw refused(dir, "it is " + SafeFiles.kind(mode) + ", not a real directory");
        }
        if (owner != uid) {
            throw refused(dir, "it belongs to uid " + owner + ", not to you (uid " + uid + ")");
        }
        if ((mode & 07777) != MODE) {
            try {
                // NOFOLLOW_LINKS: the JDK opens the path with O_NOFOLLOW and uses fchmod, so a link
                // swapped in since the check above fails instead of having its target changed.
                Files.getFileAttributeView(dir, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                        .setPermissions(AtomicFiles.MODE_0700);
            } catch (IOException e) {
                throw refused(dir, "cannot set its mode to 0700: " + SafeFiles.ioReason(e));
            }
        }
        return dir;
    }

    private static FleetException refused(Path dir, String why) {
        return FleetException.operational(dir + " is refused: " + why + " (fleet keeps its own folders as real"
                + " directories, mode 0700, owned by you)");
    }
}
