package dev.openclawfleet.model;

/**
 * The live digest of one instance for reports: the `live` object of the JSON output. {@code loaded}
 * is null when unknown; {@code status} is the verdict on the job's state; {@code listening} is true
 * when anything listens on the instance's port, {@code listenerPid} says which process (the job's
 * own when it is among them) and {@code listenerIsJob} whether that is the job's process or a
 * descendant of it.
 */
public record LiveStatus(Boolean loaded, String state, Integer pid, Long runs, Integer lastExitCode, String lastSignal,
                         Boolean listening, Long uptimeSeconds, JobStatus status, Long listenerPid, Boolean listenerIsJob) {
    public LiveStatus(Boolean loaded, String state, Integer pid, Long runs, Integer lastExitCode, String lastSignal,
                      Boolean listening, Long uptimeSeconds) {
        this(loaded, state, pid, runs, lastExitCode, lastSignal, listening, uptimeSeconds, null, null, null);
    }
}
