package dev.openclawfleet.cli;

import dev.openclawfleet.model.ExitCodes;
import dev.openclawfleet.model.FleetException;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** `fleet help [COMMAND]`: the same as `fleet [COMMAND] --help`. */
final class HelpCommand implements Subcommand {
    @Override
    public CommandSpec spec(CliDefaults defaults) {
        CommandSpec spec = Specs.command(this, "help", "Show the help of fleet, or of one command.");
        spec.addPositional(Specs.positional("0", "0..1", "COMMAND", "The command whose help to show."));
        Specs.standard(spec);
        Specs.examples(spec, "fleet help audit");
        return spec;
    }

    @Override
    public int call(Args args) {
        CommandLine root = args.spec().root().commandLine();
        String name = args.positional(0);
        if (name == null) {
            Help.print(root, args.context());
            return ExitCodes.OK;
        }
        CommandLine command = root.getSubcommands().get(name);
        if (command == null) {
            throw FleetException.usage("'" + OutputFormat.shown(name) + "' is not a fleet command"
                    + Suggestions.didYouMean(name, FleetCommand.NAMES, "'"));
        }
        Help.print(command, args.context());
        return ExitCodes.OK;
    }
}
