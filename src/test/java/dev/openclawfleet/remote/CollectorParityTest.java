package dev.openclawfleet.remote;

import com.dd.plist.BinaryPropertyListWriter;
import com.dd.plist.NSArray;
import com.dd.plist.NSDictionary;
import dev.openclawfleet.model.DirListing;
import dev.openclawfleet.model.FileFact;
import dev.openclawfleet.model.HostAnswer;
import dev.openclawfleet.model.HostQuery;
import dev.openclawfleet.system.LocalReader;
import dev.openclawfleet.system.ProcessRunner;
import dev.openclawfleet.testing.FleetFixture;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The collector script (run by a local POSIX shell here, by ssh's remote shell in production)
 * answers every kind of query exactly as the local reader does, on hostile files too: a FIFO and a
 * folder named like plists, dangling and good links, a file over the cap, binary and UTF-16 plists
 * that mention OpenClaw only inside, names with blanks and accents, a line break in a name.
 */
class CollectorParityTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sh", "bash --posix"})
    void theCollectorAnswersAsTheLocalReaderDoes(String shell) throws Exception {
        Path agents = Files.createDirectories(tmp.resolve("Library/LaunchAgents"));
        byte[] xml = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<plist version=\"1.0\"><dict><key>Label</key>"
                + "<string>ai.openclaw.a</string></dict></plist>\n").getBytes(StandardCharsets.UTF_8);
        Files.write(agents.resolve("ai.openclaw.a.plist"), xml);
        NSDictionary job = new NSDictionary();
        job.put("Label", "com.me.bot");
        job.put("ProgramArguments", new NSArray(new com.dd.plist.NSString("/opt/homebrew/bin/openclaw"), new com.dd.plist.NSString("gateway")));
        Files.write(agents.resolve("com.me.bot.plist"), BinaryPropertyListWriter.writeToArray(job));
        Files.write(agents.resolve("com.me.utf16.plist"), ("<?xml version=\"1.0\" encoding=\"UTF-16\"?><plist><dict><key>Label</key>"
                + "<string>com.me.Openclaw.x</string></dict></plist>").getBytes(StandardCharsets.UTF_16));
        Files.writeString(agents.resolve("com.other.backup.plist"), "<plist><dict><key>Label</key><string>backup</string></dict></plist>");
        Files.writeString(agents.resolve("ai.openclaw.with space é.plist"), "not a plist");
        Files.writeString(agents.resolve("ai.openclaw.line\nbreak.plist"), "x");
        new ProcessBuilder("mkfifo", agents.resolve("ai.openclaw.fifo.plist").toString()).start().waitFor();
        Files.createDirectories(agents.resolve("ai.openclaw.dir.plist"));
        Files.createSymbolicLink(agents.resolve("ai.openclaw.dangling.plist"), tmp.resolve("nowhere"));
        Files.createSymbolicLink(agents.resolve("ai.openclaw.link.plist"), agents.resolve("ai.openclaw.a.plist"));
        byte[] big = new byte[(1 << 20) + 10];
        Arrays.fill(big, (byte) 'x');
        Files.write(agents.resolve("ai.openclaw.big.plist"), big);
        Files.write(agents.resolve("com.big.but.openclaw.plist"), big);
        System.arraycopy("openclaw".getBytes(StandardCharsets.US_ASCII), 0, big, 0, 8);
        Files.write(agents.resolve("com.big.quiet.plist"), big); // says openclaw, but only past the cap: not parsed, so not selected
        Path log = Files.writeString(tmp.resolve("gateway.err.log"), "first\nsecond\nthird line, the last\n");
        Path config = FleetFixture.write(tmp.resolve("state/openclaw.json"), "{\"gateway\": {\"mode\": \"local\"}}", "rw-------");
        Files.setPosixFilePermissions(tmp.resolve("state"), PosixFilePermissions.fromString("rwx--x---"));
        Files.createDirectories(tmp.resolve("root/.openclaw-luca"));
        Files.createDirectories(tmp.resolve("root/.fleet-staging-x"));
        Files.writeString(tmp.resolve("root/openclaw.json"), "{}");
        Files.writeString(tmp.resolve("root/.hidden"), "");

        List<HostQuery> queries = List.of(
                new HostQuery.ListDir(agents, List.of("*.plist"), 1 << 20, true),
                new HostQuery.ListDir(agents, List.of("*.plist"), 0, false),
                new HostQuery.ListDir(tmp.resolve("root"), List.of(".openclaw-*", ".fleet-staging-*", "openclaw.json", "tmp"), 0, false),
                new HostQuery.ListDir(tmp.resolve("missing"), List.of("*"), 0, false),
                new HostQuery.ReadFile(config, 1 << 20),
                new HostQuery.ReadFile(config, 10),
                new HostQuery.ReadFile(tmp.resolve("state"), 0),
                new HostQuery.ReadFile(tmp.resolve("state"), 100),
                new HostQuery.ReadFile(tmp.resolve("no/such/file"), 100),
                new HostQuery.ReadFile(agents.resolve("ai.openclaw.dangling.plist"), 100),
                new HostQuery.ReadFile(agents.resolve("ai.openclaw.fifo.plist"), 100),
                new HostQuery.ReadFile(agents.resolve("ai.openclaw.link.plist"), 100),
                new HostQuery.TailFile(log, 12),
                new HostQuery.TailFile(log, 1000));

        Map<HostQuery, HostAnswer> local = new LocalReader(FleetFixture.UID, tmp, Map.of(), Duration.ofSeconds(10)).answer(queries);
        List<String> argv = new ArrayList<>(List.of(shell.split(" ")));
        argv.add("-s");
        ProcessRunner runner = new ProcessRunner(Map.of("PATH", "/usr/local/bin:/usr/bin:/bin", "HOME", tmp.toString()));
        ProcessRunner.Session session = runner.start(Duration.ofSeconds(60), argv.get(0), argv.subList(1, argv.size()).toArray(String[]::new));
        Map<HostQuery, HostAnswer> remote;
        try (SshReader reader = SshReader.over(session, SshTarget.parse("here", "test"), SshOptions.of(null, Duration.ofSeconds(10)), false)) {
            assertThat(reader.identity().uid()).isEqualTo(FleetFixture.UID);
            assertThat(reader.identity().home()).isEqualTo(tmp);
            remote = reader.answer(queries);
        }
        for (HostQuery q : queries) {
            assertThat(describe(remote.get(q))).as(q.toString()).isEqualTo(describe(local.get(q)));
        }
        DirListing selected = (DirListing) local.get(queries.get(0));
        assertThat(selected.entries()).extracting(DirListing.Entry::name).containsExactly("ai.openclaw.a.plist", "ai.openclaw.big.plist",
                "ai.openclaw.dangling.plist", "ai.openclaw.dir.plist", "ai.openclaw.fifo.plist", "ai.openclaw.line\nbreak.plist",
                "ai.openclaw.link.plist", "ai.openclaw.with space é.plist", "com.big.but.openclaw.plist", "com.me.bot.plist", "com.me.utf16.plist");
    }

    /**
     * An entry of a listed folder is answered exactly as a query about its path is, by either reader:
     * the audit takes a state dir's fact from the container root's listing instead of asking again.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sh", "bash --posix"})
    void aListedEntryIsAnsweredAsAQueryAboutItsPath(String shell) throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Files.createDirectories(root.resolve(".openclaw-a"));
        Files.setPosixFilePermissions(Files.createDirectories(root.resolve(".openclaw-open")), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(root.resolve(".openclaw-setgid"));
        assertThat(new ProcessBuilder("chmod", "3710", root.resolve(".openclaw-setgid").toString()).start().waitFor()).isZero();
        Files.writeString(root.resolve(".openclaw-file"), "x");
        Path target = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.createSymbolicLink(root.resolve(".openclaw-link"), target);
        Files.createSymbolicLink(root.resolve(".openclaw-dangling"), tmp.resolve("nowhere"));
        Files.createDirectories(root.resolve(".openclaw-é"));
        HostQuery.ListDir listing = new HostQuery.ListDir(root, List.of(".openclaw-*"), 0, false);
        List<String> names = List.of(".openclaw-a", ".openclaw-open", ".openclaw-setgid", ".openclaw-file", ".openclaw-link",
                ".openclaw-dangling", ".openclaw-é");
        List<HostQuery> queries = new ArrayList<>(List.of(listing));
        names.forEach(n -> queries.add(new HostQuery.ReadFile(root.resolve(n), 0)));

        Map<HostQuery, HostAnswer> local = new LocalReader(FleetFixture.UID, tmp, Map.of(), Duration.ofSeconds(10)).answer(queries);
        List<String> argv = new ArrayList<>(List.of(shell.split(" ")));
        argv.add("-s");
        ProcessRunner runner = new ProcessRunner(Map.of("PATH", "/usr/local/bin:/usr/bin:/bin", "HOME", tmp.toString()));
        ProcessRunner.Session session = runner.start(Duration.ofSeconds(60), argv.get(0), argv.subList(1, argv.size()).toArray(String[]::new));
        Map<HostQuery, HostAnswer> remote;
        try (SshReader reader = SshReader.over(session, SshTarget.parse("here", "test"), SshOptions.of(null, Duration.ofSeconds(10)), false)) {
            remote = reader.answer(queries);
        }
        for (Map<HostQuery, HostAnswer> answers : List.of(local, remote)) {
            DirListing listed = (DirListing) answers.get(listing);
            assertThat(listed.entries()).extracting(DirListing.Entry::name).containsExactlyInAnyOrderElementsOf(names);
            for (DirListing.Entry e : listed.entries()) {
                assertThat(describe(e.fact())).as(e.name()).isEqualTo(describe(answers.get(new HostQuery.ReadFile(root.resolve(e.name()), 0))));
            }
        }
        assertThat(describe(remote.get(listing))).isEqualTo(describe(local.get(listing)));
    }

    /**
     * A round's files cost the Mac one {@code stat} in all, not one per file (a fork and an exec each
     * were most of what the collector cost a host), and the answers stay those of the local reader,
     * also for a name stat cannot print on one line (stat'ed alone), for other software's plists
     * (looked at only to be left out) and for the end of a log (stat'ed as it is read).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sh", "bash --posix"})
    void aRoundOfFilesIsStatedOnce(String shell) throws Exception {
        Path shims = Files.createDirectories(tmp.resolve("shims"));
        Path calls = tmp.resolve("stat-calls");
        Path stat = Files.writeString(shims.resolve("stat"), "#!/bin/sh\necho called >> '" + calls + "'\nexec /usr/bin/stat \"$@\"\n");
        Files.setPosixFilePermissions(stat, PosixFilePermissions.fromString("rwx------"));
        Path agents = Files.createDirectories(tmp.resolve("Library/LaunchAgents"));
        List<HostQuery> queries = new ArrayList<>();
        queries.add(new HostQuery.ListDir(agents, List.of("*.plist"), 1 << 20, true));
        for (int i = 0; i < 10; i++) {
            Files.writeString(agents.resolve("ai.openclaw.g" + i + ".plist"), "<plist><dict><key>Label</key><string>ai.openclaw.g" + i
                    + "</string></dict></plist>");
            Path state = Files.createDirectories(tmp.resolve("root/.openclaw-g" + i));
            queries.add(new HostQuery.ReadFile(state, 0));
            queries.add(new HostQuery.ReadFile(FleetFixture.write(state.resolve("openclaw.json"), "{\"n\": " + i + "}", "rw-------"), 1 << 20));
            queries.add(new HostQuery.ReadFile(state.resolve(".env"), 1 << 10));
        }
        Files.writeString(agents.resolve("ai.openclaw.new\nline.plist"), "x");
        Files.writeString(agents.resolve("com.other.job.plist"), "<plist><dict><key>Label</key><string>com.other.job</string></dict></plist>");
        Files.writeString(agents.resolve("com.other.bot.plist"), "<plist><!-- runs openclaw --></plist>");
        queries.add(new HostQuery.TailFile(Files.writeString(tmp.resolve("gateway.err.log"), "one\ntwo\n"), 4));

        Map<HostQuery, HostAnswer> local = new LocalReader(FleetFixture.UID, tmp, Map.of(), Duration.ofSeconds(10)).answer(queries);
        List<String> argv = new ArrayList<>(List.of(shell.split(" ")));
        argv.add("-s");
        ProcessRunner runner = new ProcessRunner(Map.of("PATH", shims + ":/usr/local/bin:/usr/bin:/bin", "HOME", tmp.toString()));
        ProcessRunner.Session session = runner.start(Duration.ofSeconds(60), argv.get(0), argv.subList(1, argv.size()).toArray(String[]::new));
        Map<HostQuery, HostAnswer> remote;
        try (SshReader reader = SshReader.over(session, SshTarget.parse("here", "test"), SshOptions.of(null, Duration.ofSeconds(10)), false)) {
            long greeting = Files.readAllLines(calls).size();
            remote = reader.answer(queries);
            // the greeting's probe of stat's dialect; then one call for the round, one alone for the name with a line
            // break, and one alone for the log whose end is read (its size must be that of the moment it is read)
            assertThat(Files.readAllLines(calls)).hasSize((int) greeting + 3);
        }
        for (HostQuery q : queries) {
            assertThat(describe(remote.get(q))).as(q.toString()).isEqualTo(describe(local.get(q)));
        }
        assertThat(((DirListing) remote.get(queries.get(0))).entries()).hasSize(12);
    }

    /**
     * One stat call takes at most 400 paths (the command line stays well under macOS's limit); the
     * rest of a big round is stat'ed alone, with the same answers.
     */
    @org.junit.jupiter.api.Test
    void aRoundPastTheBoundsOfOneStatCallIsStillAnsweredRight() throws Exception {
        Path shims = Files.createDirectories(tmp.resolve("shims"));
        Path calls = tmp.resolve("stat-calls");
        Path stat = Files.writeString(shims.resolve("stat"), "#!/bin/sh\necho called >> '" + calls + "'\nexec /usr/bin/stat \"$@\"\n");
        Files.setPosixFilePermissions(stat, PosixFilePermissions.fromString("rwx------"));
        Path agents = Files.createDirectories(tmp.resolve("Library/LaunchAgents"));
        for (int i = 0; i < 420; i++) {
            Files.writeString(agents.resolve(String.format("ai.openclaw.g%03d.plist", i)), "<plist/>");
        }
        List<HostQuery> queries = List.of(new HostQuery.ListDir(agents, List.of("*.plist"), 0, false),
                new HostQuery.ReadFile(agents.resolve("ai.openclaw.g419.plist"), 100));
        Map<HostQuery, HostAnswer> local = new LocalReader(FleetFixture.UID, tmp, Map.of(), Duration.ofSeconds(10)).answer(queries);
        ProcessRunner runner = new ProcessRunner(Map.of("PATH", shims + ":/usr/local/bin:/usr/bin:/bin", "HOME", tmp.toString()));
        ProcessRunner.Session session = runner.start(Duration.ofSeconds(60), "sh", "-s");
        Map<HostQuery, HostAnswer> remote;
        try (SshReader reader = SshReader.over(session, SshTarget.parse("here", "test"), SshOptions.of(null, Duration.ofSeconds(10)), false)) {
            long greeting = Files.readAllLines(calls).size();
            remote = reader.answer(queries);
            // the folder and 399 entries in one call; the other 21 entries alone (the file read right after the
            // last of them is that same file: its fact is not asked twice)
            assertThat(Files.readAllLines(calls)).hasSize((int) greeting + 1 + 21);
        }
        for (HostQuery q : queries) {
            assertThat(describe(remote.get(q))).as(q.toString()).isEqualTo(describe(local.get(q)));
        }
        assertThat(((DirListing) remote.get(queries.get(0))).entries()).hasSize(420);
    }

    /** Everything a fact says, the bytes by content, the time to the second (the collector's precision). */
    static String describe(HostAnswer answer) {
        if (answer instanceof DirListing d) {
            StringBuilder out = new StringBuilder("dir " + describe(d.dir()) + " problem=" + d.problem());
            d.entries().forEach(e -> out.append("\n  ").append(e.name()).append(": ").append(describe(e.fact())));
            return out.toString();
        }
        FileFact f = (FileFact) answer;
        return f.kind() + " link=" + f.link() + " mode=" + Integer.toOctalString(f.mode()) + " uid=" + f.uid() + " owner=" + f.owner()
                + " size=" + f.size() + " modified=" + (f.modified() == null ? null : f.modified().getEpochSecond())
                + " content=" + (f.content() == null ? null : new String(f.content(), StandardCharsets.ISO_8859_1))
                + " problem=" + f.problem() + " parentMode=" + f.parentMode();
    }
}
