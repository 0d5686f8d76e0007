package dev.openclawfleet.model;

/** The live digest of one instance for reports: the `live` object of the JSON output. */
public record LiveStatus(boolean loaded, String state, Integer pid, Long runs, Integer lastExitCode, String lastSignal,
                         Boolean listening, Long uptimeSeconds) {
}
