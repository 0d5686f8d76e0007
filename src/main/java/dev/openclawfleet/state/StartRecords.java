package dev.openclawfleet.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openclawfleet.model.FileFact;
import dev.openclawfleet.model.FleetLayout;
import dev.openclawfleet.model.StartRecord;
import dev.openclawfleet.system.AtomicFiles;
import dev.openclawfleet.system.FileReadException;
import dev.openclawfleet.system.PrivateDirs;
import dev.openclawfleet.system.SafeFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Fleet's records of its own starts, one small JSON file per label in {@code <root>/.fleet/starts/}
 * (folders 0700 made by {@link PrivateDirs}, files 0600, written atomically). launchd does not say who spawned a job, so
 * `fleet start`, `restart` and `add-instance` write one right after their own bootstrap or
 * kickstart, and the audit reads it as one more fact about the host.
 */
public final class StartRecords {
    /** Fleet's own folder in the container root (the monitor keeps its logs there too). */
    public static final String DIR = FleetLayout.FLEET_DIR + "/starts";
    private static final Pattern SAFE_LABEL = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,199}");
    public static final int MAX_BYTES = 16 * 1024;

    private StartRecords() {
    }

    /** Where the record of {@code label} lives, or empty for a label that cannot be a file name. */
    public static Optional<Path> path(Path root, String label) {
        if (label == null || !SAFE_LABEL.matcher(label).matches()) {
            return Optional.empty();
        }
        return Optional.of(root.resolve(FleetLayout.FLEET_DIR).resolve("starts").resolve(label + ".json"));
    }

    /** The record of {@code label}; empty when there is none or it cannot be read as one. */
    public static Optional<StartRecord> read(Path root, String label) {
        Optional<Path> file = path(root, label);
        if (file.isEmpty() || !Files.isRegularFile(file.get(), LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            return parse(label, SafeFiles.readRegular(file.get(), MAX_BYTES));
        } catch (FileReadException e) {
            return Optional.empty();
        }
    }

    /** The record of {@code label} as a host reader found its file (read up to {@link #MAX_BYTES}): a regular file, not a link. */
    public static Optional<StartRecord> of(String label, FileFact fact) {
        if (!fact.regular() || fact.link() || fact.content() == null) {
            return Optional.empty();
        }
        return parse(label, fact.content());
    }

    private static Optional<StartRecord> parse(String label, byte[] bytes) {
        try {
            JsonNode json = ConfigReader.parse(bytes);
            if (json == null || !label.equals(json.path("label").asText(null)) || !json.path("runs").canConvertToLong()
                    || !json.path("at").isTextual()) {
                return Optional.empty();
            }
            return Optional.of(new StartRecord(label, json.path("runs").asLong(),
                    json.path("pid").canConvertToLong() ? json.path("pid").asLong() : null, Instant.parse(json.path("at").asText()),
                    json.path("errLogOffset").canConvertToLong() ? json.path("errLogOffset").asLong() : null,
                    json.path("operation").asText(null)));
        } catch (ConfigReader.ConfigSyntaxException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * Writes the record: the folders are private dirs inside an existing root (never through a link),
     * the file replaced atomically with mode 0600. Nothing is written when the root does not exist.
     */
    public static void write(Path root, long uid, StartRecord record) throws IOException {
        Optional<Path> file = path(root, record.label());
        if (file.isEmpty() || !Files.isDirectory(root)) {
            return;
        }
        try {
            PrivateDirs.require(root.resolve(FleetLayout.FLEET_DIR), uid);
            PrivateDirs.require(file.get().getParent(), uid);
        } catch (dev.openclawfleet.model.FleetException e) {
            throw new IOException(e.getMessage());
        }
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("label", record.label());
        json.put("runs", record.runs());
        if (record.pid() == null) {
            json.putNull("pid");
        } else {
            json.put("pid", record.pid());
        }
        json.put("at", record.at().toString());
        if (record.errLogOffset() == null) {
            json.putNull("errLogOffset");
        } else {
            json.put("errLogOffset", record.errLogOffset());
        }
        json.put("operation", record.operation());
        byte[] bytes = (ConfigReader.json5().writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        AtomicFiles.write(file.get(), bytes, AtomicFiles.MODE_0600, true);
    }

    /** Forgets the record of {@code label} (after a bootout, launchd's count starts again at the next load). */
    public static void delete(Path root, String label) throws IOException {
        Optional<Path> file = path(root, label);
        if (file.isPresent() && !Files.isSymbolicLink(file.get().getParent())) {
            Files.deleteIfExists(file.get());
        }
    }
}
