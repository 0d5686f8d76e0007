package dev.openclawfleet.model;

import java.time.Instant;

/**
 * One path as a host reader found it: its kind (following links), whether the path itself is a
 * symbolic link, permission bits (-1 unknown), owner uid and name ("you" for the reading user),
 * size, modification time, and the bytes asked for (the file's first bytes up to a cap, or its
 * last ones for a tail; null when not asked or not readable). {@code problem} says in one line why
 * the bytes could not be read ("permission denied", "it is a FIFO (named pipe), not a regular file;
 * not opened"); {@code parentMode} is the mode of the folder that could not be entered. The bytes
 * may hold secrets: they are never printed.
 */
public record FileFact(FileKind kind, boolean link, int mode, long uid, String owner, long size, Instant modified,
                       byte[] content, String problem, int parentMode) implements HostAnswer {
    public static final FileFact MISSING = new FileFact(FileKind.MISSING, false, -1, -1, null, 0, null, null, "it does not exist", -1);

    public FileFact {
        java.util.Objects.requireNonNull(kind, "kind");
    }

    /** Nothing at the path. */
    public static FileFact missing() {
        return MISSING;
    }

    /** A path behind a folder that cannot be entered (mode {@code parentMode}, -1 unknown). */
    public static FileFact inaccessible(int parentMode) {
        return new FileFact(FileKind.INACCESSIBLE, false, -1, -1, null, 0, null, null, "permission denied", parentMode);
    }

    /** A path the reader could not look at, for the reason given. */
    public static FileFact unknown(String problem) {
        return new FileFact(FileKind.UNKNOWN, false, -1, -1, null, 0, null, null, problem, -1);
    }

    public boolean regular() {
        return kind == FileKind.REGULAR;
    }

    public boolean directory() {
        return kind == FileKind.DIRECTORY;
    }

    /** Permission bits, owner, size and modification time as the rules see them; {@code currentUid} is the reading user's. */
    public FileFacts facts(long currentUid) {
        return new FileFacts(mode & 07777, owner == null ? (uid == currentUid ? "you" : "uid " + uid) : owner, uid == currentUid, size,
                modified == null ? 0 : modified.toEpochMilli());
    }

    /** The same fact without its bytes. */
    public FileFact withoutContent() {
        return content == null ? this : new FileFact(kind, link, mode, uid, owner, size, modified, null, problem, parentMode);
    }

    @Override
    public String toString() {
        return "FileFact[" + kind + (link ? ", link" : "") + ", mode=" + (mode < 0 ? "?" : String.format("%04o", mode)) + ", size=" + size
                + (content == null ? "" : ", " + content.length + " bytes read") + (problem == null ? "" : ", " + problem) + "]";
    }
}
