package dev.openclawfleet.system;

import dev.openclawfleet.model.DirListing;
import dev.openclawfleet.model.FileFact;
import dev.openclawfleet.model.FileKind;
import dev.openclawfleet.model.HostAnswer;
import dev.openclawfleet.model.HostQuery;
import dev.openclawfleet.model.KeyPath;
import dev.openclawfleet.model.PlistRead;
import dev.openclawfleet.plist.PlistReads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** This Mac's reader: a folder's listing standing in for stats of missing files, and plists parsed as they are read. */
class LocalReaderTest {
    private static final long UID = dev.openclawfleet.testing.FleetFixture.UID;

    @TempDir
    Path tmp;

    private final LocalReader reader = new LocalReader(UID, null, Map.of(), Duration.ofSeconds(5));

    @Test
    void filesMissingFromAListedFolderAreAnsweredAsAStatWouldAnswerThem() throws Exception {
        Path state = Files.createDirectories(tmp.resolve("state"));
        Files.writeString(state.resolve("openclaw.json"), "{}");
        Files.writeString(state.resolve(".ENV"), "A=1\n"); // differs from .env by case alone: a stat decides
        Files.createSymbolicLink(state.resolve(".env.local"), tmp.resolve("nowhere"));
        Files.createDirectories(state.resolve("logs"));
        Path file = Files.writeString(tmp.resolve("plain"), "x");
        List<HostQuery> queries = new ArrayList<>();
        for (String name : List.of("openclaw.json", ".env", ".ENV", ".env.local", "logs", ".fleet-provisioning", "été.txt")) {
            queries.add(new HostQuery.ReadFile(state.resolve(name), 64));
        }
        queries.add(new HostQuery.ReadFile(file.resolve("child"), 64)); // below a file, not a folder
        queries.add(new HostQuery.ReadFile(file.resolve("other"), 0));
        queries.add(new HostQuery.ReadFile(tmp.resolve("gone/a"), 0)); // below a missing folder
        queries.add(new HostQuery.ReadFile(tmp.resolve("gone/b"), 0));

        Map<HostQuery, HostAnswer> answers = reader.answer(queries);

        for (HostQuery q : queries) {
            HostQuery.ReadFile r = (HostQuery.ReadFile) q;
            assertSame((FileFact) answers.get(q), reader.fact(r.path(), r.max(), false), r.path());
        }
        assertThat(((FileFact) answers.get(queries.get(1))).kind()).isEqualTo(FileKind.MISSING);
        assertThat(((FileFact) answers.get(queries.get(3))).kind()).isEqualTo(FileKind.DANGLING_LINK);
    }

    @Test
    void aListingNeverClaimsANameThatDiffersByCaseOrIsNotAsciiIsMissing() {
        Path dir = tmp.resolve("d");
        Map<Path, Set<String>> listed = Map.of(dir, Set.of(".ENV", ".env", "Config.json", "config.json"));
        assertThat(LocalReader.absent(dir.resolve(".fleet-provisioning"), listed)).isTrue();
        assertThat(LocalReader.absent(dir.resolve(".Env"), listed)).isFalse();
        assertThat(LocalReader.absent(dir.resolve("CONFIG.JSON"), listed)).isFalse();
        assertThat(LocalReader.absent(dir.resolve("été.txt"), listed)).isFalse();
        assertThat(LocalReader.absent(tmp.resolve("unlisted/x"), listed)).isFalse();
    }

