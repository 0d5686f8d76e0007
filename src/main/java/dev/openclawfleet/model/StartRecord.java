package dev.openclawfleet.model;

import java.time.Instant;
import java.util.Objects;

/**
 * What fleet's own start, restart or add-instance of a job left behind, because launchd does not
 * say who spawned a job: launchd's {@code runs} count right after fleet's bootstrap or kickstart
 * (so that count includes fleet's spawn), the pid then (null when it had none yet), when, the size
 * of the err log just before (lines past it were written since), and which operation.
 */
public record StartRecord(String label, long runs, Long pid, Instant at, Long errLogOffset, String operation) {
    public StartRecord {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(at, "at");
    }
}
