package dev.openclawfleet.system;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes files atomically: the bytes go to a temporary file in the same directory, which is
 * synced, given its final mode, and then renamed into place. Without {@code overwrite} an existing
 * file is never replaced: the temp file is hard-linked to the target, which fails atomically.
 */
public final class AtomicFiles {
    public static final Set<PosixFilePermission> MODE_0644 = PosixFilePermissions.fromString("rw-r--r--");
    public static final Set<PosixFilePermission> MODE_0600 = PosixFilePermissions.fromString("rw-------");
    public static final Set<PosixFilePermission> MODE_0700 = PosixFilePermissions.fromString("rwx------");

    private AtomicFiles() {
    }

    /** Writes {@code bytes} to {@code target} with {@code mode}; throws FileAlreadyExistsException when not overwriting. */
    public static void write(Path target, byte[] bytes, Set<PosixFilePermission> mode, boolean overwrite) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        // Created with its final mode (the umask can only take bits away, which the no-follow chmod puts back).
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp", PosixFilePermissions.asFileAttribute(mode));
        try {
            if (!Files.getPosixFilePermissions(tmp, LinkOption.NOFOLLOW_LINKS).equals(mode)) {
                Files.getFileAttributeView(tmp, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setPermissions(mode);
            }
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(java.nio.ByteBuffer.wrap(bytes));
                channel.force(true);
            }
            if (overwrite) {
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } else {
                try {
                    Files.createLink(target, tmp);
                } catch (UnsupportedOperationException e) {
                    Files.move(tmp, target); // a file system without hard links: the existence check is not atomic
                }
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
