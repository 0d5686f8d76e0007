package dev.openclawfleet.model;

/** The live digest of one instance for reports: the `live` object of the JSON output; {@code loaded} is null when unknown. */
public record LiveStatus(Boolean loaded, String state, Integer pid, Long runs, Integer lastExitCode, String lastSignal,
                         Boolean listening, Long uptimeSeconds) {
}
