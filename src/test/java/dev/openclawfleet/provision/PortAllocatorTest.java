package dev.openclawfleet.provision;

import dev.openclawfleet.audit.PlistClassifier;
import dev.openclawfleet.model.FileFacts;
import dev.openclawfleet.model.FleetLayout;
import dev.openclawfleet.model.Instance;
import dev.openclawfleet.model.PlistFile;
import dev.openclawfleet.model.PlistRead;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The port allocator never hands out a port that collides, and takes the first free slot. */
class PortAllocatorTest {
    static Instance instance(String name, int port) {
        Object plist = ContractPlist.of(new ContractPlist.Spec(new FleetLayout(Path.of("/r")), name, port, Path.of("/usr/bin/node"),
                Path.of("/x/index.js")));
        return ((PlistFile.Gateway) PlistClassifier.classify(new PlistRead.Parsed(Path.of("a", name + ".plist"),
                new FileFacts(0644, "me", true, 1), plist))).instance();
    }

    @Test
    void firstFreeSlotInStepsOf20() {
        List<Instance> fleet = List.of(instance("a", 18789), instance("b", 18809));
        assertThat(PortAllocator.allocate(18789, fleet, p -> false)).hasValue(18829);
        assertThat(PortAllocator.allocate(18789, fleet, p -> p == 18840)).as("18829+11 listens").hasValue(18849);
        assertThat(PortAllocator.allocate(65430, List.of(), p -> false)).as("past 65425 the derived ports leave the range").isEmpty();
    }

    @Test
    void explicitPortConflictsAreNamed() {
        List<Instance> fleet = List.of(instance("luca", 18789));
        assertThat(PortAllocator.conflicts(18791, fleet, p -> false)).anySatisfy(c ->
                assertThat(c).isEqualTo("port 18791 (this instance's gateway) is luca's browser-control port (a/luca.plist)"));
        assertThat(PortAllocator.conflicts(18780, fleet, p -> false)).anySatisfy(c ->
                assertThat(c).contains("port 18791 (this instance's default CDP) is luca's browser-control port"));
        assertThat(PortAllocator.conflicts(18809, fleet, p -> p == 18820)).singleElement().asString()
                .contains("18820 (this instance's default CDP) is in use by a running process now");
    }

    /** Random fleets and listening sets: the allocated port never shares B, B+2 or B+11 with anyone and keeps 20 away. */
    @RepeatedTest(200)
    void allocatedPortsNeverCollide(RepetitionInfo info) {
        Random random = new Random(info.getCurrentRepetition());
        // The sizes are drawn once: a bound drawn again on every pass ends most loops early, and those
        // repetitions would check an (almost) empty fleet.
        int instances = 1 + random.nextInt(15);
        int listeners = random.nextInt(30);
        List<Instance> fleet = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            fleet.add(instance("n" + i, 18700 + random.nextInt(400)));
        }
        Set<Integer> listening = new java.util.HashSet<>();
        for (int i = 0; i < listeners; i++) {
            listening.add(18700 + random.nextInt(500));
        }
        assertThat(fleet).hasSize(instances);
        OptionalInt port = PortAllocator.allocate(18789, fleet, listening::contains);
        assertThat(port).isPresent();
        int b = port.getAsInt();
        Set<Integer> mine = Set.of(b, b + 2, b + 11);
        for (Instance other : fleet) {
            int o = other.port();
            assertThat(mine).noneMatch(Set.of(o, o + 2, o + 11)::contains);
            assertThat(Math.abs(o - b)).isGreaterThanOrEqualTo(20);
        }
        assertThat(mine).noneMatch(listening::contains);
        assertThat((b - 18789) % 20).isZero();
    }
}
