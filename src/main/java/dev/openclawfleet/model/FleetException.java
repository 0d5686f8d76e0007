package dev.openclawfleet.model;

/**
 * A failure the user can act on: one line for the terminal and the exit code it maps to. Never
 * carries a secret; the CLI prints it without a stack trace unless --stacktrace is given.
 */
public class FleetException extends RuntimeException {
    private final int exitCode;

    public FleetException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public FleetException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    public static FleetException usage(String message) {
        return new FleetException(ExitCodes.USAGE, message);
    }

    public static FleetException operational(String message) {
        return new FleetException(ExitCodes.OPERATIONAL, message);
    }
}
