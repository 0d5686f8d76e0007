package dev.openclawfleet.fix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openclawfleet.model.FleetException;
import dev.openclawfleet.model.FleetLayout;
import dev.openclawfleet.render.Json;
import dev.openclawfleet.state.ConfigReader;
import dev.openclawfleet.system.AtomicFiles;
import dev.openclawfleet.system.FileReadException;
import dev.openclawfleet.system.PrivateDirs;
import dev.openclawfleet.system.SafeFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a `fleet fix` in progress must still do that no audit can see, in
 * {@code <root>/.fleet/fix-journal.json} (folder 0700, file 0600, written atomically, never a
 * secret): the instances it changed and has not restarted yet (a new token is invisible until the
 * gateway restarts), the state of a root migration, and its backup folder. A rerun after a kill -9
 * reads it, finishes that work and uses the same backup folder; a finished run deletes it.
 */
public final class FixJournal {
    public static final String FILE = FleetLayout.FIX_JOURNAL;
    private static final int MAX_BYTES = 256 * 1024;

    private FixJournal() {
    }

    /** An instance to start or restart: its name, label and plist. */
    public record Pending(String name, String label, String plist) {
    }

    /** How far a root migration got: the new instance's name, the old job, and the last phase completed. */
    public record Migration(String name, String oldLabel, String oldPlist, String phase, String staging) {
        Migration at(String next) {
            return new Migration(name, oldLabel, oldPlist, next, staging);
        }

        Migration staging(String dir) {
            return new Migration(name, oldLabel, oldPlist, phase, dir);
        }
    }

    /** The journal of one run: who wrote it, when, where its backups are, and what is pending. */
    public record Entry(long pid, Instant startedAt, Path backupDir, List<Pending> pending, Migration migration) {
        public Entry {
            pending = List.copyOf(pending);
        }

        Entry withPending(List<Pending> other) {
            return new Entry(pid, startedAt, backupDir, other, migration);
        }

        Entry withMigration(Migration other) {
            return new Entry(pid, startedAt, backupDir, pending, other);
        }

        /** True while the process that wrote it still runs (then it is not a run to finish). */
        public boolean running() {
            return pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
    }

    public static Path file(Path root) {
        return root.resolve(FleetLayout.FLEET_DIR).resolve(FILE);
    }

    public static Optional<Entry> read(Path root) {
        Path file = file(root);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            JsonNode json = ConfigReader.parse(SafeFiles.readRegular(file, MAX_BYTES));
            List<Pending> pending = new ArrayList<>();
            json.path("pending").forEach(p -> pending.add(new Pending(p.path("name").asText(), p.path("label").asText(),
                    p.path("plist").asText())));
            JsonNode m = json.path("migration");
            Migration migration = m.isObject() ? new Migration(m.path("name").asText(), m.path("oldLabel").asText(null),
                    m.path("oldPlist").asText(null), m.path("phase").asText("planned"), m.path("staging").asText(null)) : null;
            return Optional.of(new Entry(json.path("pid").asLong(), Instant.parse(json.path("startedAt").asText()),
                    Path.of(json.path("backupDir").asText()), pending, migration));
        } catch (FileReadException | ConfigReader.ConfigSyntaxException | RuntimeException e) {
            throw FleetException.operational(file + " cannot be read (" + e.getMessage() + "): it records an unfinished `fleet fix`;"
                    + " look at it, then delete it to plan from scratch");
        }
    }

    public static void write(Path root, long uid, Entry entry) {
        ObjectNode json = Json.object();
        json.put("pid", entry.pid());
        json.put("startedAt", entry.startedAt().toString());
        json.put("backupDir", entry.backupDir().toString());
        ArrayNode pending = json.putArray("pending");
        for (Pending p : entry.pending()) {
            ObjectNode n = pending.addObject();
            n.put("name", p.name());
            n.put("label", p.label());
            n.put("plist", p.plist());
        }
        if (entry.migration() != null) {
            ObjectNode m = json.putObject("migration");
            m.put("name", entry.migration().name());
            m.put("oldLabel", entry.migration().oldLabel());
            m.put("oldPlist", entry.migration().oldPlist());
            m.put("phase", entry.migration().phase());
            m.put("staging", entry.migration().staging());
        }
        try {
            PrivateDirs.require(root.resolve(FleetLayout.FLEET_DIR), uid);
            AtomicFiles.write(file(root), Json.pretty(json).getBytes(StandardCharsets.UTF_8), AtomicFiles.MODE_0600, true);
        } catch (IOException e) {
            throw FleetException.operational(file(root) + ": cannot write the fix journal: " + SafeFiles.ioReason(e)
                    + "; nothing more was changed");
        }
    }

    public static void delete(Path root) {
        try {
            Files.deleteIfExists(file(root));
        } catch (IOException e) {
            throw FleetException.operational(file(root) + ": cannot delete it: " + SafeFiles.ioReason(e));
        }
    }
}
