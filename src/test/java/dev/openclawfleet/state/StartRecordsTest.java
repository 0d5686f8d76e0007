package dev.openclawfleet.state;

import dev.openclawfleet.model.StartRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Fleet's start records: 0700 folder, 0600 files, atomic, never through a link, unreadable ones ignored. */
class StartRecordsTest {
    static final StartRecord RECORD = new StartRecord("ai.openclaw.luca", 3, 812L, Instant.parse("2026-11-02T10:00:00Z"), 4096L, "restart");

    static final long UID = dev.openclawfleet.system.CurrentUser.detect(System.getenv()).uid();

    @TempDir
    Path root;

    @Test
    void writesAndReadsBackWithPrivateModes() throws Exception {
        StartRecords.write(root, UID, RECORD);
        Path dir = root.resolve(".fleet/starts");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("ai.openclaw.luca.json")))).isEqualTo("rw-------");
        assertThat(StartRecords.read(root, "ai.openclaw.luca")).contains(RECORD);
        StartRecords.write(root, UID, new StartRecord("ai.openclaw.luca", 4, null, RECORD.at(), null, "start"));
        assertThat(StartRecords.read(root, "ai.openclaw.luca")).hasValueSatisfying(r -> {
            assertThat(r.runs()).isEqualTo(4);
            assertThat(r.pid()).isNull();
            assertThat(r.errLogOffset()).isNull();
        });
        try (var left = Files.list(dir)) {
            assertThat(left).as("no temp file left").hasSize(1);
        }
        StartRecords.delete(root, "ai.openclaw.luca");
        assertThat(StartRecords.read(root, "ai.openclaw.luca")).isEmpty();
    }

    @Test
    void aMissingRootIsNotCreated() throws Exception {
        Path missing = root.resolve("nope");
        StartRecords.write(missing, UID, RECORD);
        assertThat(missing).doesNotExist();
    }

    @Test
    void neverWritesThroughALinkedFolder() throws Exception {
        Path elsewhere = Files.createDirectories(root.resolve("elsewhere"));
        Path container = Files.createDirectories(root.resolve("container"));
        Files.createSymbolicLink(container.resolve(".fleet"), elsewhere);
        assertThatThrownBy(() -> StartRecords.write(container, UID, RECORD)).isInstanceOf(IOException.class).hasMessageContaining("symbolic link");
        try (var left = Files.list(elsewhere)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void garbageAndOddLabelsReadAsNoRecord() throws Exception {
        Files.createDirectories(root.resolve(".fleet/starts"));
        Files.writeString(root.resolve(".fleet/starts/ai.openclaw.luca.json"), "{not json");
        assertThat(StartRecords.read(root, "ai.openclaw.luca")).isEmpty();
        Files.writeString(root.resolve(".fleet/starts/ai.openclaw.luca.json"), "{\"label\": \"ai.openclaw.other\", \"runs\": 3, \"at\": \"2026-11-02T10:00:00Z\"}");
        assertThat(StartRecords.read(root, "ai.openclaw.luca")).as("a record for another label").isEmpty();
        assertThat(StartRecords.path(root, "../../etc/passwd")).isEmpty();
        assertThat(StartRecords.path(root, ".hidden")).isEmpty();
    }
}
