package dev.openclawfleet.system;

import dev.openclawfleet.model.FleetException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Archives round-trip with their modes, skip what is asked, and hostile archives cannot escape. */
class TarGzTest {
    @TempDir
    Path tmp;

    @Test
    void roundTripKeepsContentAndModes() throws Exception {
        Path state = Files.createDirectories(tmp.resolve("src/.openclaw-luca/logs"));
        Files.writeString(state.getParent().resolve("openclaw.json"), "{\"x\":1}");
        Files.setPosixFilePermissions(state.getParent().resolve("openclaw.json"), PosixFilePermissions.fromString("rw-------"));
        Files.writeString(state.resolve("gateway.log"), "line\n");
        Files.createDirectories(state.getParent().resolve("tmp/openclaw-501"));
        Files.writeString(state.getParent().resolve("tmp/openclaw-501/gateway.state.lock"), "{}");
        Path archive = tmp.resolve("a.tar.gz");
        TarGz.write(archive, List.of(new TarGz.Source(".openclaw-luca", state.getParent(), p -> p.getName(0).toString().equals("tmp"))));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(archive))).isEqualTo("rw-------");
        assertThat(TarGz.list(archive)).contains(".openclaw-luca/openclaw.json", ".openclaw-luca/logs/gateway.log")
                .noneMatch(n -> n.contains("tmp"));
        Path out = Files.createDirectories(tmp.resolve("out"));
        TarGz.extract(archive, out);
        assertThat(Files.readString(out.resolve(".openclaw-luca/openclaw.json"))).isEqualTo("{\"x\":1}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve(".openclaw-luca/openclaw.json")))).isEqualTo("rw-------");
    }

    @Test
    void entriesThatEscapeOrLinkAreRefused() throws Exception {
        for (String evil : List.of("../escape.txt", "a/../../escape", "/tmp/fleet-test-absolute-entry")) {
            Path archive = tmp.resolve("evil" + Math.abs(evil.hashCode()) + ".tar.gz");
            write(archive, evil, TarArchiveEntry.DEFAULT_FILE_MODE, false);
            Path out = Files.createDirectories(tmp.resolve("x" + Math.abs(evil.hashCode())));
            assertThatThrownBy(() -> TarGz.extract(archive, out)).as(evil).isInstanceOf(FleetException.class)
                    .hasMessageContaining("outside the archive");
        }
        assertThat(tmp.resolve("escape.txt")).doesNotExist();
        assertThat(Path.of("/tmp/fleet-test-absolute-entry")).doesNotExist();
        Path link = tmp.resolve("link.tar.gz");
        write(link, "innocent", 0120777, true);
        Path out = Files.createDirectories(tmp.resolve("linkout"));
        assertThatThrownBy(() -> TarGz.extract(link, out)).hasMessageContaining("entry 'innocent' is a link, which instance backups never contain");
    }

    private static void write(Path archive, String name, int mode, boolean symlink) throws Exception {
        try (OutputStream file = Files.newOutputStream(archive);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(file))) {
            TarArchiveEntry e = symlink ? new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK) : new TarArchiveEntry(name, true);
            byte[] data = "pwned".getBytes(StandardCharsets.UTF_8);
            if (symlink) {
                e.setLinkName("/etc/passwd");
            } else {
                e.setSize(data.length);
                e.setMode(0100644);
            }
            tar.putArchiveEntry(e);
            if (!symlink) {
                tar.write(data);
            }
            tar.closeArchiveEntry();
        }
    }
}
