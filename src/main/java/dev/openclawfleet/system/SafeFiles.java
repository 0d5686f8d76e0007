package dev.openclawfleet.system;

import dev.openclawfleet.model.FileFacts;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.Map;

/**
 * Reads files that may be hostile: only regular files are opened (a FIFO would block the open,
 * a device could be endless), symbolic links are followed but dangling links and loops are
 * reported, and no more than a size cap is read.
 */
public final class SafeFiles {
    private static final int S_IFMT = 0170000;
    private static final int S_IFREG = 0100000;

    private SafeFiles() {
    }

    /** A file's bytes with its facts. */
    public record Contents(byte[] bytes, FileFacts facts) {
    }

    /** Bytes and facts of a regular file, from one look at its attributes. */
    public static Contents read(Path path, int maxBytes, long currentUid) throws FileReadException {
        Map<String, Object> attrs = regularFileAttributes(path);
        return new Contents(readBytes(path, attrs, maxBytes), facts(attrs, currentUid, path));
    }

    /**
     * The bytes of a file that its attributes {@code attrs}, just read without following links, show
     * to be a regular file (not a link): read without asking for them again.
     */
    static byte[] readRegular(Path path, Map<String, Object> attrs, int maxBytes) throws FileReadException {
        return readBytes(path, attrs, maxBytes);
    }

    /** The file's bytes, or why they cannot be read. The file is opened only once it is known to be regular. */
    public static byte[] readRegular(Path path, int maxBytes) throws FileReadException {
        return readBytes(path, regularFileAttributes(path), maxBytes);
    }

