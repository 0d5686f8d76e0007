package dev.openclawfleet.system;

import dev.openclawfleet.model.FleetException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fleet lock is private, never a link, and a command waiting for it names who holds it. */
@Timeout(60)
class FleetLockTest {
    @TempDir
    Path tmp;

    @Test
    void createdPrivateAndAnOldWideOneIsTightened() throws Exception {
        try (FleetLock lock = FleetLock.acquire(tmp, Duration.ofSeconds(1))) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve(FleetLock.FILE)))).isEqualTo("rw-------");
            assertThat(Files.readString(tmp.resolve(FleetLock.FILE)).strip()).isEqualTo(Long.toString(ProcessHandle.current().pid()));
        }
        Files.setPosixFilePermissions(tmp.resolve(FleetLock.FILE), PosixFilePermissions.fromString("rw-rw-rw-"));
        try (FleetLock lock = FleetLock.acquire(tmp, Duration.ofSeconds(1))) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve(FleetLock.FILE)))).isEqualTo("rw-------");
        }
    }

    @Test
    void aLinkIsNeverFollowed() throws Exception {
        Path target = Files.writeString(tmp.resolve("victim"), "keep");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
        Path root = Files.createDirectories(tmp.resolve("root"));
        Files.createSymbolicLink(root.resolve(FleetLock.FILE), target);
        assertThatThrownBy(() -> FleetLock.acquire(root, Duration.ofSeconds(1))).isInstanceOf(FleetException.class)
                .hasMessageContaining("it is a symbolic link, which fleet never follows");
        assertThat(Files.readString(target)).isEqualTo("keep");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target, LinkOption.NOFOLLOW_LINKS))).isEqualTo("rw-r--r--");
    }

    @Test
    void aWaitingCommandNamesTheHoldersPid() throws Exception {
        // Another process (flock(1) would do; a JVM is what fleet itself is) holds the lock for a while.
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Holder.class.getName(), tmp.toString()).redirectErrorStream(true).start();
        try {
            String ready = new String(holder.getInputStream().readNBytes(6));
            assertThat(ready).isEqualTo("locked");
            List<String> said = new ArrayList<>();
            ProcessRunner runner = new ProcessRunner(Map.of("PATH", System.getenv("PATH")));
            assertThatThrownBy(() -> FleetLock.acquire(tmp, Duration.ofMillis(300), runner, said::add)).isInstanceOf(FleetException.class)
                    .hasMessageContaining("has been held by pid " + holder.pid()).hasMessageNotContaining("another fleet command");
            assertThat(said).singleElement().asString().contains("is held by pid " + holder.pid());
        } finally {
            holder.destroyForcibly();
            holder.waitFor();
        }
        try (FleetLock lock = FleetLock.acquire(tmp, Duration.ofSeconds(5))) {
            assertThat(lock).isNotNull(); // the OS released it with the killed holder
        }
    }

    /** Holds the lock until killed. */
    public static final class Holder {
        public static void main(String[] args) throws Exception {
            try (FleetLock lock = FleetLock.acquire(Path.of(args[0]), Duration.ofSeconds(5))) {
                System.out.print("locked");
                System.out.flush();
                Thread.sleep(60_000);
            }
        }
    }
}
