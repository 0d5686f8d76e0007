package dev.openclawfleet.launchd;

import dev.openclawfleet.model.ExitCodes;
import dev.openclawfleet.model.FleetException;

/** A launchctl call that failed, classified, with a message that says what to do about it. */
public final class LaunchctlException extends FleetException {
    private final LaunchctlError error;

    public LaunchctlException(LaunchctlError error, String message) {
        super(ExitCodes.OPERATIONAL, message);
        this.error = error;
    }

    public LaunchctlError error() {
        return error;
    }

    public LaunchctlError.Kind kind() {
        return error.kind();
    }
}
