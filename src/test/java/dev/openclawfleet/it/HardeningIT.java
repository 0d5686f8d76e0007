package dev.openclawfleet.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openclawfleet.testing.FleetFixture;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 8's attacks that need a second user or a hostile umask, run on the real jar as `nobody`
 * (through setpriv when the tests run as root, as in CI): a linked trash, a state dir the user
 * cannot enter, a root the user cannot write, and every file and folder's final mode under umask 000.
 */
@Timeout(240)
class HardeningIT {
    @TempDir
    Path tmp;
    Map<String, String> env;

    @BeforeEach
    void open() throws Exception {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        env = new HashMap<>(Map.of("PATH", "/usr/bin:/bin", "HOME", tmp.resolve("home").toString()));
    }

    /** Gives {@code path} and everything under it to nobody (when running as root; otherwise it is the user's already). */
    private static void giveToNobody(Path path) throws IOException {
        if (!AsNobody.root()) {
            return;
        }
        try (Stream<Path> all = Files.walk(path)) {
            for (Path p : all.toList()) {
                Files.setAttribute(p, "unix:uid", (int) AsNobody.NOBODY, LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(p, "unix:gid", (int) AsNobody.NOBODY, LinkOption.NOFOLLOW_LINKS);
            }
        }
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void aLinkedTrashIsRefusedForAnUnprivilegedUserToo() throws Exception {
        FleetFixture fleet = FleetFixture.in(Files.createDirectories(tmp.resolve("n")));
        fleet.instance("luca", 18789).write();
        giveToNobody(tmp.resolve("n"));
        Path shared = Files.createDirectories(tmp.resolve("shared"));
        new ProcessBuilder("chmod", "1777", shared.toString()).start().waitFor();
        Files.createSymbolicLink(fleet.root.resolve(".trash"), shared);

        Processes.Run run = AsNobody.run(tmp, env, "", "remove-instance", "luca", "--root", fleet.root.toString(), "--agents-dir",
                fleet.agents.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
        assertThat(run.err()).contains(".trash is refused: it is a symbolic link, not a real directory").doesNotContain("Exception");
        assertThat(fleet.layout.configPath("luca")).exists();
        try (Stream<Path> left = Files.list(shared)) {
            assertThat(left).isEmpty();
        }
        assertThat(Integer.toOctalString((Integer) Files.getAttribute(shared, "unix:mode") & 07777)).isEqualTo("1777");
    }

    @Test
    void aStateDirTheUserCannotEnterIsPermissionDeniedNotMissing() throws Exception {
        Assumptions.assumeTrue(AsNobody.root(), "needs a folder owned by another user");
        FleetFixture fleet = FleetFixture.in(Files.createDirectories(tmp.resolve("r")));
        fleet.instance("luca", 18789).write(); // state dir 0700, owned by root
        Files.setPosixFilePermissions(fleet.root, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(fleet.agents, PosixFilePermissions.fromString("rwxr-xr-x"));

        Processes.Run run = AsNobody.run(tmp, env, "", "audit", "--offline", "--format", "json", "--root", fleet.root.toString(),
                "--agents-dir", fleet.agents.toString());

        JsonNode report = new ObjectMapper().readTree(run.out());
        assertThat(report.path("findings").findValuesAsText("rule")).as(run.out()).contains("config-invalid").doesNotContain("config-missing");
        assertThat(run.out()).contains("permission denied: you cannot enter " + fleet.layout.stateDir("luca") + " to read it (mode 0700)");
    }

    @Test
    void aRootTheUserCannotWriteSaysPermissionDenied() throws Exception {
        Assumptions.assumeTrue(AsNobody.root(), "needs a folder owned by another user");
        Path root = Files.createDirectories(tmp.resolve("root-owned/.openclaw"));
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path agents = Files.createDirectories(tmp.resolve("home/Library/LaunchAgents"));
        giveToNobody(tmp.resolve("home"));

        Processes.Run run = AsNobody.run(tmp, env, "", "add-instance", "luca", "--root", root.toString(), "--agents-dir", agents.toString(),
                "--no-start", "--node", "/usr/bin/node", "--entry", FleetFixture.FAKE_GATEWAY.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
        assertThat(run.err().strip()).isEqualTo("fleet add-instance: " + root.resolve(".fleet.lock")
                + ": cannot create or open the lock file: permission denied (you cannot write to " + root + ")");
    }

    @Test
    void everythingIsCreatedWithItsFinalModeUnderUmask000() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path agents = Files.createDirectories(home.resolve("Library/LaunchAgents"));
        giveToNobody(home);
        Path root = home.resolve(".openclaw");
        String[] dirs = {"--root", root.toString(), "--agents-dir", agents.toString()};

        Processes.Run add = AsNobody.run(tmp, env, "000", concat(new String[]{"add-instance", "luca", "--no-start", "--node", "/usr/bin/node",
                "--entry", FleetFixture.FAKE_GATEWAY.toString(), "--base-port", "21789"}, dirs));
        assertThat(add.exitCode()).as(add.err()).isIn(0, 1); // 1: not loaded, there is no launchd here
        Path state = root.resolve(".openclaw-luca");
        assertThat(mode(root)).isEqualTo("rwx------");
        assertThat(mode(state)).isEqualTo("rwx------");
        assertThat(mode(state.resolve("logs"))).isEqualTo("rwx------");
        assertThat(mode(state.resolve("workspace"))).isEqualTo("rwx------");
        assertThat(mode(state.resolve("openclaw.json"))).isEqualTo("rw-------");
        assertThat(mode(root.resolve(".fleet.lock"))).isEqualTo("rw-------");
        assertThat(mode(agents.resolve("ai.openclaw.luca.plist"))).isEqualTo("rw-r--r--");

        Files.createDirectories(state.resolve("agents/main/sessions"));
        Path backup = home.resolve("luca.tar.gz");
        giveToNobody(state.resolve("agents"));
        Processes.Run b = AsNobody.run(tmp, env, "000", concat(new String[]{"backup", "luca", "-o", backup.toString()}, dirs));
        assertThat(b.exitCode()).as(b.err()).isZero();
        assertThat(mode(backup)).isEqualTo("rw-------");

        Processes.Run remove = AsNobody.run(tmp, env, "000", concat(new String[]{"remove-instance", "luca"}, dirs));
        assertThat(remove.exitCode()).as(remove.err()).isZero();
        assertThat(mode(root.resolve(".trash"))).isEqualTo("rwx------");
        try (Stream<Path> bins = Files.list(root.resolve(".trash"))) {
            assertThat(mode(bins.findFirst().orElseThrow())).isEqualTo("rwx------");
        }

        Processes.Run restore = AsNobody.run(tmp, env, "000", concat(new String[]{"restore", backup.toString(), "--no-start",
                "--node", "/usr/bin/node", "--entry", FleetFixture.FAKE_GATEWAY.toString()}, dirs));
        assertThat(restore.exitCode()).as(restore.err()).isZero();
        assertThat(mode(state)).isEqualTo("rwx------");
        assertThat(mode(state.resolve("agents/main/sessions"))).isEqualTo("rwx------");
        assertThat(mode(state.resolve("openclaw.json"))).isEqualTo("rw-------");
    }

    private static String[] concat(String[] a, String[] b) {
        return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
    }
}
