package dev.openclawfleet.cli;

import dev.openclawfleet.model.ExitCodes;
import dev.openclawfleet.monitor.Monitor;
import picocli.CommandLine.Model.CommandSpec;

import java.time.Duration;
import java.time.Instant;

/** `fleet monitor install|uninstall|status`: fleet's own LaunchAgent that keeps the metrics textfile fresh. */
final class MonitorCommand implements Subcommand {
    @Override
    public CommandSpec spec(CliDefaults defaults) {
        CommandSpec spec = Specs.command(this, "monitor", "A LaunchAgent that refreshes the metrics textfile every interval.",
                "Install, remove or inspect fleet's own LaunchAgent, dev.openclawfleet.monitor: launchd runs "
                        + "`fleet metrics --textfile DIR` every interval, and with --notify it posts a macOS notification when an "
                        + "instance turns unhealthy or recovers. Logs and state live in <root>/.fleet/.");
        spec.usageMessage().commandListHeading("%nCommands:%n");
        Specs.standard(spec);
        Specs.examples(spec, "fleet monitor install --textfile /opt/homebrew/var/node_exporter/textfile --notify",
                "fleet monitor status", "fleet monitor uninstall");
        spec.addSubcommand("install", new Install().spec(defaults));
        spec.addSubcommand("uninstall", new Uninstall().spec(defaults));
        spec.addSubcommand("status", new Status().spec(defaults));
        return spec;
    }

    /** `fleet monitor` alone: its help, which lists the three subcommands. */
    @Override
    public int call(Args args) {
        Help.print(args.spec().commandLine(), args.context());
        return ExitCodes.OK;
    }

    /** What the three subcommands end with: the fleet's dirs, launchd's options, -h. */
    private static CommandSpec common(CommandSpec spec, CliDefaults defaults, LaunchdOptions.Use use) {
        FleetDirs.addTo(spec, defaults);
        LaunchdOptions.addTo(spec, defaults, use);
        Specs.standard(spec);
        return spec;
    }

    private static int print(CliContext context, Monitor.Outcome outcome) {
        outcome.lines().forEach(line -> context.out().println(line));
        return outcome.exitCode();
    }

    /** `fleet monitor install`. */
    static final class Install implements Subcommand {
        static final int DEFAULT_INTERVAL = 60;
        static final int DEFAULT_WAIT = 30;

        @Override
        public CommandSpec spec(CliDefaults defaults) {
            CommandSpec spec = Specs.command(this, "install", "Write and load the monitor's LaunchAgent; wait for its first refresh.");
            spec.addOption(Specs.number("--interval", "SECONDS", DEFAULT_INTERVAL,
                    "How often launchd runs it (StartInterval; 10-86400, default: " + DEFAULT_INTERVAL + ")."));
            spec.addOption(Specs.value("--textfile", "DIR", null, "node_exporter's textfile dir (default: <root>/.fleet/textfile)."));
            spec.addOption(Specs.flag("Post a macOS notification when an instance turns unhealthy or recovers.", "--notify"));
            spec.addOption(Specs.value("--launcher", "PATH", null, "The fleet launcher the job runs (default: this java with this jar)."));
            spec.addOption(Specs.number("--wait", "SECONDS", DEFAULT_WAIT,
                    "How long to wait for the first refresh (0: do not wait; default: " + DEFAULT_WAIT + ")."));
            return common(spec, defaults, LaunchdOptions.Use.AUDIT); // the job audits: it gets the thresholds
        }

        @Override
        public int call(Args args) {
            CliContext c = args.context();
            String textfile = args.string("--textfile");
            String launcher = args.string("--launcher");
            return print(c, Monitor.install(FleetEnvs.of(args), new Monitor.Install(textfile == null ? null : c.resolve(textfile),
                    args.integer("--interval"), args.flag("--notify"), launcher == null ? null : c.resolve(launcher),
                    Duration.ofSeconds(Math.max(0, args.integer("--wait"))), LaunchdOptions.live(args, false).thresholds())));
        }
    }

    /** `fleet monitor uninstall`. */
    static final class Uninstall implements Subcommand {
        @Override
        public CommandSpec spec(CliDefaults defaults) {
            CommandSpec spec = Specs.command(this, "uninstall",
                    "Boot the monitor out, move its plist to <root>/.trash/ and remove its textfile.");
            spec.addOption(Specs.flag("Leave the last openclaw_fleet.prom in place.", "--keep-textfile"));
            return common(spec, defaults, LaunchdOptions.Use.CALLS);
        }

        @Override
        public int call(Args args) {
            return print(args.context(), Monitor.uninstall(FleetEnvs.of(args), args.flag("--keep-textfile")));
        }
    }

    /** `fleet monitor status`. */
    static final class Status implements Subcommand {
        @Override
        public CommandSpec spec(CliDefaults defaults) {
            return common(Specs.command(this, "status",
                    "launchd's state of the monitor and the age of its textfile; exit 1 when it is not doing its job."),
                    defaults, LaunchdOptions.Use.CALLS);
        }

        @Override
        public int call(Args args) {
            return print(args.context(), Monitor.status(FleetEnvs.of(args), Instant.now()));
        }
    }
}
