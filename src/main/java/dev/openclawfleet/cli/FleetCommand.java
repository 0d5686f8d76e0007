package dev.openclawfleet.cli;

import picocli.CommandLine;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The top-level `fleet` command: holds the context and lists the subcommands. */
@Command(name = "fleet", mixinStandardHelpOptions = true, versionProvider = Version.class, scope = CommandLine.ScopeType.INHERIT,
        description = {"Provision and audit fleets of OpenClaw gateways running as macOS launchd LaunchAgents."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:no error findings (warnings pass unless --strict); the command did what it was asked",
                "1:error findings (or warnings with --strict), or the command's goal was not reached",
                "2:usage error: unknown option, bad instance name, bad argument",
                "3:operational failure: unreadable directory, launchctl unusable, a file in the way"},
        footer = {"", "Docs: README.md and docs/ (docs/rules.md explains every rule id)."})
public final class FleetCommand implements Runnable {
    /** Every subcommand, in the order --help lists them. */
    static final Map<String, Class<?>> SUBCOMMANDS = subcommands();

    private final CliContext context;
    @Spec
    CommandSpec spec;

    public FleetCommand(CliContext context) {
        this.context = context;
    }

    CliContext context() {
        return context;
    }

    private static Map<String, Class<?>> subcommands() {
        Map<String, Class<?>> map = new LinkedHashMap<>();
        map.put("lint", LintCommand.class);
        map.put("audit", AuditCommand.class);
        map.put("fix", FixCommand.class);
        map.put("add-instance", AddInstanceCommand.class);
        map.put("remove-instance", RemoveInstanceCommand.class);
        map.put("list", ListCommand.class);
        map.put("status", StatusCommand.class);
        map.put("start", StartCommand.class);
        map.put("stop", StopCommand.class);
        map.put("restart", RestartCommand.class);
        map.put("logs", LogsCommand.class);
        map.put("backup", BackupCommand.class);
        map.put("restore", RestoreCommand.class);
        map.put("use", UseCommand.class);
        map.put("config", ConfigCommand.class);
        map.put("rotate-token", RotateTokenCommand.class);
        map.put("set-port", SetPortCommand.class);
        map.put("metrics", MetricsCommand.class);
        map.put("monitor", MonitorCommand.class);
        map.put("generate", GenerateCommand.class);
        map.put("rules", RulesCommand.class);
        map.put("completion", CompletionCommand.class);
        map.put("help", CommandLine.HelpCommand.class);
        return Collections.unmodifiableMap(map);
    }

    /**
     * The command line for these arguments. picocli reads every subcommand's annotations by
     * reflection when it is added, which costs more start-up than a whole small lint; so when the
     * arguments name a subcommand, only that one is added. --help, `help` and mistakes get them all.
     */
    static CommandLine commandLine(CliContext context, String... args) {
        CommandLine cli = new CommandLine(new FleetCommand(context));
        String first = Arrays.stream(args).filter(a -> !a.startsWith("-")).findFirst().orElse(null);
        Class<?> only = first == null || first.equals("help") ? null : SUBCOMMANDS.get(first);
        if (only != null && Arrays.asList(args).indexOf(first) == 0) {
            cli.addSubcommand(first, only);
        } else {
            SUBCOMMANDS.forEach(cli::addSubcommand);
        }
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(context.out());
    }
}
