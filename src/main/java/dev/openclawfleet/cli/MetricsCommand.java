package dev.openclawfleet.cli;

import dev.openclawfleet.app.Audit;
import dev.openclawfleet.model.ExitCodes;
import dev.openclawfleet.remote.SshTarget;
import dev.openclawfleet.model.FleetException;
import dev.openclawfleet.model.Text;
import dev.openclawfleet.monitor.MetricsExport;
import dev.openclawfleet.serve.MetricsServer;
import dev.openclawfleet.serve.ServeAddress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/** `fleet metrics`: the audit as Prometheus metrics, on stdout, in a textfile, or served over HTTP. */
@Command(name = "metrics", header = "The audit as Prometheus metrics: stdout, a node_exporter textfile, or HTTP.", sortOptions = false,
        description = {"Run the audit (as `fleet audit` does, live when launchd is there) and print it",
                "as Prometheus text exposition: per instance loaded, running, listening, disabled,",
                "stopped, runs, last exit, uptime and findings; fleet-wide counts; the audit's own",
                "duration and success. No token or fingerprint is ever part of it."},
        footer = {"", "Examples:", "  fleet metrics", "  fleet metrics --textfile /usr/local/var/node_exporter/textfile",
                "  fleet metrics --serve 127.0.0.1:9464", "  fleet metrics --format json --offline",
                "  fleet metrics --hosts ~/.config/fleet/hosts --textfile /usr/local/var/node_exporter/textfile"})
public final class MetricsCommand implements Callable<Integer> {
    @ParentCommand
    FleetCommand root;
    @Mixin
    FleetDirs dirs;
    @Mixin
    GlobalOptions global;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "prometheus",
            description = "prometheus (text exposition 0.0.4, the default) or json.")
    MetricsExport.Format format = MetricsExport.Format.PROMETHEUS;

    @Option(names = "--textfile", paramLabel = "DIR",
            description = "Write DIR/openclaw_fleet.prom atomically (mode 0644) for node_exporter's textfile collector instead of printing.")
    String textfile;

    @Option(names = "--serve", paramLabel = "[ADDR:]PORT",
            description = "Serve /metrics and /healthz over HTTP until SIGTERM or Ctrl-C; ADDR defaults to 127.0.0.1.")
    String serve;

    @Option(names = "--cache-seconds", paramLabel = "N", defaultValue = "5",
            description = "--serve: scrapes within N seconds of the last audit get its result (default: ${DEFAULT-VALUE}; 0 = every scrape audits).")
    int cacheSeconds = 5;

    @Option(names = "--notify", description = "Post a macOS notification when an instance turns unhealthy or recovers (state in <root>/.fleet/).")
    boolean notify;

    @Option(names = "--offline", description = "Skip the live launchd checks (no launchctl, lsof or ps calls).")
    boolean offline;
    @Mixin
    LiveOptionsMixin live;
    @Mixin
    RemoteOptions remote;

    @Override
    public Integer call() throws InterruptedException {
        CliContext context = root.context();
        if (serve != null && (textfile != null || notify)) {
            throw FleetException.usage("--serve cannot be combined with --textfile or --notify");
        }
        if (textfile != null && format == MetricsExport.Format.JSON) {
            throw FleetException.usage("--textfile writes Prometheus text for node_exporter; --format json prints to stdout only");
        }
        if (cacheSeconds < 0 || cacheSeconds > 3600) {
            throw FleetException.usage("--cache-seconds must be between 0 and 3600");
        }
        String version = Version.class.getPackage().getImplementationVersion();
        Audit.LiveOptions options = live.options(context, offline);
        List<SshTarget> targets = remote.targets(context);
        if (!targets.isEmpty() && notify) {
            throw FleetException.usage("--notify works for this Mac only; run the monitor on each Mac");
        }
        MetricsExport.Request request = new MetricsExport.Request(dirs.agentsDir(context), dirs.root(context), context.user().uid(),
                options, version, format, targets.isEmpty() ? null
                : new MetricsExport.Remote(targets, remote.ssh(context, options.timeout()), dirs.root, dirs.agentsDir));
        Consumer<String> err = line -> context.err().println("fleet metrics: " + Text.printable(line, 1000));
        if (serve == null) {
            return MetricsExport.once(request, textfile == null ? null : context.resolve(textfile), notify, context.out(), err);
        }
        MetricsServer server = MetricsExport.serve(request, ServeAddress.parse(serve), Duration.ofSeconds(cacheSeconds), err);
        String where = "http://" + ServeAddress.display(server.address());
        // SIGTERM (launchd, kill) and SIGINT (Ctrl-C) run the JVM's shutdown hooks: close the socket, say so.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            err.accept("stopped serving " + where);
        }, "metrics-shutdown"));
        err.accept("serving " + where + "/metrics and /healthz; each scrape audits (results shared for " + cacheSeconds
                + " s); stop with Ctrl-C");
        server.awaitClose();
        return ExitCodes.OK;
    }
}
