package dev.openclawfleet.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The `fleet` command: its help, and the tree of subcommands. The model is built in code (see
 * {@link Specs}); {@link #fullCommandLine} gives the whole tree, for help, completion and man
 * pages, while a run of one subcommand builds only that one.
 */
public final class FleetCommand {
    /** Every subcommand, in the order `fleet --help` lists them. */
    static final List<String> NAMES = List.of("lint", "audit", "fix", "add-instance", "remove-instance", "list", "status", "start", "stop",
            "restart", "logs", "backup", "restore", "use", "config", "rotate-token", "set-port", "metrics", "monitor", "generate", "rules",
            "completion", "help");

    private FleetCommand() {
    }

    /** A new handler for subcommand {@code name}; null when there is no such command. */
    static Subcommand create(String name) {
        return switch (name) {
            case "lint" -> new LintCommand();
            case "audit" -> new AuditCommand();
            case "fix" -> new FixCommand();
            case "add-instance" -> new AddInstanceCommand();
            case "remove-instance" -> new RemoveInstanceCommand();
            case "list" -> new ListCommand();
            case "status" -> new StatusCommand();
            case "start" -> new StartCommand();
            case "stop" -> new StopCommand();
            case "restart" -> new RestartCommand();
            case "logs" -> new LogsCommand();
            case "backup" -> new BackupCommand();
            case "restore" -> new RestoreCommand();
            case "use" -> new UseCommand();
            case "config" -> new ConfigCommand();
            case "rotate-token" -> new RotateTokenCommand();
            case "set-port" -> new SetPortCommand();
            case "metrics" -> new MetricsCommand();
            case "monitor" -> new MonitorCommand();
            case "generate" -> new GenerateCommand();
            case "rules" -> new RulesCommand();
            case "completion" -> new CompletionCommand();
            case "help" -> new HelpCommand();
            default -> null;
        };
    }

    /** The whole command tree with the defaults in use in this context: every subcommand, its options and help. */
    public static CommandLine fullCommandLine(CliContext context) {
        return fullCommandLine(CliDefaults.of(context));
    }

    /** The whole command tree with these defaults in its help texts. */
    static CommandLine fullCommandLine(CliDefaults defaults) {
        CommandSpec root = rootSpec(defaults);
        for (String name : NAMES) {
            root.addSubcommand(name, create(name).spec(defaults));
        }
        return new CommandLine(root);
    }

    /**
     * The command line for these arguments. Each subcommand costs a parser of its own, so only the
     * one the first argument names is built; the whole tree only for the help that lists them all
     * (no arguments, -h, --help, help). A mistyped command needs none: did-you-mean uses {@link #NAMES}.
     */
    static CommandLine commandLine(CliContext context, String... args) {
        String first = args.length == 0 ? null : args[0];
        if (first == null || first.equals("help") || first.equals("-h") || first.equals("--help")) {
            return fullCommandLine(context);
        }
        CliDefaults defaults = CliDefaults.of(context);
        CommandSpec root = rootSpec(defaults);
        Subcommand only = create(first);
        if (only != null) {
            root.addSubcommand(first, only.spec(defaults));
        }
        return new CommandLine(root);
    }

    private static CommandSpec rootSpec(CliDefaults defaults) {
        CommandSpec spec = CommandSpec.create().name("fleet"); // -V is answered by Main: the version reads the jar manifest
        spec.interpolateVariables(false);
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).type(boolean.class).arity("0")
                .description("Show this help and exit; `fleet COMMAND --help` shows a command's.").build());
        spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true).type(boolean.class).arity("0")
                .description("Print the version and exit.").build());
        Map<String, String> exitCodes = new LinkedHashMap<>();
        exitCodes.put("0", "no error findings (warnings pass unless --strict); the command did what it was asked");
        exitCodes.put("1", "error findings (or warnings with --strict), or the command's goal was not reached");
        exitCodes.put("2", "usage error: unknown option, bad instance name, bad argument");
        exitCodes.put("3", "operational failure: unreadable directory, launchctl unusable, a file in the way");
        String[] inUse = defaults.inUse();
        String[] footer = new String[inUse.length + 11];
        int k = 0;
        footer[k++] = "";
        for (String line : inUse) {
            footer[k++] = line;
        }
        footer[k++] = "";
        footer[k++] = "Getting started on a Mac:";
        footer[k++] = "  fleet audit                check every gateway in ~/Library/LaunchAgents";
        footer[k++] = "  fleet fix --dry-run        the plan that would fix what the audit found";
        footer[k++] = "  fleet add-instance luca    create, start and audit a new instance";
        footer[k++] = "  fleet list                 one line per instance: state, port, findings";
        footer[k++] = "  fleet status luca          one instance in detail";
        footer[k++] = "  fleet COMMAND --help       the options of one command";
        footer[k++] = "";
        footer[k++] = "Docs: README.md and docs/ (docs/rules.md explains every rule id).";
        spec.usageMessage()
                .description("Provision and audit fleets of OpenClaw gateways running as macOS launchd LaunchAgents.")
                .synopsisHeading("Usage: ").commandListHeading("%nCommands:%n").optionListHeading("%nOptions:%n")
                .exitCodeListHeading("%nExit codes:%n").exitCodeList(exitCodes).footer(footer)
                .width(Specs.WIDTH).autoWidth(false).sortOptions(false);
        return spec;
    }
}
