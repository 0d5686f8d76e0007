package dev.openclawfleet.cli;

import dev.openclawfleet.model.FleetException;
import dev.openclawfleet.model.Text;
import picocli.CommandLine.Model.CommandSpec;

/** `--format text|json` of the commands that report something other than findings (list, status, lifecycle...). */
final class OutputFormat {
    private OutputFormat() {
    }

    static void addTo(CommandSpec spec) {
        spec.addOption(Specs.choice("--format", "FORMAT", "text", "Output format: text or json (default: text).", "text", "json"));
    }

    static void addNoColor(CommandSpec spec) {
        spec.addOption(Specs.flag("No ANSI colour (also off when NO_COLOR is set or stdout is not a terminal).", "--no-color"));
    }

    /** True for json, false for text (any case); a usage error otherwise. */
    static boolean json(Args args) {
        String typed = args.string("--format");
        if (typed.equalsIgnoreCase("json")) {
            return true;
        }
        if (typed.equalsIgnoreCase("text")) {
            return false;
        }
        throw FleetException.usage("--format must be text or json for " + args.commandName() + ", not '" + shown(typed) + "'");
    }

    /** A typed value in a message: short, printable, and never something that looks like a secret. */
    static String shown(String typed) {
        return typed.length() > 24 ? Text.printable(typed, 12) : Text.printable(typed, 24);
    }
}
