package dev.openclawfleet.system;

import dev.openclawfleet.model.FleetException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * tar.gz archives of instance files. Writing keeps names relative, follows a top-level link to
 * what the user means (a state dir that is a symbolic link is archived through it) and never
 * replaces an existing file. Reading goes through {@link TarReader}: only files and folders, no
 * name that escapes the target, and caps on total size, entry count and expansion ratio, so a
 * hostile archive can neither write outside where it is unpacked nor fill the disk.
 */
public final class TarGz {
    private TarGz() {
    }

    /**
     * What unpacking may cost: total bytes of file data, number of entries, and how many times its
     * compressed size the data may be once more than {@code ratioFloor} bytes were unpacked (ratio
     * 0: no ratio check). Below the floor, text that compresses well is harmless.
     */
    public record Limits(long maxBytes, int maxEntries, int maxRatio, long ratioFloor) {
        /** A state dir is config, sessions, a workspace and logs: 2 GiB, 100,000 entries, 200:1 past 64 MiB are generous. */
        public static final Limits DEFAULT = new Limits(2L << 30, 100_000, 200, 64L << 20);
    }

    /** One thing to archive: a file or a whole directory tree, under a name inside the archive, minus what {@code skip} rejects. */
    public record Source(String name, Path path, Predicate<Path> skip) {
        public Source(String name, Path path) {
            this(name, path, p -> false);
        }
    }

    /** One entry as written: name (folders end with '/'), and size of a file's data. */
    public record Written(String name, boolean directory, long size) {
    }