    private static byte[] readBytes(Path path, Map<String, Object> attrs, int maxBytes) throws FileReadException {
        long size = ((Number) attrs.get("size")).longValue();
        if (size > maxBytes) {
            throw new FileReadException(tooLarge(size, maxBytes));
        }
        try (InputStream in = Files.newInputStream(path)) {
            byte[] bytes = in.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw new FileReadException(grew(maxBytes));
            }
            return bytes;
        } catch (AccessDeniedException e) {
            throw new FileReadException("permission denied");
        } catch (IOException e) {
            throw new FileReadException(ioReason(e));
        }
    }

    /**
     * The bytes of a file read before, read again: null unless it is still (a link to) a regular file
     * of exactly {@code length} bytes that can be read. One stat without the unix attribute map (no
     * mode, no owner: the caller compares the bytes with those it read), and no more than
     * {@code length + 1} bytes are read.
     */
    public static byte[] readAgain(Path path, int length) {
        try {
            BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class);
            if (!attrs.isRegularFile() || attrs.size() != length) {
                return null;
            }
            try (InputStream in = Files.newInputStream(path)) {
                byte[] bytes = in.readNBytes(length + 1);
                return bytes.length == length ? bytes : null;
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Checks that {@code path} is (a link to) a regular file, without opening it; the reason when it is not. */
    public static void requireRegular(Path path) throws FileReadException {
        regularFileAttributes(path);
    }

    /** Permission bits, owner and size of a regular file (following links), for the rules. */
    public static FileFacts facts(Path path, long currentUid) throws FileReadException {
        return facts(regularFileAttributes(path), currentUid, path);
    }

    private static FileFacts facts(Map<String, Object> attrs, long currentUid, Path path) {
        int mode = ((Number) attrs.get("mode")).intValue();
        long uid = ((Number) attrs.get("uid")).longValue();
        String ownerName = uid == currentUid ? "you" : ownerName(path, uid);
        Object modified = attrs.get("lastModifiedTime");
        long millis = modified instanceof java.nio.file.attribute.FileTime time ? time.toMillis() : 0;
        return new FileFacts(mode & 07777, ownerName, uid == currentUid, ((Number) attrs.get("size")).longValue(), millis);
    }

    /** "you" for a file the current user owns, else the owner's name (or "uid N"). */
    static String owner(Path path, long uid, long currentUid) {
        return uid == currentUid ? "you" : ownerName(path, uid);
    }

    /** The owner's user name, looked up only for the rare file someone else owns. */
    private static String ownerName(Path path, long uid) {
        try {
            return Files.getOwner(path).getName();
        } catch (IOException | UnsupportedOperationException e) {
            return "uid " + uid;
        }
    }

    /** Mode, uid and size of {@code path}, which must be (a link to) a regular file. */
    private static Map<String, Object> regularFileAttributes(Path path) throws FileReadException {
        Map<String, Object> attrs;
        try {
            attrs = Files.readAttributes(path, "unix:mode,uid,size,lastModifiedTime"); // no owner name: a user lookup per file is slow
        } catch (NoSuchFileException e) {
            throw new FileReadException(Files.isSymbolicLink(path) ? "it is a symbolic link to a file that does not exist"
                    : "it does not exist");
        } catch (FileSystemException e) {
            throw new FileReadException(ioReason(e));
        } catch (IOException | UnsupportedOperationException e) {
            throw new FileReadException("cannot read its attributes: " + e.getMessage());
        }
        int mode = ((Number) attrs.get("mode")).intValue();
        if ((mode & S_IFMT) != S_IFREG) {
            throw new FileReadException(notRegular(mode));
        }
        return attrs;
    }

    /** Permission bits of an existing directory (following links), or -1 when it is missing. */
    public static int directoryMode(Path dir) {
        try {
            PosixFileAttributes a = Files.readAttributes(dir, PosixFileAttributes.class);
            return a.isDirectory() ? ((Number) Files.getAttribute(dir, "unix:mode")).intValue() & 07777 : -2;
        } catch (IOException | UnsupportedOperationException e) {
            return -1;
        }
    }

    /** "it is 1.2 MiB, over the 1.0 MiB limit; not read". */
    public static String tooLarge(long size, long maxBytes) {
        return "it is " + humanSize(size) + ", over the " + humanSize(maxBytes) + " limit; not read";
    }

    /** "it grew past the 1.0 MiB limit while being read; not read". */
    public static String grew(long maxBytes) {
        return "it grew past the " + humanSize(maxBytes) + " limit while being read; not read";
    }

    /** "it is a FIFO (named pipe), not a regular file; not opened", for the file type bits of {@code mode}. */
    public static String notRegular(int mode) {
        return "it is " + kind(mode) + ", not a regular file; not opened";
    }

    /** The kind of file the type bits of {@code mode} name, in words ("a directory", "a FIFO (named pipe)"). */
    public static String kind(int mode) {
        return switch (mode & S_IFMT) {
            case 0040000 -> "a directory";
            case 0010000 -> "a FIFO (named pipe)";
            case 0020000 -> "a character device";
            case 0060000 -> "a block device";
            case 0140000 -> "a socket";
            case 0120000 -> "a symbolic link";
            case 0100000 -> "a regular file";
            default -> "not a regular file";
        };
    }

    /** One line for an I/O failure: symbolic link loops and permission problems in plain words. */
    public static String ioReason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException missing) {
            return missing.getFile() == null ? "it does not exist" : missing.getFile() + " does not exist";
        }
        String reason = e instanceof FileSystemException fse ? fse.getReason() : e.getMessage();
        if (reason != null && reason.contains("Too many levels of symbolic links")) {
            return "it is a symbolic link loop";
        }
        return reason == null ? e.getClass().getSimpleName() : dev.openclawfleet.model.Text.printable(reason, 160);
    }

    public static String humanSize(long bytes) {
        if (bytes >= 1 << 20) {
            return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (double) (1 << 20));
        }
        if (bytes >= 1 << 10) {
            return String.format(java.util.Locale.ROOT, "%.1f KiB", bytes / (double) (1 << 10));
        }
        return bytes + " bytes";
    }
}
