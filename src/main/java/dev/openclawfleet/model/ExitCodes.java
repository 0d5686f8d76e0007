package dev.openclawfleet.model;

/** The exit codes every command uses; documented in the README and in --help. */
public final class ExitCodes {
    /** No error findings (warnings pass unless --strict). */
    public static final int OK = 0;
    /** Error findings (or warnings with --strict), or the command's goal was not reached. */
    public static final int FINDINGS = 1;
    /** Usage error: bad option, bad instance name, bad argument. */
    public static final int USAGE = 2;
    /** Operational failure: unreadable directory, launchctl unusable, a file in the way. */
    public static final int OPERATIONAL = 3;

    private ExitCodes() {
    }
}
