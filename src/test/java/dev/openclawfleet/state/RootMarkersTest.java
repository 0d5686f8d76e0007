package dev.openclawfleet.state;

import dev.openclawfleet.model.FleetLayout;
import dev.openclawfleet.model.HostQuery;
import dev.openclawfleet.model.HostSnapshot;
import dev.openclawfleet.model.Parallel;
import dev.openclawfleet.model.RootState;
import dev.openclawfleet.system.LocalReader;
import dev.openclawfleet.testing.FleetFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A large container root's provisioning markers are looked up on every core: exactly the marked dirs are unfinished, in order. */
class RootMarkersTest {
    @TempDir
    Path tmp;

    @Test
    void theMarkedInstanceDirsOfALargeRootAreUnfinished() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        List<Path> marked = new ArrayList<>();
        List<Path> all = new ArrayList<>();
        for (int i = 0; i < Parallel.FROM + 200; i++) {
            Path dir = Files.createDirectories(root.resolve(FleetLayout.STATE_DIR_PREFIX + String.format("m%03d", i)));
            all.add(dir.toAbsolutePath().normalize());
            if (i % 7 == 3) {
                Files.createFile(dir.resolve(FleetLayout.PROVISIONING_MARKER));
                marked.add(dir.toAbsolutePath().normalize());
            }
        }
        Files.createFile(root.resolve(FleetLayout.STATE_DIR_PREFIX + "file")); // not a dir: neither listed nor asked about
        LocalReader reader = new LocalReader(FleetFixture.UID, null, Map.of(), Duration.ofSeconds(5));
        HostSnapshot s = HostSnapshot.of(reader.identity());
        for (int round = 0; round < 4; round++) {
            List<HostQuery> missing = s.missing(HostInspector.rootQueries(root, s));
            s = s.with(reader.answer(missing));
        }

        RootState state = new HostInspector(FleetFixture.UID).root(root, s);

        assertThat(state.instanceDirs()).containsExactlyElementsOf(all);
        assertThat(state.unfinishedDirs()).containsExactlyElementsOf(marked);
    }
}
