package dev.openclawfleet.system;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Copies a tree of files byte for byte (modes and times kept, links copied as links, never
 * followed) and proves it: a digest of every entry (its kind, mode and, for a file, the SHA-256 of
 * its bytes; for a link, its target) taken from the source and from the copy must be equal before
 * anything else happens. Anything that is not a file, folder or link (a socket, a FIFO, a device) is
 * refused before anything is copied.
 */
public final class TreeCopy {
    private TreeCopy() {
    }

    /** Size and number of files of a tree; throws with the path of anything that cannot be copied. */
    public record Census(long bytes, int files, List<Path> refused) {
    }

    public static Census census(Path root) throws IOException {
        long[] bytes = {0};
        int[] files = {0};
        List<Path> refused = new ArrayList<>();
        walk(root, (path, attrs) -> {
            if (attrs.isRegularFile()) {
                bytes[0] += attrs.size();
                files[0]++;
            } else if (!attrs.isDirectory() && !attrs.isSymbolicLink()) {
                refused.add(path);
            }
        });
        return new Census(bytes[0], files[0], refused);
    }

    /** Copies {@code from} (a file, link or folder) to {@code to}, which must not exist. */
    public static void copy(Path from, Path to) throws IOException {
        List<Path[]> dirs = new ArrayList<>();
        walk(from, (path, attrs) -> {
            Path target = to.resolve(from.relativize(path).toString());
            if (path.equals(from)) {
                target = to;
            }
            if (attrs.isDirectory()) {
                Files.createDirectory(target, PosixFilePermissions.asFileAttribute(AtomicFiles.MODE_0700));
                dirs.add(new Path[]{path, target});
            } else if (attrs.isRegularFile() || attrs.isSymbolicLink()) {
                Files.copy(path, target, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
            } else {
                throw new IOException(path + " is not a file, folder or link: not copied");
            }
        });
        // Folder modes and times last: a read-only folder would refuse its own contents.
        for (int i = dirs.size() - 1; i >= 0; i--) {
            Path[] d = dirs.get(i);
            Files.setPosixFilePermissions(d[1], Files.getPosixFilePermissions(d[0], LinkOption.NOFOLLOW_LINKS));
            Files.setLastModifiedTime(d[1], Files.getLastModifiedTime(d[0], LinkOption.NOFOLLOW_LINKS));
        }
    }

    /** Relative path to "kind mode digest" for every entry of the tree (the root itself as ""). */
    public static Map<String, String> digest(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        walk(root, (path, attrs) -> {
            String rel = root.relativize(path).toString();
            String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
            if (attrs.isSymbolicLink()) {
                out.put(rel, "link " + Files.readSymbolicLink(path));
            } else if (attrs.isDirectory()) {
                out.put(rel, "dir " + mode);
            } else {
                out.put(rel, "file " + mode + " " + attrs.size() + " " + sha256(path));
            }
        });
        return out;
    }

    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private interface Visitor {
        void visit(Path path, BasicFileAttributes attrs) throws IOException;
    }

    private static void walk(Path root, Visitor visitor) throws IOException {
        BasicFileAttributes top = Files.readAttributes(root, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!top.isDirectory()) {
            visitor.visit(root, top);
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                visitor.visit(dir, attrs);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                visitor.visit(file, attrs);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
