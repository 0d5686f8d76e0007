package dev.openclawfleet.model;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A gateway lock file as found on disk: OpenClaw writes JSON with the owner's pid, when it was
 * created, the config path, state dir and port. {@code legacyScheme} marks the pre-mid-2026
 * location in the shared {@code $TMPDIR/openclaw-<uid>/}. Unreadable fields are null.
 */
public record LockFile(Path path, boolean legacyScheme, Long pid, Instant createdAt, Long startTimeMillis, String configPath,
                       String stateDir, Integer port) {
}
