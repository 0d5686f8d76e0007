package dev.openclawfleet.model;

import java.util.Locale;

/**
 * A job's live state, one closed set derived from launchd's record, the process table and fleet's
 * own start records (like brew services' started/scheduled/stopped/none/error/unknown). Rules and
 * `fleet list` read it instead of comparing launchd's strings themselves.
 */
public enum JobStatus {
    /** Has a process that is past its start-up (or already serves its port). */
    RUNNING,
    /** Has a young process that does not serve its port yet, or one that exited a moment ago. */
    STARTING,
    /** Keeps dying and launchd keeps respawning it. */
    CRASH_LOOPING,
    /** Loaded, no process, and not a crash loop (waiting, exited without KeepAlive, never started). */
    NOT_RUNNING,
    /** Deliberately stopped: not loaded and disabled in launchd (what `fleet stop` leaves). */
    STOPPED,
    /** Not loaded and not disabled: it runs only after a bootstrap or the next login. */
    NOT_LOADED,
    /** launchd did not answer. */
    UNKNOWN;

    /** The lowercase, hyphenated word used in every output: {@code crash-looping}, {@code not-loaded}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
