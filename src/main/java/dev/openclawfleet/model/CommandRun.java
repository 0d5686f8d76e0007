package dev.openclawfleet.model;

import java.time.Instant;

/** How one program (launchctl, lsof, ps) ran on a host: what it printed and returned, or why it did not run. */
public sealed interface CommandRun extends HostAnswer permits CommandRun.Done, CommandRun.Failed {

    /** It ran: exit status, both streams, and when it finished by the host's clock. */
    record Done(int exitCode, String stdout, String stderr, Instant finishedAt) implements CommandRun {
        public boolean ok() {
            return exitCode == 0;
        }

        @Override
        public String toString() {
            return "Done[exit " + exitCode + ", " + stdout.length() + " + " + stderr.length() + " chars]";
        }
    }

    /** It did not run or did not finish: {@code missing} when the program is not on PATH; the reason is one sentence. */
    record Failed(String reason, boolean missing) implements CommandRun {
    }
}
