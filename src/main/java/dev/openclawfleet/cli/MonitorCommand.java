package dev.openclawfleet.cli;

import dev.openclawfleet.monitor.Monitor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;

/** `fleet monitor install|uninstall|status`: fleet's own LaunchAgent that keeps the metrics textfile fresh. */
@Command(name = "monitor", header = "A LaunchAgent that refreshes the metrics textfile every interval (and can notify).",
        description = {"Install, remove or inspect fleet's own LaunchAgent, dev.openclawfleet.monitor:",
                "launchd runs `fleet metrics --textfile DIR` every interval, and with --notify it",
                "posts a macOS notification when an instance turns unhealthy or recovers.",
                "Logs and state live in <root>/.fleet/."},
        subcommands = {MonitorCommand.Install.class, MonitorCommand.Uninstall.class, MonitorCommand.Status.class},
        footer = {"", "Examples:", "  fleet monitor install --textfile /opt/homebrew/var/node_exporter/textfile --notify",
                "  fleet monitor status", "  fleet monitor uninstall"})
public final class MonitorCommand implements Runnable {
    @ParentCommand
    FleetCommand root;
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(root.context().out());
    }

    /** What the three subcommands share: the fleet's dirs, launchd options, printing an outcome. */
    abstract static class Sub implements Callable<Integer> {
        @ParentCommand
        MonitorCommand monitor;
        @Mixin
        FleetDirs dirs;
        @Mixin
        LiveOptionsMixin live;
        @Mixin
        GlobalOptions global;

        CliContext context() {
            return monitor.root.context();
        }

        int print(Monitor.Outcome outcome) {
            outcome.lines().forEach(line -> context().out().println(line));
            return outcome.exitCode();
        }
    }

    @Command(name = "install", description = "Write and load the monitor's LaunchAgent; wait for its first refresh.")
    static final class Install extends Sub {
        @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "60",
                description = "How often launchd runs it (StartInterval; 10-86400, default: ${DEFAULT-VALUE}).")
        int interval;
        @Option(names = "--textfile", paramLabel = "DIR",
                description = "node_exporter's textfile dir (default: <root>/.fleet/textfile).")
        String textfile;
        @Option(names = "--notify", description = "Post a macOS notification when an instance turns unhealthy or recovers.")
        boolean notify;
        @Option(names = "--launcher", paramLabel = "PATH",
                description = "The fleet launcher the job runs (default: this java with this jar).")
        String launcher;
        @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "30",
                description = "How long to wait for the first refresh (0: do not wait; default: ${DEFAULT-VALUE}).")
        int waitSeconds;

        @Override
        public Integer call() {
            CliContext c = context();
            return print(Monitor.install(FleetEnvs.of(c, dirs, live), new Monitor.Install(textfile == null ? null : c.resolve(textfile),
                    interval, notify, launcher == null ? null : c.resolve(launcher), Duration.ofSeconds(Math.max(0, waitSeconds)),
                    live.options(c, false).thresholds())));
        }
    }

    @Command(name = "uninstall", description = "Boot the monitor out, move its plist to <root>/.trash/ and remove its textfile.")
    static final class Uninstall extends Sub {
        @Option(names = "--keep-textfile", description = "Leave the last openclaw_fleet.prom in place.")
        boolean keepTextfile;

        @Override
        public Integer call() {
            return print(Monitor.uninstall(FleetEnvs.of(context(), dirs, live), keepTextfile));
        }
    }

    @Command(name = "status", description = "launchd's state of the monitor and the age of its textfile; exit 1 when it is not doing its job.")
    static final class Status extends Sub {
        @Override
        public Integer call() {
            return print(Monitor.status(FleetEnvs.of(context(), dirs, live), Instant.now()));
        }
    }
}
