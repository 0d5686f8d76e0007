package dev.openclawfleet.it;

import dev.openclawfleet.testing.FleetFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A plist the user cannot read, and a directory the user cannot list. Root reads everything, so
 * under root (as in CI) the jar runs as `nobody` through setpriv to make the permission real. The
 * jar is copied into the temp dir first: a checkout under a 0700 folder would otherwise be
 * unreadable to `nobody`, and the test would fail without saying why.
 */
class UnreadableFileIT {
    @TempDir
    Path tmp;

    @Test
    void unreadablePlistIsAFindingAndUnreadableDirectoryAnOperationalFailure() throws Exception {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        FleetFixture fleet = FleetFixture.in(tmp);
        fleet.instance("luca", 18789).write();
        fleet.instance("critic", 18809).plistMode("---------").write();
        Path locked = Files.createDirectories(tmp.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        Files.setPosixFilePermissions(fleet.agents, PosixFilePermissions.fromString("rwxr-xr-x"));

        Processes.Run run = AsNobody.jar(tmp, "lint", fleet.agents.toString(), locked.toString());

        assertThat(run.out()).as(run.err()).contains("cannot read " + fleet.agents.resolve("ai.openclaw.critic.plist") + ": permission denied");
        assertThat(run.out()).as(run.err()).contains("luca  ai.openclaw.luca  port 18789");
        assertThat(run.out()).as(run.err()).contains("problem: " + locked + ": cannot read the directory: permission denied");
        assertThat(run.exitCode()).as("an unreadable directory makes the run incomplete; stderr: " + run.err()).isEqualTo(3);
        assertThat(run.err()).doesNotContain("Exception");
    }
}
