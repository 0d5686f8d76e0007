package dev.openclawfleet.model;

/** One row of {@code launchctl list}: pid (null for {@code -}), last exit status, label. */
public record ListEntry(Integer pid, int status, String label) {

    /** True when the last run ended by a signal, which the table prints as a negative status. */
    public boolean killedBySignal() {
        return status < 0;
    }

    /** The signal number that ended the last run; 0 when it was not a signal. */
    public int signal() {
        return killedBySignal() ? -status : 0;
    }

    /** True when the job has a process now. */
    public boolean running() {
        return pid != null;
    }
}
