package dev.openclawfleet.cli;

import picocli.CommandLine;

/** Prints a command's help on stdout, in colour only where the report would be. */
final class Help {
    private Help() {
    }

    static void print(CommandLine command, CliContext context) {
        CommandLine.Help.Ansi ansi = context.color(false) ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF;
        context.out().print(command.getUsageMessage(ansi));
        context.out().flush();
    }
}