    /**
     * Writes the archive to {@code target} (mode 0600, since state dirs hold tokens), which must not
     * exist: the finished file is linked into place, which fails atomically when something is
     * already there. Returns the entries written, in order, for {@link #verify}.
     */
    public static List<Written> write(Path target, List<Source> sources) throws IOException {
        Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), "." + target.getFileName() + ".", ".tmp",
                PosixFilePermissions.asFileAttribute(AtomicFiles.MODE_0600));
        List<Written> written = new ArrayList<>();
        try {
            try (OutputStream file = Files.newOutputStream(tmp);
                 GzipCompressorOutputStream gzip = new GzipCompressorOutputStream(file);
                 TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip)) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                for (Source s : sources) {
                    add(tar, s.name(), s.path(), s.skip(), written);
                }
            }
            try (var channel = java.nio.channels.FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            try {
                Files.createLink(target, tmp);
            } catch (UnsupportedOperationException e) {
                Files.move(tmp, target); // no hard links here: move without replacing
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        return written;
    }

    private static void add(TarArchiveOutputStream tar, String name, Path path, Predicate<Path> skip, List<Written> written)
            throws IOException {
        if (Files.isRegularFile(path)) { // following a top-level link: the file the user means
            entry(tar, name, path, written);
            return;
        }
        if (!Files.isDirectory(path)) {
            throw new NoSuchFileException(path.toString(), null, "it is neither a file nor a folder");
        }
        Path start = Files.isSymbolicLink(path) ? path.toRealPath() : path; // a linked state dir: archive what it points at
        Files.walkFileTree(start, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(start) && skip.test(start.relativize(dir))) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                entry(tar, name + (dir.equals(start) ? "" : "/" + start.relativize(dir)) + "/", dir, written);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile() && !skip.test(start.relativize(file))) {
                    entry(tar, name + "/" + start.relativize(file), file, written); // sockets, FIFOs and links are not state worth keeping
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void entry(TarArchiveOutputStream tar, String name, Path path, List<Written> written) throws IOException {
        // Built by hand rather than from the File: no creation-time pax headers that GNU tar warns about.
        boolean directory = name.endsWith("/");
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setMode((directory ? 040000 : 0100000) | mode(path));
        e.setModTime(Files.getLastModifiedTime(path));
        if (!directory) {
            e.setSize(Files.size(path));
        }
        e.setUserId(0);
        e.setGroupId(0);
        e.setUserName("");
        e.setGroupName("");
        tar.putArchiveEntry(e);
        if (!directory) {
            copyExactly(path, tar, e.getSize());
        }
        tar.closeArchiveEntry();
        written.add(new Written(name, directory, directory ? 0 : e.getSize()));
    }

    /**
     * Copies exactly the size written in the header: a log that grows while it is archived (the
     * gateway may be running) is cut there, one that shrinks is padded with zeros.
     */
    private static void copyExactly(Path path, OutputStream out, long size) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long left = size;
        try (InputStream in = Files.newInputStream(path)) {
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    break;
                }
                out.write(buffer, 0, n);
                left -= n;
            }
        }
        java.util.Arrays.fill(buffer, (byte) 0);
        while (left > 0) {
            int n = (int) Math.min(buffer.length, left);
            out.write(buffer, 0, n);
            left -= n;
        }
    }

    /** Names of the entries, checking the whole archive reads. */
    public static List<String> list(Path archive) throws IOException {
        return read(archive).stream().map(Written::name).toList();
    }

    /** Every entry, reading all data to the end (a damaged archive fails here). */
    public static List<Written> read(Path archive) throws IOException {
        List<Written> out = new ArrayList<>();
        try (TarReader tar = TarReader.open(archive)) {
            TarReader.Entry e;
            while ((e = tar.next()) != null) {
                long n = tar.content().transferTo(OutputStream.nullOutputStream());
                if (n != e.size()) {
                    throw new TarReader.BadArchive("entry '" + TarReader.printable(e.name()) + "' is shorter than its header says");
                }
                out.add(new Written(e.directory() && !e.name().endsWith("/") ? e.name() + "/" : e.name(), e.directory(), e.size()));
            }
        } catch (TarReader.BadArchive e) {
            throw unsafe(archive, e.getMessage());
        }
        return out;
    }

    /**
     * Reads {@code archive} back and checks it holds exactly {@code expected} (names, order, sizes):
     * what a command checks before it deletes what it archived.
     */
    public static void verify(Path archive, List<Written> expected) {
        List<Written> actual;
        try {
            actual = read(archive);
        } catch (IOException e) {
            throw FleetException.operational(archive + " cannot be read back: " + SafeFiles.ioReason(e));
        }
        if (!actual.equals(expected)) {
            int i = 0;
            while (i < Math.min(actual.size(), expected.size()) && actual.get(i).equals(expected.get(i))) {
                i++;
            }
            String where = i < expected.size() ? "entry '" + TarReader.printable(expected.get(i).name()) + "'" : "after the last entry";
            throw FleetException.operational(archive + " does not read back as written (" + actual.size() + " of " + expected.size()
                    + " entries; the first difference is at " + where + ")");
        }
    }

    /** Extracts into {@code into} (which must exist), refusing unsafe entries. */
    public static void extract(Path archive, Path into) throws IOException {
        try (TarReader tar = TarReader.open(archive)) {
            extract(archive, tar, into, Limits.DEFAULT, p -> false);
        } catch (TarReader.BadArchive e) {
            throw unsafe(archive, e.getMessage());
        }
    }

    /**
     * Extracts the rest of {@code tar} into {@code into} (an empty private dir): folders 0700, files
     * 0600 (0700 when the archive marks them executable), created with those modes, whatever the
     * archive says; entries {@code skip} matches (by name) are read past, not written.
     */
    public static void extract(Path archive, TarReader tar, Path into, Limits limits, Predicate<String> skip) throws IOException {
        Path base = into.toAbsolutePath().normalize();
        long total = 0;
        try {
            TarReader.Entry e;
            while ((e = tar.next()) != null) {
                String name = e.name();
                if (tar.entriesRead() > limits.maxEntries()) {
                    throw unsafe(archive, "it holds more than " + limits.maxEntries() + " entries");
                }
                Path target = base.resolve(name).normalize();
                if (name.startsWith("/") || name.contains("\\") || hasDotDot(name) || !target.startsWith(base) || target.equals(base)) {
                    throw unsafe(archive, "entry '" + TarReader.printable(name) + "' points outside the archive");
                }
                if (skip.test(name)) {
                    continue;
                }
                if (e.directory()) {
                    directory(archive, base, target, name);
                    continue;
                }
                total += e.size();
                if (total > limits.maxBytes()) {
                    throw unsafe(archive, "it unpacks to more than " + humanSize(limits.maxBytes()) + " (the limit for a state dir;"
                            + " see --max-size)");
                }
                directory(archive, base, target.getParent(), name);
                Set<PosixFilePermission> mode = (e.mode() & 0100) != 0 ? AtomicFiles.MODE_0700 : AtomicFiles.MODE_0600;
                try (OutputStream out = Channels.newOutputStream(Files.newByteChannel(target, Set.<java.nio.file.OpenOption>of(StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS), PosixFilePermissions.asFileAttribute(mode)))) {
                    long copied = tar.content().transferTo(out);
                    if (copied != e.size()) {
                        throw new TarReader.BadArchive("it ends in the middle of an entry (truncated)");
                    }
                } catch (FileAlreadyExistsException x) {
                    throw unsafe(archive, "entry '" + TarReader.printable(name) + "' is a duplicate entry: an earlier entry already made "
                            + (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS) ? "a folder" : "a file") + " of that name");
                }
                fixMode(target, mode);
                long compressed = Math.max(1, tar.compressedBytesRead());
                if (limits.maxRatio() > 0 && total > limits.ratioFloor() && total / compressed > limits.maxRatio()) {
                    throw unsafe(archive, "it unpacks to more than " + limits.maxRatio() + " times its compressed size ("
                            + humanSize(total) + " from " + humanSize(compressed) + "), as decompression bombs do; pass --max-size"
                            + " to restore such a backup anyway");
                }
            }
        } catch (TarReader.BadArchive e) {
            throw unsafe(archive, e.getMessage());
        }
    }

    /** Creates {@code dir} and its missing parents below {@code base}, each 0700; a file in the way is a plain-words refusal. */
    private static void directory(Path archive, Path base, Path dir, String name) throws IOException {
        if (dir.equals(base)) {
            return;
        }
        if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        directory(archive, base, dir.getParent(), name);
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(AtomicFiles.MODE_0700));
            fixMode(dir, AtomicFiles.MODE_0700);
        } catch (FileAlreadyExistsException | NotDirectoryException e) {
            throw unsafe(archive, "entry '" + TarReader.printable(name) + "' needs '" + TarReader.printable(base.relativize(dir).toString())
                    + "' to be a folder, but an earlier entry made it a file (a duplicate entry)");
        }
    }

    /** A umask can only take bits away from a new file's mode; they are put back without following links. */
    private static void fixMode(Path path, Set<PosixFilePermission> mode) throws IOException {
        if (!Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS).equals(mode)) {
            Files.getFileAttributeView(path, java.nio.file.attribute.PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setPermissions(mode);
        }
    }

    private static boolean hasDotDot(String name) {
        for (String part : name.split("/")) {
            if (part.equals("..")) {
                return true;
            }
        }
        return false;
    }

    static FleetException unsafe(Path archive, String why) {
        return FleetException.operational(archive + " is refused: " + why);
    }

    static String humanSize(long bytes) {
        if (bytes >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
        }
        return SafeFiles.humanSize(bytes);
    }

    private static int mode(Path path) throws IOException {
        int mode = 0;
        for (PosixFilePermission p : Files.getPosixFilePermissions(path)) {
            mode |= 1 << (8 - p.ordinal());
        }
        return mode;
    }
}
