package dev.openclawfleet.model;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A snapshot grows by rounds without copying the answers it has; a later answer to the same query wins. */
class HostSnapshotTest {
    private static final HostIdentity ID = new HostIdentity(501, Path.of("/Users/me"), null, Set.of(), "Mac OS X");

    @Test
    void roundsAddAnswersAndTheLatestAnswerToAQueryWins() {
        HostQuery a = new HostQuery.ReadFile(Path.of("/a"), 0);
        HostQuery b = new HostQuery.ReadFile(Path.of("/b"), 0);
        HostQuery c = HostQuery.Run.of("ps", "-ax");
        FileFact gone = FileFact.missing();
        FileFact odd = FileFact.unknown("no idea");
        CommandRun ran = new CommandRun.Failed("not on PATH", true);

        HostSnapshot s = HostSnapshot.of(ID).with(Map.of(a, gone)).with(Map.of(b, gone)).with(Map.of(c, ran, a, odd));

        assertThat(s.has(a)).isTrue();
        assertThat(s.file((HostQuery.ReadFile) a)).isSameAs(odd);
        assertThat(s.file((HostQuery.ReadFile) b)).isSameAs(gone);
        assertThat(s.missing(List.of(a, new HostQuery.ReadFile(Path.of("/d"), 0), b, new HostQuery.ReadFile(Path.of("/d"), 0))))
                .containsExactly(new HostQuery.ReadFile(Path.of("/d"), 0));
        assertThat(s.answers()).isEqualTo(Map.of(a, odd, b, gone, c, ran)).hasSize(3);
        assertThat(new HostSnapshot(ID, s.answers()).answers()).isSameAs(s.answers());
        assertThat(s.with(Map.of())).isSameAs(s);
    }
}
