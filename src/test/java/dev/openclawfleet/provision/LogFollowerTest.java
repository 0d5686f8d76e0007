package dev.openclawfleet.provision;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** tail -n and tail -F semantics: last lines, new complete lines, truncation and rotation. */
class LogFollowerTest {
    @TempDir
    Path tmp;

    @Test
    void lastLinesThenNewLinesAcrossTruncationAndRotation() throws Exception {
        Path log = tmp.resolve("gateway.log");
        Files.writeString(log, "one\ntwo\nthree\n");
        List<String> seen = new ArrayList<>();
        LogFollower follower = new LogFollower(log, seen::add);
        follower.printLast(2);
        assertThat(seen).containsExactly("two", "three");

        StringBuilder partial = new StringBuilder();
        Files.writeString(log, "four\nfi", StandardOpenOption.APPEND);
        follower.poll(partial);
        assertThat(seen).containsExactly("two", "three", "four");
        Files.writeString(log, "ve\n", StandardOpenOption.APPEND);
        follower.poll(partial);
        assertThat(seen).endsWith("five");

        Files.writeString(log, "after truncate\n");
        follower.poll(partial);
        assertThat(seen).endsWith("after truncate");

        Files.move(log, tmp.resolve("gateway.log.1"));
        follower.poll(partial);
        Files.writeString(log, "rotated\n");
        follower.poll(partial);
        assertThat(seen).endsWith("rotated");
    }

    @Test
    void aMissingFileIsNotAnError() {
        List<String> seen = new ArrayList<>();
        LogFollower follower = new LogFollower(tmp.resolve("nope.log"), seen::add);
        follower.printLast(10);
        follower.poll(new StringBuilder());
        assertThat(seen).isEmpty();
    }
}
