package dev.openclawfleet.app;

import dev.openclawfleet.model.FileFact;
import dev.openclawfleet.model.HostAnswer;
import dev.openclawfleet.model.HostIdentity;
import dev.openclawfleet.model.HostQuery;
import dev.openclawfleet.model.HostReader;
import dev.openclawfleet.model.Instance;
import dev.openclawfleet.model.InstanceState;
import dev.openclawfleet.model.Report;
import dev.openclawfleet.state.HostInspector;
import dev.openclawfleet.model.Parallel;
import dev.openclawfleet.system.LocalReader;
import dev.openclawfleet.testing.FleetFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How an audit reads a fleet off a host: a state dir in the container root is judged on the root
 * listing's fact of it (no stat of its own), which is the fact a stat gives; and a fleet large
 * enough to be read on several threads is read, resolved and judged in the same order every time.
 */
class FleetReadingTest {
    @TempDir
    Path tmp;

    /** The local reader, recording every query it is asked. */
    static final class Recording implements HostReader {
        final LocalReader local = new LocalReader(FleetFixture.UID, null, Map.of(), Duration.ofSeconds(10));
        final List<HostQuery> asked = new ArrayList<>();

        @Override
        public HostIdentity identity() {
            return local.identity();
        }

        @Override
        public Map<HostQuery, HostAnswer> answer(List<HostQuery> queries) {
            asked.addAll(queries);
            return local.answer(queries);
        }
    }

    @Test
    void aStateDirInTheRootIsJudgedOnTheRootListingsFactWhichIsAStatsFact() throws Exception {
        FleetFixture fleet = FleetFixture.in(tmp);
        fleet.instance("a", 18789).write();
        fleet.instance("b", 18809).write();
        assertThat(new ProcessBuilder("chmod", "2755", fleet.root.resolve(".openclaw-b").toString()).start().waitFor()).isZero();
        fleet.instance("c", 18829).noStateDir().write();
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere/state"));
        fleet.instance("d", 18849).env("OPENCLAW_STATE_DIR", elsewhere.toString()).noStateDir().write();
        Files.createSymbolicLink(fleet.root.resolve(".openclaw-e"), elsewhere);
        fleet.instance("e", 18869).noStateDir().write();
        Files.writeString(fleet.root.resolve(".openclaw-f"), "not a folder");
        fleet.instance("f", 18889).noStateDir().write();
        fleet.instance("g", 18909).env("OPENCLAW_STATE_DIR", fleet.root.resolve(".OpenClaw-G").toString()).write();
        Files.setPosixFilePermissions(fleet.root.resolve(".openclaw-g"), PosixFilePermissions.fromString("rwx--x---"));

        Recording reader = new Recording();
        Audit.Fleet read = Audit.read(reader, fleet.agents, fleet.root);

        List<Path> statted = reader.asked.stream().filter(q -> q instanceof HostQuery.ReadFile r && r.max() == 0)
                .map(q -> ((HostQuery.ReadFile) q).path()).toList();
        // In the root and named exactly as listed: no stat of its own. Missing from the listing, outside the root,
        // or written with other case (a Mac's file system may find it): a stat, as before.
        assertThat(statted).doesNotContain(fleet.root.resolve(".openclaw-a"), fleet.root.resolve(".openclaw-b"),
                        fleet.root.resolve(".openclaw-e"), fleet.root.resolve(".openclaw-f"))
                .contains(fleet.root.resolve(".openclaw-c"), elsewhere, fleet.root.resolve(".OpenClaw-G"));
        assertThat(read.host().instances()).hasSize(7);
        LocalReader local = new LocalReader(FleetFixture.UID, null, Map.of(), Duration.ofSeconds(10));
        for (InstanceState state : read.host().instances()) {
            Path dir = state.instance().stateDir();
            FileFact stat = (FileFact) local.answer(List.of(new HostQuery.ReadFile(dir, 0))).values().iterator().next();
            int mode = stat.kind().exists() ? (stat.directory() ? stat.mode() & 07777 : -2) : -1;
            assertThat(state.stateDir()).as(dir.toString())
                    .isEqualTo(new InstanceState.DirState(dir, mode != -1, mode >= 0, Math.max(mode, 0)));
        }
        assertThat(read.host().instances().get(1).stateDir().mode()).isEqualTo(02755);
    }

    @Test
    void aFleetReadOnSeveralThreadsIsReadAndJudgedInTheSameOrderEveryTime() {
        FleetFixture fleet = FleetFixture.in(tmp);
        int count = Parallel.FROM + 44;
        for (int i = 0; i < count; i++) {
            FleetFixture.InstanceBuilder b = fleet.instance(String.format("n%03d", i), 20000 + 20 * i);
            if (i % 7 == 0) {
                b.stateMode("rwxr-xr-x");
            }
            if (i % 11 == 0) {
                b.configMode("rw-r--r--");
            }
            if (i % 13 == 0) {
                b.noStateDir();
            }
            b.write();
        }

        Audit.Fleet first = Audit.read(new Recording(), fleet.agents, fleet.root);
        List<Instance> instances = first.instances();
        assertThat(instances).hasSize(count);
        assertThat(first.host().instances()).extracting(InstanceState::instance).containsExactlyElementsOf(instances);
        List<HostQuery> oneByOne = new ArrayList<>();
        instances.forEach(i -> oneByOne.addAll(HostInspector.instanceQueries(List.of(i))));
        assertThat(HostInspector.instanceQueries(instances)).containsExactlyElementsOf(oneByOne);

        Report report = Audit.run(new Recording(), fleet.agents, fleet.root, Set.of(), Audit.LiveOptions.none());
        assertThat(report.findings()).isNotEmpty();
        for (int run = 0; run < 3; run++) {
            assertThat(Audit.read(new Recording(), fleet.agents, fleet.root).host()).isEqualTo(first.host());
            assertThat(Audit.run(new Recording(), fleet.agents, fleet.root, Set.of(), Audit.LiveOptions.none())).isEqualTo(report);
        }
    }
}
