package dev.openclawfleet.system;

import dev.openclawfleet.model.DirListing;
import dev.openclawfleet.model.FileFact;
import dev.openclawfleet.model.HostQuery;
import dev.openclawfleet.model.PlistRead;
import dev.openclawfleet.plist.PlistReads;
import dev.openclawfleet.plist.XmlBatchEquivalenceTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A large folder of plists, read and parsed in batches by the plist scanner ({@code fleet lint})
 * and by this Mac's reader ({@code fleet audit}), gives every file the read that reading it alone
 * gives: the same value, or the same reason and position.
 */
class PlistBatchReadingTest {
    private static final long UID = dev.openclawfleet.testing.FleetFixture.UID;

    @TempDir
    Path tmp;

    @Test
    void theScannerReadsAFolderInBatchesAsItReadsEachFileAlone() throws Exception {
        List<Path> written = write(tmp.resolve("agents"));
        PlistScanner scanner = new PlistScanner(UID);
        PlistScanner.Scan scan = scanner.scan(List.of(tmp.resolve("agents")), false, PlistScanner::isPlistName);
        assertThat(scan.reads()).hasSize(written.size());
        for (PlistRead read : scan.reads()) {
            assertThat(describe(read)).isEqualTo(describe(scanner.read(read.path())));
        }
    }

    @Test
    void thisMacsReaderListsAFolderInBatchesAsItReadsEachFileAlone() throws Exception {
        Path agents = tmp.resolve("agents");
        List<Path> written = write(agents);
        LocalReader reader = new LocalReader(UID, null, Map.of(), Duration.ofSeconds(5));
        DirListing listing = reader.list(new HostQuery.ListDir(agents, List.of("*.plist"), PlistScanner.MAX_PLIST_BYTES, false, true));
        assertThat(listing.entries()).hasSize(written.size());
        for (DirListing.Entry e : listing.entries()) {
            Path path = agents.resolve(e.name());
            FileFact fact = reader.fact(path, PlistScanner.MAX_PLIST_BYTES, false);
            assertThat(describe(e.read())).as(e.name()).isEqualTo(describe(PlistReads.of(path, fact, UID)));
            assertThat(e.fact().content()).isNull();
            assertThat(e.fact().size()).isEqualTo(fact.size());
        }
        DirListing selected = reader.list(new HostQuery.ListDir(agents, List.of("*.plist"), PlistScanner.MAX_PLIST_BYTES, true, true));
        assertThat(selected.entries()).extracting(DirListing.Entry::name)
                .containsExactlyElementsOf(listing.entries().stream().map(DirListing.Entry::name)
                        .filter(n -> dev.openclawfleet.model.OpenClawNames.mayConcern(n, readBytes(agents.resolve(n)))).toList());
    }

    /** The corpus of the batch equivalence test as files, plus a folder and a FIFO named *.plist. */
    private static List<Path> write(Path dir) throws Exception {
        Files.createDirectories(dir);
        List<byte[]> corpus = XmlBatchEquivalenceTest.corpus();
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < corpus.size(); i++) {
            Path p = dir.resolve(String.format(i % 3 == 0 ? "ai.openclaw.f%04d.plist" : "com.example.f%04d.plist", i));
            Files.write(p, corpus.get(i));
            out.add(p);
        }
        out.add(Files.createDirectories(dir.resolve("ai.openclaw.folder.plist")));
        return out;
    }

    private static byte[] readBytes(Path p) {
        try {
            return Files.isRegularFile(p) ? Files.readAllBytes(p) : null;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String describe(PlistRead read) {
        if (read instanceof PlistRead.Failed f) {
            return "failed " + f.path() + ": " + f.reason() + " at " + f.at();
        }
        PlistRead.Parsed p = (PlistRead.Parsed) read;
        return "parsed " + p.path() + " " + p.facts() + ": " + XmlBatchEquivalenceTest.canonical(p.root());
    }
}