    @Test
    void aFolderWithTooManyEntriesOrNoSearchRightIsNotListed() throws Exception {
        Path big = Files.createDirectories(tmp.resolve("big"));
        for (int i = 0; i <= LocalReader.MAX_LISTED_NAMES; i++) {
            Files.createFile(big.resolve("f" + i));
        }
        Path locked = Files.createDirectories(tmp.resolve("locked"));
        Files.writeString(locked.resolve("openclaw.json"), "{}");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rw-------"));
        try {
            List<HostQuery> queries = List.of(new HostQuery.ReadFile(big.resolve("f1"), 0), new HostQuery.ReadFile(big.resolve("nope"), 0),
                    new HostQuery.ReadFile(locked.resolve("openclaw.json"), 8), new HostQuery.ReadFile(locked.resolve(".env"), 8));
            Map<HostQuery, HostAnswer> answers = reader.answer(queries);
            for (HostQuery q : queries) {
                HostQuery.ReadFile r = (HostQuery.ReadFile) q;
                assertSame((FileFact) answers.get(q), reader.fact(r.path(), r.max(), false), r.path());
            }
            if (UID != 0) { // root may enter any folder: for anyone else, a folder without x hides its files
                assertThat(((FileFact) answers.get(queries.get(3))).kind()).isEqualTo(FileKind.INACCESSIBLE);
            }
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void aPlistListingHoldsEachPlistParsedInsteadOfItsBytes() throws Exception {
        Path agents = Files.createDirectories(tmp.resolve("LaunchAgents"));
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<plist version=\"1.0\">\n<dict>\n\t<key>Label</key>\n"
                + "\t<string>ai.openclaw.luca</string>\n\t<key>RunAtLoad</key>\n\t<true/>\n</dict>\n</plist>\n";
        Path plist = Files.writeString(agents.resolve("ai.openclaw.luca.plist"), xml);
        Files.writeString(agents.resolve("ai.openclaw.broken.plist"), "<plist><dict>");
        HostQuery.ListDir parsed = new HostQuery.ListDir(agents, List.of("*.plist"), 1 << 20, true, true);
        HostQuery.ListDir raw = new HostQuery.ListDir(agents, List.of("*.plist"), 1 << 20, true);

        Map<HostQuery, HostAnswer> answers = reader.answer(List.of(parsed, raw));

        List<DirListing.Entry> withReads = ((DirListing) answers.get(parsed)).entries();
        List<DirListing.Entry> withBytes = ((DirListing) answers.get(raw)).entries();
        assertThat(withReads).hasSize(2);
        for (int i = 0; i < withReads.size(); i++) {
            DirListing.Entry e = withReads.get(i);
            assertThat(e.fact().content()).isNull();
            assertThat(withBytes.get(i).read()).isNull();
            PlistRead later = PlistReads.of(agents.resolve(e.name()), withBytes.get(i).fact(), UID);
            assertThat(e.read().getClass()).isEqualTo(later.getClass());
            if (later instanceof PlistRead.Parsed p) {
                PlistRead.Parsed now = (PlistRead.Parsed) e.read();
                assertThat(now.root()).isEqualTo(p.root());
                assertThat(now.facts()).isEqualTo(p.facts());
                assertThat(now.locator().locate(KeyPath.key("RunAtLoad"))).isEqualTo(p.locator().locate(KeyPath.key("RunAtLoad")))
                        .get().extracting(dev.openclawfleet.model.Position::line).isEqualTo(7); // the value's line
            } else {
                assertThat(e.read()).isEqualTo(later);
            }
        }
        // The position is found by reading the file again: once it changed, the position is unknown, never wrong.
        PlistRead.Parsed luca = (PlistRead.Parsed) withReads.stream().filter(e -> e.name().equals("ai.openclaw.luca.plist")).findFirst()
                .orElseThrow().read();
        Files.writeString(plist, "\n\n" + xml);
        assertThat(luca.locator().locate(KeyPath.key("RunAtLoad"))).isEmpty();
    }

    @Test
    void aRoundOfListingsAndFilesIsAnsweredInItsOrderAsEachQueryAloneWouldBe() throws Exception {
        // Listings are answered one after the other on the calling thread, files and tails on every core: the answers
        // must be those of asking each query alone, under each query, in the order asked.
        Path agents = Files.createDirectories(tmp.resolve("agents"));
        Path root = Files.createDirectories(tmp.resolve("root"));
        List<HostQuery> queries = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            Path state = Files.createDirectories(root.resolve(String.format(".openclaw-n%03d", i)));
            Files.writeString(state.resolve("openclaw.json"), "{\"gateway\": {\"port\": " + (20000 + i) + "}}");
            Files.writeString(agents.resolve(String.format("ai.openclaw.n%03d.plist", i)), "<plist version=\"1.0\"><dict><key>Label</key><string>ai.openclaw.n"
                    + i + "</string></dict></plist>\n");
            queries.add(new HostQuery.ReadFile(state.resolve("openclaw.json"), 1 << 20));
            queries.add(new HostQuery.ReadFile(state.resolve(".env"), 1 << 16));
            if (i == 100) {
                queries.add(new HostQuery.ListDir(agents, List.of("*.plist"), 1 << 20, true, true));
            }
            if (i == 200) {
                queries.add(new HostQuery.ListDir(root, List.of(".openclaw-*"), 0, false));
                queries.add(new HostQuery.TailFile(state.resolve("openclaw.json"), 8));
            }
        }

        Map<HostQuery, HostAnswer> answers = reader.answer(queries);

        assertThat(List.copyOf(answers.keySet())).containsExactlyElementsOf(queries);
        for (HostQuery q : queries) {
            HostAnswer alone = reader.answer(List.of(q)).get(q);
            HostAnswer together = answers.get(q);
            if (q instanceof HostQuery.ListDir) {
                List<DirListing.Entry> a = ((DirListing) together).entries();
                List<DirListing.Entry> b = ((DirListing) alone).entries();
                assertThat(a).extracting(DirListing.Entry::name).containsExactlyElementsOf(b.stream().map(DirListing.Entry::name).toList());
                for (int k = 0; k < a.size(); k++) {
                    assertSame(a.get(k).fact(), b.get(k).fact(), Path.of(a.get(k).name()));
                    assertThat(a.get(k).read() == null ? null : a.get(k).read().getClass())
                            .isEqualTo(b.get(k).read() == null ? null : b.get(k).read().getClass());
                }
            } else {
                assertSame((FileFact) together, (FileFact) alone, Path.of(q.toString()));
            }
        }
        assertThat(((DirListing) answers.get(new HostQuery.ListDir(root, List.of(".openclaw-*"), 0, false))).entries()).hasSize(300);
    }

    private static void assertSame(FileFact actual, FileFact expected, Path path) {
        assertThat(actual.kind()).as("%s", path).isEqualTo(expected.kind());
        assertThat(actual.link()).as("%s", path).isEqualTo(expected.link());
        assertThat(actual.mode()).as("%s", path).isEqualTo(expected.mode());
        assertThat(actual.size()).as("%s", path).isEqualTo(expected.size());
        assertThat(actual.problem()).as("%s", path).isEqualTo(expected.problem());
        assertThat(actual.parentMode()).as("%s", path).isEqualTo(expected.parentMode());
        assertThat(Arrays.equals(actual.content(), expected.content())).as("%s", path).isTrue();
        if (actual.content() != null) {
            assertThat(new String(actual.content(), StandardCharsets.UTF_8)).isNotNull();
        }
    }
}
