package dev.openclawfleet.cli;

import dev.openclawfleet.app.Completion;
import dev.openclawfleet.dist.BashCompletion;
import dev.openclawfleet.dist.CommandDoc;
import dev.openclawfleet.dist.FishCompletion;
import dev.openclawfleet.dist.ZshCompletion;
import dev.openclawfleet.model.ExitCodes;
import dev.openclawfleet.model.FleetException;
import dev.openclawfleet.model.ProductInfo;
import picocli.CommandLine.Model.CommandSpec;

/** `fleet completion bash|zsh|fish`: prints the completion script; the scripts call its hidden --instances for names. */
final class CompletionCommand implements Subcommand {
    @Override
    public CommandSpec spec(CliDefaults defaults) {
        CommandSpec spec = Specs.command(this, "completion", "Print the shell completion script for bash, zsh or fish.",
                "Print the completion script for a shell: commands, options, their values (formats, rule ids, domains), "
                        + "file names where a path goes, and instance names for commands that take one.",
                "Homebrew installs the scripts with the formula; from a clone, load them as shown below.");
        spec.addPositional(Specs.positional("0", "0..1", "bash|zsh|fish", "The shell."));
        // For the scripts: the instance names, one a line, from the plists of this LaunchAgents dir.
        spec.addOption(Specs.hidden(Specs.flag("Print the instance names, one a line.", "--instances")));
        spec.addOption(Specs.hidden(Specs.value("--agents-dir", "DIR", null, "Directory of the LaunchAgent plists.")));
        Specs.standard(spec);
        Specs.examples(spec, "source <(fleet completion bash)                  # in ~/.bashrc",
                "source <(fleet completion zsh)                   # in ~/.zshrc, after compinit",
                "fleet completion fish > ~/.config/fish/completions/fleet.fish");
        return spec;
    }

    @Override
    public int call(Args args) {
        CliContext context = args.context();
        if (args.flag("--instances")) {
            String typed = args.string("--agents-dir");
            java.nio.file.Path agents = typed == null || typed.isEmpty() ? args.defaults().agentsDir() : context.resolve(typed);
            Completion.instanceNames(agents, context.user().uid()).forEach(context.out()::println);
            return ExitCodes.OK;
        }
        String shell = args.positional(0);
        if (shell == null) {
            throw FleetException.usage("name the shell: fleet completion bash, zsh or fish");
        }
        CommandDoc tree = CommandTree.of(context);
        String version = ProductInfo.current().version();
        String script = switch (shell) {
            case "bash" -> BashCompletion.script(tree, version);
            case "zsh" -> ZshCompletion.script(tree, version);
            case "fish" -> FishCompletion.script(tree, version);
            default -> throw FleetException.usage("no completion for '" + (shell.matches("[a-z]{1,10}") ? shell : "that shell")
                    + "': bash, zsh or fish");
        };
        context.out().print(script);
        context.out().flush();
        return ExitCodes.OK;
    }
}
