package dev.openclawfleet.audit;

import dev.openclawfleet.model.Instance;
import dev.openclawfleet.model.ListEntry;
import dev.openclawfleet.model.LiveJob;
import dev.openclawfleet.model.LiveThresholds;
import dev.openclawfleet.model.ProcessInfo;
import dev.openclawfleet.model.ProcessTree;

import java.util.Map;
import java.util.Optional;

/**
 * Which jobs the live audit asks launchd to describe in full. One {@code launchctl list} gives every
 * job of the domain with its pid and last exit status, and one {@code ps} each process's age; a job
 * that is listed with a process, a last exit status of 0 and a process older than its crash-loop
 * window ({@code throttles} x ThrottleInterval) has one verdict whatever {@code runs} or the last
 * exit say: running (or starting, which only the port decides). Every other job is printed, so the
 * rules that quote launchd's state, runs and last exit (crash-loop, not-running) always have them,
 * and a healthy fleet costs a fixed number of launchctl calls whatever its size.
 */
public final class LiveDetail {
    /** Why a job is printed; empty when it is not. */
    public enum Reason {
        /** `launchctl list` did not answer, or the caller wants every job described. */
        EVERY_JOB,
        /** Not in the list: not loaded (or loaded in a domain the list does not show), which only print can tell. */
        NOT_LISTED,
        /** Listed without a process: not running, waiting out its throttle, or crash-looping. */
        NO_PROCESS,
        /** Its last run exited with a status other than 0 or was killed by a signal. */
        LAST_EXIT,
        /** ps did not run, or does not show the listed pid (it exited a moment ago). */
        PROCESS_UNSEEN,
        /** Its process is younger than the crash-loop window: a respawn, perhaps one of many. */
        YOUNG
    }

    private LiveDetail() {
    }

    /**
     * Whether {@code instance}'s job needs {@code launchctl print}; {@code listed} is the list by
     * label (null when the list failed), {@code processes} the ps snapshot (null when ps did not run).
     */
    public static Optional<Reason> needsPrint(Instance instance, Map<String, ListEntry> listed, ProcessTree processes,
                                              LiveThresholds thresholds) {
        if (listed == null) {
            return Optional.of(Reason.EVERY_JOB);
        }
        ListEntry entry = listed.get(instance.label());
        if (entry == null) {
            return Optional.of(Reason.NOT_LISTED);
        }
        if (entry.pid() == null) {
            return Optional.of(Reason.NO_PROCESS);
        }
        if (entry.status() != 0) {
            return Optional.of(Reason.LAST_EXIT);
        }
        Optional<ProcessInfo> process = processes == null ? Optional.empty() : processes.get(entry.pid());
        if (process.isEmpty()) {
            return Optional.of(Reason.PROCESS_UNSEEN);
        }
        if (process.get().elapsedSeconds() < thresholds.throttles() * LiveJob.throttleSeconds(instance)) {
            return Optional.of(Reason.YOUNG);
        }
        return Optional.empty();
    }
}
