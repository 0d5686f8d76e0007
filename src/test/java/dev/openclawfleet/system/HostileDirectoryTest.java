package dev.openclawfleet.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openclawfleet.plist.HostilePlists;
import dev.openclawfleet.testing.CliRun;
import dev.openclawfleet.testing.FleetFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A directory full of hostile files next to one good plist: every bad file gets one finding with
 * a clear reason, nothing blocks, no file content leaks, and the good plist is still linted.
 */
@Timeout(60) // hang guard: a FIFO opened for reading would block forever
class HostileDirectoryTest {
    @TempDir
    Path tmp;
    Path dir;
    static final String SECRET = "TOPSECRET-do-not-print-8d1f";

    @BeforeEach
    void hostileFiles() throws Exception {
        FleetFixture fleet = FleetFixture.in(tmp);
        fleet.instance("luca", 18789).write();
        dir = fleet.agents;
        Path secretFile = FleetFixture.write(tmp.resolve("secret.txt"), SECRET + "\n", "rw-r--r--");
        FleetFixture.write(dir.resolve("xxe.plist"), HostilePlists.xxe(secretFile.toString()), "rw-r--r--");
        FleetFixture.write(dir.resolve("xxe-param.plist"), HostilePlists.xxeParameterEntity(secretFile.toString()), "rw-r--r--");
        FleetFixture.write(dir.resolve("bomb.plist"), HostilePlists.billionLaughs(), "rw-r--r--");
        Files.write(dir.resolve("cycle.plist"), HostilePlists.binaryCycle());
        Files.write(dir.resolve("out-of-range.plist"), HostilePlists.binaryOutOfRange());
        Files.write(dir.resolve("huge-count.plist"), HostilePlists.binaryHugeCount());
        Files.write(dir.resolve("huge.plist"), new byte[3 << 20]);
        Files.write(dir.resolve("latin1.plist"), "<?xml version=\"1.0\" encoding=\"UTF-8\"?><plist><string>caf\u00e9</string></plist>"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        Files.createDirectory(dir.resolve("x.plist"));
        Files.createSymbolicLink(dir.resolve("dangling.plist"), dir.resolve("nowhere"));
        Files.createSymbolicLink(dir.resolve("loop.plist"), dir.resolve("loop.plist"));
        Process mkfifo = new ProcessBuilder("mkfifo", dir.resolve("fifo.plist").toString()).start();
        assertThat(mkfifo.waitFor()).isZero();
    }

    @Test
    void everyHostileFileIsReportedAndTheGoodOneStillLinted() throws Exception {
        CliRun.Result result = new CliRun().run("lint", "--format", "json", dir.toString());
        assertThat(result.exitCode()).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(result.out());
        List<String> paths = new ArrayList<>();
        json.path("findings").forEach(f -> paths.add(f.path("path").asText()));
        for (String name : List.of("xxe", "xxe-param", "bomb", "cycle", "out-of-range", "huge-count", "huge", "latin1",
                "x", "dangling", "loop", "fifo")) {
            assertThat(paths).as(name).contains(dir.resolve(name + ".plist").toString());
        }
        assertThat(result.out()).contains("it is a FIFO (named pipe), not a regular file; not opened")
                .contains("it is a directory, not a regular file")
                .contains("it is a symbolic link to a file that does not exist")
                .contains("it is a symbolic link loop")
                .contains("over the 1.0 MiB limit")
                .contains("\"name\": \"luca\"");
        assertThat(json.path("summary").path("errors").asInt()).isEqualTo(12);
        assertThat(json.path("findings")).allSatisfy(f -> assertThat(f.path("rule").asText()).isEqualTo("plist-unreadable"));
    }

    @Test
    void noFormatLeaksTheFileAnEntityPointsAt() {
        for (String format : List.of("text", "json", "sarif", "github")) {
            CliRun.Result result = new CliRun().run("lint", "--format", format, dir.toString());
            assertThat(result.all()).as(format).doesNotContain(SECRET).doesNotContain("TOPSECRET");
        }
    }
}
