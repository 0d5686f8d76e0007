package dev.openclawfleet.provision;

import dev.openclawfleet.system.TarBytes;
import dev.openclawfleet.testing.CliRun;
import dev.openclawfleet.testing.FleetFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * restore against hostile and stale archives: the manifest is checked before anything is
 * unpacked, the old machine's runtime files are left behind, modes are made private, and paths
 * outside the instance are said.
 */
class RestoreSafetyTest {
    static final String MANIFEST = "{\"format\":1,\"tool\":\"openclaw-fleet\",\"name\":\"luca\",\"label\":\"ai.openclaw.luca\","
            + "\"port\":18789,\"stateDir\":\"/Users/old/.openclaw/.openclaw-luca\"}";

    @TempDir
    Path tmp;
    Path home;
    Path root;
    Path agents;

    @BeforeEach
    void dirs() throws Exception {
        home = Files.createDirectories(tmp.resolve("home"));
        agents = Files.createDirectories(home.resolve("Library/LaunchAgents"));
        root = home.resolve(".openclaw");
    }

    private CliRun.Result restore(Path archive, String... extra) {
        List<String> args = new ArrayList<>(List.of("restore", archive.toString(), "--no-start", "--node", "/usr/bin/node",
                "--entry", FleetFixture.FAKE_GATEWAY.toString()));
        args.addAll(List.of(extra));
        return new CliRun().home(home).env("PATH", "/usr/bin:/bin").run(args.toArray(String[]::new));
    }

    private List<String> rootEntries() throws Exception {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(root)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void anArchiveWithoutAManifestFirstIsRefusedBeforeAnythingIsUnpacked() throws Exception {
        // Issue 8: 14 MB without a manifest wrote 3 GiB before "not an openclaw-fleet backup".
        TarBytes junk = new TarBytes();
        for (int i = 0; i < 50; i++) {
            junk.header("junk" + i, '0', 1 << 16, 0644).data(new byte[1 << 16]);
        }
        junk.file("openclaw-fleet-backup.json", MANIFEST, 0644);
        CliRun.Result r = restore(junk.writeTo(tmp.resolve("junk.tar.gz")));
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err().strip().lines()).singleElement().asString()
                .endsWith("is not an openclaw-fleet backup (its first entry is not openclaw-fleet-backup.json); nothing was unpacked");
        assertThat(rootEntries()).containsExactly(".fleet.lock");
    }

    @Test
    void staleRuntimeFilesAreLeftBehindModesMadePrivateAndOutsidePathsSaid() throws Exception {
        Path archive = new TarBytes().file("openclaw-fleet-backup.json", MANIFEST, 0644)
                .dir(".openclaw-luca", 0777)
                .file(".openclaw-luca/openclaw.json", "{ gateway: { mode: 'local', port: 18789, auth: { mode: 'token', token: '"
                        + FleetFixture.tokenFor("luca") + "' } }, agents: { defaults: { workspace: '/etc' } } }", 0666)
                .dir(".openclaw-luca/agents/main/sessions", 0777)
                .file(".openclaw-luca/agents/main/sessions/s1.jsonl", "{\"msg\":\"hello\"}\n", 0666)
                .file(".openclaw-luca/tmp/openclaw-501/gateway.state.lock", "{\"pid\":4242}", 0644)
                .file(".openclaw-luca/.fleet-provisioning", "{\"pid\":4242}", 0644)
                .writeTo(tmp.resolve("luca.tar.gz"));

        CliRun.Result r = restore(archive);

        assertThat(r.exitCode()).as(r.all()).isZero();
        Path state = root.resolve(".openclaw-luca");
        assertThat(state.resolve("tmp")).as("the old machine's lock dir is not restored").doesNotExist();
        assertThat(state.resolve(".fleet-provisioning")).doesNotExist();
        assertThat(Files.readString(state.resolve("agents/main/sessions/s1.jsonl"))).contains("hello");
        for (Path p : List.of(state, state.resolve("agents"), state.resolve("agents/main/sessions"))) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS))).as(p.toString()).isEqualTo("rwx------");
        }
        for (Path p : List.of(state.resolve("openclaw.json"), state.resolve("agents/main/sessions/s1.jsonl"))) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS))).as(p.toString()).isEqualTo("rw-------");
        }
        assertThat(r.err()).contains("warning: agents.defaults.workspace is /etc, outside the restored instance's state dir " + state);
        assertThat(r.all()).doesNotContain(FleetFixture.tokenFor("luca"));
    }

    @Test
    void entriesTheManifestDoesNotNameAndDuplicatesAreRefused() throws Exception {
        CliRun.Result stranger = restore(new TarBytes().file("openclaw-fleet-backup.json", MANIFEST, 0644)
                .file(".openclaw-luca/openclaw.json", "{}", 0600).file("Library/LaunchAgents/evil.plist", "x", 0644)
                .writeTo(tmp.resolve("stranger.tar.gz")));
        assertThat(stranger.exitCode()).isEqualTo(3);
        assertThat(stranger.err()).contains("entry 'Library/LaunchAgents/evil.plist' is neither the state dir nor the plist its manifest names");
        CliRun.Result duplicate = restore(new TarBytes().file("openclaw-fleet-backup.json", MANIFEST, 0644)
                .file(".openclaw-luca/openclaw.json", "{}", 0600).file(".openclaw-luca/openclaw.json", "{}", 0600)
                .writeTo(tmp.resolve("dup.tar.gz")));
        assertThat(duplicate.exitCode()).isEqualTo(3);
        assertThat(duplicate.err()).contains("entry '.openclaw-luca/openclaw.json' is a duplicate entry").doesNotContain("Exception");
        assertThat(rootEntries()).containsExactly(".fleet.lock");
    }

    @Test
    void notABackupFileIsSaidPlainly() throws Exception {
        CliRun.Result devNull = restore(Path.of("/dev/null"));
        assertThat(devNull.exitCode()).isEqualTo(3);
        assertThat(devNull.err().strip()).isEqualTo("fleet restore: /dev/null cannot be restored: it is a character device, not a regular file; not opened");
        CliRun.Result missing = restore(tmp.resolve("nope.tar.gz"));
        assertThat(missing.err().strip()).endsWith("nope.tar.gz cannot be restored: it does not exist");
        CliRun.Result text = restore(Files.writeString(tmp.resolve("notes.tar.gz"), "hello"));
        assertThat(text.err().strip()).endsWith("notes.tar.gz is refused: it is not a gzip-compressed tar archive");
        CliRun.Result badSize = restore(tmp.resolve("x.tar.gz"), "--max-size", "lots");
        assertThat(badSize.exitCode()).isEqualTo(2);
    }
}
