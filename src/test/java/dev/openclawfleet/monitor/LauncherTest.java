package dev.openclawfleet.monitor;

import dev.openclawfleet.model.FleetException;
import org.junit.jupiter.api.Test;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which command the monitor's LaunchAgent runs: an explicit launcher, or java with the running jar. */
class LauncherTest {
    @Test
    void runFromClassesThereIsNoJarToNameSoTheUserIsAskedForALauncher() {
        assertThat(Launcher.runningJar()).as("unit tests run from target/classes").isEmpty();
        assertThatThrownBy(() -> Launcher.resolve(null)).isInstanceOf(FleetException.class)
                .hasMessageContaining("pass --launcher /absolute/path/to/fleet");
    }

    @Test
    void anExplicitLauncherMustBeAnAbsoluteExecutable(@TempDir Path tmp) throws Exception {
        assertThat(Launcher.resolve(Path.of("/bin/sh"))).containsExactly("/bin/sh");
        Path plain = Files.writeString(tmp.resolve("fleet"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(plain, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> Launcher.resolve(plain)).hasMessageContaining("not an executable file");
        assertThatThrownBy(() -> Launcher.resolve(tmp)).hasMessageContaining("not an executable file");
        assertThatThrownBy(() -> Launcher.resolve(Path.of("fleet"))).hasMessageContaining("not an executable file");
    }
}
