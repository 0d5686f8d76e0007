package dev.openclawfleet.cli;

import dev.openclawfleet.app.Completion;
import dev.openclawfleet.dist.BashCompletion;
import dev.openclawfleet.dist.CommandDoc;
import dev.openclawfleet.dist.FishCompletion;
import dev.openclawfleet.dist.ZshCompletion;
import dev.openclawfleet.model.FleetException;
import dev.openclawfleet.model.ProductInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/** `fleet completion bash|zsh|fish`: prints the completion script; the scripts call its hidden --instances for names. */
@Command(name = "completion", header = "Print the shell completion script for bash, zsh or fish.",
        description = {"Print the completion script for a shell: commands, options, their values (formats, rule ids, domains),"
                + " file names where a path goes, and instance names for commands that take one.",
                "Homebrew installs the scripts with the formula; from a clone, load them as shown below."},
        footer = {"", "Examples:", "  source <(fleet completion bash)                  # in ~/.bashrc",
                "  source <(fleet completion zsh)                   # in ~/.zshrc, after compinit",
                "  fleet completion fish > ~/.config/fish/completions/fleet.fish"})
public final class CompletionCommand implements Callable<Integer> {
    @ParentCommand
    FleetCommand root;
    @Mixin
    GlobalOptions global;

    @Parameters(index = "0", arity = "0..1", paramLabel = "bash|zsh|fish", description = "The shell.")
    String shell;

    /** For the scripts: the instance names, one a line. */
    @Option(names = "--instances", hidden = true)
    boolean instances;

    @Option(names = "--agents-dir", hidden = true)
    String agentsDir;

    @Override
    public Integer call() {
        CliContext context = root.context();
        if (instances) {
            FleetDirs dirs = new FleetDirs();
            dirs.agentsDir = agentsDir;
            Completion.instanceNames(dirs.agentsDir(context), context.user().uid()).forEach(context.out()::println);
            return 0;
        }
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
        return 0;
    }
}
