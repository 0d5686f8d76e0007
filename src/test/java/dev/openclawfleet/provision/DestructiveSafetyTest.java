package dev.openclawfleet.provision;

import dev.openclawfleet.system.TarGz;
import dev.openclawfleet.testing.CliRun;
import dev.openclawfleet.testing.FleetFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * remove-instance and backup against the layouts of issue 8's attacks: a linked trash, a state dir
 * outside the root, a linked state dir, a state dir two instances share. Nothing outside the root
 * is moved, deleted or chmod-ed without the explicit flag, and no archive misses the state dir.
 */
class DestructiveSafetyTest {
    @TempDir
    Path tmp;
    FleetFixture fleet;
    Path home;

    @BeforeEach
    void fleet() throws Exception {
        fleet = FleetFixture.in(tmp);
        home = Files.createDirectories(tmp.resolve("home"));
    }

    private CliRun.Result fleet(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--root", fleet.root.toString(), "--agents-dir", fleet.agents.toString()));
        // No launchctl on this PATH: nothing is booted out, the files are still handled.
        return new CliRun().home(home).env("PATH", "/usr/bin:/bin").run(all.toArray(String[]::new));
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void aTrashThatIsALinkIsRefusedAndItsTargetUntouched() throws Exception {
        fleet.instance("luca", 18789).write();
        Path shared = Files.createDirectories(tmp.resolve("shared-tmp"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        new ProcessBuilder("chmod", "1777", shared.toString()).start().waitFor();
        Files.createSymbolicLink(fleet.root.resolve(".trash"), shared);

        CliRun.Result r = fleet("remove-instance", "luca");

        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err().strip().lines()).singleElement().asString()
                .contains(fleet.root.resolve(".trash") + " is refused: it is a symbolic link, not a real directory");
        assertThat(fleet.layout.configPath("luca")).exists();
        assertThat(fleet.agents.resolve("ai.openclaw.luca.plist")).exists();
        try (var left = Files.list(shared)) {
            assertThat(left).as("nothing was moved into the link's target").isEmpty();
        }
        assertThat(Integer.toOctalString((Integer) Files.getAttribute(shared, "unix:mode") & 07777)).as("sticky bit kept").isEqualTo("1777");
    }

    @Test
    void aStateDirOutsideTheRootIsNeverPurgedWithoutTheFlag() throws Exception {
        Path evil = Files.createDirectories(tmp.resolve("x/home/.openclaw-evil"));
        Files.writeString(evil.resolve("precious.txt"), "user data");
        fleet.instance("evil", 18789).env("OPENCLAW_STATE_DIR", evil.toString()).noStateDir().write();

        for (String mode : List.of("--purge", "--archive")) {
            CliRun.Result r = mode.equals("--archive") ? fleet("remove-instance", "evil", mode, tmp.resolve("evil.tar.gz").toString())
                    : fleet("remove-instance", "evil", mode);
            assertThat(r.exitCode()).as(mode).isEqualTo(3);
            assertThat(r.err().strip().lines()).singleElement().asString()
                    .contains("its state dir " + evil + " (from its plist) is outside the container root " + fleet.root)
                    .contains("nothing was changed").contains("--allow-outside-root");
        }
        CliRun.Result trash = fleet("remove-instance", "evil");
        assertThat(trash.exitCode()).isEqualTo(3);
        assertThat(Files.readString(evil.resolve("precious.txt"))).isEqualTo("user data");
        assertThat(fleet.agents.resolve("ai.openclaw.evil.plist")).exists();
        assertThat(tmp.resolve("evil.tar.gz")).doesNotExist();

        CliRun.Result deliberate = fleet("remove-instance", "evil", "--purge", "--allow-outside-root", "--yes");
        assertThat(deliberate.exitCode()).as(deliberate.all()).isZero();
        assertThat(evil).doesNotExist();
    }

    @Test
    void openClawsOwnProfileDirInHomeIsAllowed() throws Exception {
        Path profile = Files.createDirectories(home.resolve(".openclaw-prof"));
        Files.writeString(profile.resolve("openclaw.json"), "{}");
        fleet.instance("prof", 18789).env("OPENCLAW_STATE_DIR", profile.toString()).noStateDir().write();
        CliRun.Result r = fleet("remove-instance", "prof");
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(profile).doesNotExist();
        try (var bins = Files.list(fleet.root.resolve(".trash"))) {
            Path bin = bins.findFirst().orElseThrow();
            assertThat(bin.resolve(".openclaw-prof/openclaw.json")).exists();
            assertThat(mode(bin)).isEqualTo("rwx------");
        }
        assertThat(mode(fleet.root.resolve(".trash"))).isEqualTo("rwx------");
    }

    @Test
    void aStateDirTwoInstancesShareIsNotRemoved() throws Exception {
        fleet.instance("luca", 18789).write();
        fleet.instance("copy", 18809).env("OPENCLAW_STATE_DIR", fleet.layout.stateDir("luca").toString()).noStateDir().write();
        CliRun.Result r = fleet("remove-instance", "copy", "--purge");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).contains("is also the state dir of ai.openclaw.luca");
        assertThat(fleet.layout.configPath("luca")).exists();
    }

    @Test
    void aLinkedStateDirIsArchivedThroughTheLinkAndOnlyTheLinkIsRemoved() throws Exception {
        Path real = Files.createDirectories(tmp.resolve("external-disk/luca-state"));
        fleet.instance("luca", 18789).noStateDir().write();
        Files.createDirectories(real.resolve("agents/main/sessions"));
        Files.writeString(real.resolve("openclaw.json"), "{\"gateway\":{\"mode\":\"local\",\"port\":18789}}");
        Files.writeString(real.resolve("agents/main/sessions/s1.jsonl"), "{\"msg\":\"hello\"}\n");
        Files.createSymbolicLink(fleet.layout.stateDir("luca"), real);

        Path backup = tmp.resolve("luca-backup.tar.gz");
        CliRun.Result b = fleet("backup", "luca", "-o", backup.toString());
        assertThat(b.exitCode()).as(b.all()).isZero();
        assertThat(TarGz.list(backup)).startsWith("openclaw-fleet-backup.json")
                .contains(".openclaw-luca/openclaw.json", ".openclaw-luca/agents/main/sessions/s1.jsonl");
        CliRun.Result again = fleet("backup", "luca", "-o", backup.toString());
        assertThat(again.exitCode()).isEqualTo(3);
        assertThat(again.err()).contains("already exists");

        Path archive = tmp.resolve("luca-removed.tar.gz");
        CliRun.Result r = fleet("remove-instance", "luca", "--archive", archive.toString());
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).contains("read back and checked").contains("(a symbolic link: only the link was moved or deleted");
        assertThat(TarGz.list(archive)).contains(".openclaw-luca/openclaw.json", ".openclaw-luca/agents/main/sessions/s1.jsonl");
        assertThat(fleet.layout.stateDir("luca")).doesNotExist();
        assertThat(Files.readString(real.resolve("agents/main/sessions/s1.jsonl"))).as("what the link pointed at is left").contains("hello");
        assertThat(mode(archive)).isEqualTo("rw-------");
    }
}
