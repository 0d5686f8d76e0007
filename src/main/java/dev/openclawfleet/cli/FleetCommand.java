package dev.openclawfleet.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level `fleet` command: holds the context and lists the subcommands. */
@Command(name = "fleet", mixinStandardHelpOptions = true, versionProvider = Version.class, scope = CommandLine.ScopeType.INHERIT,
        description = {"Provision and audit fleets of OpenClaw gateways running as macOS launchd LaunchAgents."},
        subcommands = {LintCommand.class, AuditCommand.class, AddInstanceCommand.class, RemoveInstanceCommand.class,
                ListCommand.class, StatusCommand.class, StartCommand.class, StopCommand.class, RestartCommand.class,
                LogsCommand.class, BackupCommand.class, RestoreCommand.class, UseCommand.class, GenerateCommand.class, RulesCommand.class,
                CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:no error findings (warnings pass unless --strict); the command did what it was asked",
                "1:error findings (or warnings with --strict), or the command's goal was not reached",
                "2:usage error: unknown option, bad instance name, bad argument",
                "3:operational failure: unreadable directory, launchctl unusable, a file in the way"},
        footer = {"", "Docs: README.md and docs/ (docs/rules.md explains every rule id)."})
public final class FleetCommand implements Runnable {
    private final CliContext context;
    @Spec
    CommandSpec spec;

    public FleetCommand(CliContext context) {
        this.context = context;
    }

    CliContext context() {
        return context;
    }

    @Override
    public void run() {
        spec.commandLine().usage(context.out());
    }
}
