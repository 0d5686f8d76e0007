package dev.openclawfleet.system;

import dev.openclawfleet.model.FleetException;
import dev.openclawfleet.testing.FleetFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Fleet's own folders are real directories the user owns, made 0700, and a link is never followed or chmod-ed. */
class PrivateDirsTest {
    static final long UID = FleetFixture.UID;

    @TempDir
    Path tmp;

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void createsWithItsFinalModeAndTightensAWiderOne() throws Exception {
        Path trash = PrivateDirs.require(tmp.resolve(".trash"), UID);
        assertThat(mode(trash)).isEqualTo("rwx------");
        Files.setPosixFilePermissions(trash, PosixFilePermissions.fromString("rwxr-xr-x"));
        PrivateDirs.require(trash, UID);
        assertThat(mode(trash)).isEqualTo("rwx------");
        Path bin = PrivateDirs.createUnique(trash, "luca-20260101-000000", UID);
        Path second = PrivateDirs.createUnique(trash, "luca-20260101-000000", UID);
        assertThat(second.getFileName().toString()).isEqualTo("luca-20260101-000000-2");
        assertThat(mode(bin)).isEqualTo("rwx------");
        assertThatThrownBy(() -> PrivateDirs.createNew(bin, UID)).isInstanceOf(FleetException.class).hasMessageContaining("already exists");
    }

    @Test
    void aLinkIsRefusedAndItsTargetKeepsItsMode() throws Exception {
        Path shared = Files.createDirectories(tmp.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path trash = Files.createSymbolicLink(tmp.resolve(".trash"), shared);
        assertThatThrownBy(() -> PrivateDirs.require(trash, UID)).isInstanceOf(FleetException.class)
                .hasMessage(trash + " is refused: it is a symbolic link, not a real directory (fleet keeps its own folders as real"
                        + " directories, mode 0700, owned by you)");
        assertThatThrownBy(() -> PrivateDirs.createUnique(trash, "bin", UID)).isInstanceOf(FleetException.class);
        assertThat(mode(shared)).isEqualTo("rwxrwxrwx");
        try (var left = Files.list(shared)) {
            assertThat(left).isEmpty();
        }
        Files.writeString(tmp.resolve("file"), "x");
        assertThatThrownBy(() -> PrivateDirs.require(tmp.resolve("file"), UID)).hasMessageContaining("it is a regular file, not a real directory");
    }

    @Test
    void someoneElsesFolderIsRefused() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(".trash"));
        assertThatThrownBy(() -> PrivateDirs.require(dir, UID + 1)).isInstanceOf(FleetException.class)
                .hasMessageContaining("it belongs to uid " + UID + ", not to you (uid " + (UID + 1) + ")");
    }
}
