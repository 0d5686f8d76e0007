package dev.openclawfleet.cli;

import dev.openclawfleet.model.ExitCodes;
import dev.openclawfleet.model.FleetException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The one confirmation of a command that stops processes or deletes files: on a terminal it asks
 * and the default is no; without a terminal it needs --yes, else exit 2 and nothing changed.
 */
final class Confirm {
    private Confirm() {
    }

    /**
     * True when the user said yes (or passed --yes); false when they said anything else on a
     * terminal. Without a terminal and without --yes: a usage error naming {@code what}.
     */
    static boolean ask(CliContext context, boolean yes, String command, String what, String question) {
        if (yes) {
            return true;
        }
        if (!context.terminal()) {
            throw new FleetException(ExitCodes.USAGE, what + ": pass --yes to do it without a terminal"
                    + (command.equals("fix") ? " (or --dry-run to only print the plan)" : "") + "; nothing was changed");
        }
        context.err().print(question);
        context.err().flush();
        try {
            String answer = new BufferedReader(new InputStreamReader(context.in(), StandardCharsets.UTF_8)).readLine();
            return answer != null && (answer.strip().equalsIgnoreCase("y") || answer.strip().equalsIgnoreCase("yes"));
        } catch (IOException e) {
            return false;
        }
    }
}
