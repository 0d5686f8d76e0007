package dev.openclawfleet.system;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The folder a command keeps what it changed in ({@code <root>/.trash/fix-<timestamp>/}): every file
 * is copied there under its absolute path before it is changed, and every file or folder it removes
 * is moved there, so any change can be undone by hand. The folder and the folders inside it are
 * private (0700); copies keep the original's mode and time; the first copy of a file is never
 * replaced, so a rerun after a crash keeps the original, not a half-changed version.
 */
public final class BackupDir {
    private final Path dir;
    private final long uid;

    private BackupDir(Path dir, long uid) {
        this.dir = dir;
        this.uid = uid;
    }

    /** A new folder {@code name} (or {@code name-2}...) in {@code parent}, which is made private too. */
    public static BackupDir create(Path parent, String name, long uid) {
        return new BackupDir(PrivateDirs.createUnique(parent, name, uid), uid);
    }

    /** A folder made earlier (a rerun reuses the folder of the run it finishes). */
    public static BackupDir existing(Path dir, long uid) {
        return new BackupDir(PrivateDirs.verify(dir, uid), uid);
    }

    public Path dir() {
        return dir;
    }

    /** Where {@code original} is (or would be) kept in this folder: its absolute path under the folder. */
    public Path where(Path original) {
        return where(dir, original);
    }

    /** The same, for a folder not made yet (a plan prints where things will go). */
    public static Path where(Path dir, Path original) {
        Path absolute = original.toAbsolutePath().normalize();
        return dir.resolve(absolute.getRoot().relativize(absolute).toString());
    }

    /**
     * Copies a file (a link as the link) into the folder, unless a copy is already there. The copy is
     * made under a temporary name and renamed into place, so it is whole or absent. Returns the copy.
     */
    public Path save(Path file) throws IOException {
        Path target = where(file);
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return target;
        }
        parents(target.getParent());
        Path tmp = target.resolveSibling("." + target.getFileName() + ".partial");
        Files.deleteIfExists(tmp);
        Files.copy(file, tmp, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            Files.deleteIfExists(tmp);
        }
        return target;
    }

    /**
     * Moves a file, a link (the link itself) or a folder into this folder under its absolute path;
     * when the path already holds something from an earlier move, a {@code .2}, {@code .3}... suffix
     * keeps both. Returns where it went.
     */
    public Path take(Path path) throws IOException {
        Path target = where(path);
        parents(target.getParent());
        for (int i = 2; Files.exists(target, LinkOption.NOFOLLOW_LINKS); i++) {
            target = where(path).resolveSibling(where(path).getFileName() + "." + i);
        }
        try {
            Files.move(path, target, StandardCopyOption.ATOMIC_MOVE, LinkOption.NOFOLLOW_LINKS);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException(path + " is on another volume than " + dir + ": not moved (fleet moves within one volume only)");
        }
        return target;
    }

    /** Creates the folders down to {@code parent}, each private (0700), never through a link. */
    private void parents(Path parent) throws IOException {
        if (parent.equals(dir) || Files.isDirectory(parent, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        parents(parent.getParent());
        try {
            Files.createDirectory(parent, PosixFilePermissions.asFileAttribute(AtomicFiles.MODE_0700));
        } catch (FileAlreadyExistsException e) {
            // made by an earlier run; checked below
        }
        PrivateDirs.verify(parent, uid);
    }
}
