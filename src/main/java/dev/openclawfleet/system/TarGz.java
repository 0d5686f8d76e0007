package dev.openclawfleet.system;

import dev.openclawfleet.model.FleetException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * tar.gz archives of instance files. Writing keeps names relative and permission bits; reading
 * refuses anything that could escape the target dir (absolute names, "..", links, devices) and
 * caps the total size, so a hostile archive cannot write outside where it is restored.
 */
public final class TarGz {
    /** No instance backup comes near this; a bigger archive is refused rather than filling the disk. */
    public static final long MAX_TOTAL_BYTES = 8L << 30;

    private TarGz() {
    }

    /** One thing to archive: a file or a whole directory tree, under a name inside the archive, minus what {@code skip} rejects. */
    public record Source(String name, Path path, java.util.function.Predicate<Path> skip) {
        public Source(String name, Path path) {
            this(name, path, p -> false);
        }
    }

    /** Writes the archive to {@code target} (created with mode 0600, since state dirs hold tokens). */
    public static void write(Path target, List<Source> sources) throws IOException {
        Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), "." + target.getFileName() + ".", ".tmp");
        try {
            Files.setPosixFilePermissions(tmp, AtomicFiles.MODE_0600);
            try (OutputStream file = Files.newOutputStream(tmp);
                 GzipCompressorOutputStream gzip = new GzipCompressorOutputStream(file);
                 TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip)) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                for (Source s : sources) {
                    add(tar, s.name(), s.path(), s.skip());
                }
            }
            Files.move(tmp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void add(TarArchiveOutputStream tar, String name, Path path, java.util.function.Predicate<Path> skip)
            throws IOException {
        if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            entry(tar, name, path);
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(path) && skip.test(path.relativize(dir))) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                entry(tar, name + (dir.equals(path) ? "" : "/" + path.relativize(dir)) + "/", dir);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile() && !skip.test(path.relativize(file))) {
                    entry(tar, name + "/" + path.relativize(file), file); // sockets, FIFOs and links are not state worth keeping
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void entry(TarArchiveOutputStream tar, String name, Path path) throws IOException {
        // Built by hand rather than from the File: no creation-time pax headers that GNU tar warns about.
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setMode((Files.isDirectory(path) ? 040000 : 0100000) | mode(path));
        e.setModTime(Files.getLastModifiedTime(path));
        if (Files.isRegularFile(path)) {
            e.setSize(Files.size(path));
        }
        e.setUserId(0);
        e.setGroupId(0);
        e.setUserName("");
        e.setGroupName("");
        tar.putArchiveEntry(e);
        if (Files.isRegularFile(path)) {
            copyExactly(path, tar, e.getSize());
        }
        tar.closeArchiveEntry();
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
        List<String> names = new ArrayList<>();
        try (TarArchiveInputStream tar = open(archive)) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                names.add(e.getName());
                tar.transferTo(OutputStream.nullOutputStream());
            }
        }
        return names;
    }

    /** Extracts into {@code into} (which must exist), refusing unsafe entries. */
    public static void extract(Path archive, Path into) throws IOException {
        Path base = into.toAbsolutePath().normalize();
        long total = 0;
        try (TarArchiveInputStream tar = open(archive)) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                String name = e.getName();
                Path target = base.resolve(name).normalize();
                if (name.startsWith("/") || name.contains("\\") || !target.startsWith(base) || target.equals(base) && !e.isDirectory()) {
                    throw unsafe(archive, "entry '" + dev.openclawfleet.model.Text.printable(name, 120) + "' points outside the archive");
                }
                if (e.isSymbolicLink() || e.isLink() || e.isCharacterDevice() || e.isBlockDevice() || e.isFIFO()) {
                    throw unsafe(archive, "entry '" + dev.openclawfleet.model.Text.printable(name, 120)
                            + "' is a link or device, which instance backups never contain");
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                    Files.setPosixFilePermissions(target, permissions(e.getMode() | 0700));
                } else if (e.isFile()) {
                    total += e.getSize();
                    if (total > MAX_TOTAL_BYTES) {
                        throw unsafe(archive, "it unpacks to more than " + (MAX_TOTAL_BYTES >> 30) + " GiB");
                    }
                    Files.createDirectories(target.getParent());
                    try (OutputStream out = Files.newOutputStream(target, java.nio.file.StandardOpenOption.CREATE_NEW,
                            java.nio.file.StandardOpenOption.WRITE)) {
                        tar.transferTo(out);
                    }
                    Files.setPosixFilePermissions(target, permissions(e.getMode() | 0600));
                } else {
                    throw unsafe(archive, "entry '" + dev.openclawfleet.model.Text.printable(name, 120)
                            + "' is a link or device, which instance backups never contain");
                }
            }
        }
    }

    private static TarArchiveInputStream open(Path archive) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(archive));
        try {
            return new TarArchiveInputStream(new GzipCompressorInputStream(in));
        } catch (IOException e) {
            in.close();
            throw e;
        }
    }

    private static FleetException unsafe(Path archive, String why) {
        return FleetException.operational(archive + " is refused: " + why);
    }

    private static int mode(Path path) throws IOException {
        int mode = 0;
        for (PosixFilePermission p : Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS)) {
            mode |= 1 << (8 - p.ordinal());
        }
        return mode;
    }

    /** Permission bits (the low 9) as a set; setuid and friends are dropped. */
    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> out = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] all = PosixFilePermission.values();
        for (int i = 0; i < 9; i++) {
            if ((mode & (1 << (8 - i))) != 0) {
                out.add(all[i]);
            }
        }
        return out;
    }
}
