package dev.openclawfleet.model;

/** How a launchd job's last run ended, as the {@code last exit code} line of {@code launchctl print} says. */
public sealed interface LastExit permits LastExit.Never, LastExit.Code {

    /** {@code (never exited)}: the job has not exited since launchd loaded it. */
    record Never() implements LastExit {
    }

    /** An exit status, with launchd's symbolic name ({@code 78: EX_CONFIG}) or null for a bare number. */
    record Code(int code, String name) implements LastExit {
    }
}
