package dev.openclawfleet.provision;

import dev.openclawfleet.model.FleetException;
import dev.openclawfleet.system.AtomicFiles;
import dev.openclawfleet.system.BackupDir;
import dev.openclawfleet.system.FileReadException;
import dev.openclawfleet.system.SafeFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * A planned change of one file: what it held when the change was planned ({@code before}, null for
 * a new file), what it will hold, its mode, and what changes in words ({@code what}, never a
 * secret). {@code after} may hold a token: it stays in memory and goes only into the file.
 * {@code commentsLost} says that the file's JSON5 comments could not be kept.
 */
public record FileChange(Path path, byte[] before, byte[] after, Set<PosixFilePermission> mode, List<String> what,
                         boolean commentsLost) {
    /** Files fleet reads for a change: a plist, a config or an env file, never larger than this. */
    public static final int MAX_BYTES = 1 << 20;

    public FileChange {
        what = List.copyOf(what);
        mode = Set.copyOf(mode);
    }

    public String octal() {
        return PosixFilePermissions.toString(mode).equals("rw-r--r--") ? "0644" : PosixFilePermissions.toString(mode).equals("rw-------")
                ? "0600" : PosixFilePermissions.toString(mode);
    }

    /** The file's bytes now, or null when it does not exist; a link or a special file is refused. */
    public static byte[] current(Path path) {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        if (Files.isSymbolicLink(path)) {
            throw FleetException.operational(path + " is a symbolic link: fleet does not write through links (change what it points"
                    + " at by hand); nothing more was changed");
        }
        try {
            return SafeFiles.readRegular(path, MAX_BYTES);
        } catch (FileReadException e) {
            throw FleetException.operational(path + ": " + e.getMessage() + "; nothing more was changed");
        }
    }

    /**
     * Makes the change: nothing when the file already holds {@code after} (a rerun after a crash);
     * refused when it no longer holds {@code before} (someone changed it since the plan); else the
     * file is copied into {@code backups} (when given) and written atomically with its mode.
     * Returns false when there was nothing to do.
     */
    public boolean apply(BackupDir backups) {
        byte[] now = current(path);
        if (now != null && Arrays.equals(now, after)) {
            return false;
        }
        if (!Arrays.equals(now, before)) {
            throw FleetException.operational(path + " changed since the plan was made (by you or another program); it was left as"
                    + " it is and nothing more was changed: run the command again to plan from what is there now");
        }
        try {
            if (now != null && backups != null) {
                backups.save(path);
            }
            AtomicFiles.write(path, after, mode, true);
            return true;
        } catch (IOException e) {
            throw FleetException.operational(path + ": cannot write it: " + SafeFiles.ioReason(e) + "; nothing more was changed");
        }
    }

    /** The same change planned on top of this one (two fixes of one file become one write). */
    public FileChange then(byte[] next, List<String> moreWhat, boolean moreCommentsLost) {
        List<String> all = new java.util.ArrayList<>(what);
        moreWhat.stream().filter(w -> !all.contains(w)).forEach(all::add);
        return new FileChange(path, before, next, mode, all, commentsLost || moreCommentsLost);
    }

    public static Set<PosixFilePermission> mode(String rwx) {
        return PosixFilePermissions.fromString(rwx);
    }
}
