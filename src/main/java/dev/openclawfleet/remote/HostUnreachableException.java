package dev.openclawfleet.remote;

/** A Mac the collector could not read: not reached, authentication refused, timed out, no launchd, or its answers were garbled. */
public final class HostUnreachableException extends RuntimeException {
    public HostUnreachableException(String reason) {
        super(reason, null, false, false);
    }
}
