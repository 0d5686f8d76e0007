package dev.openclawfleet.cli;

import dev.openclawfleet.app.Audit;
import dev.openclawfleet.model.ExitCodes;
import dev.openclawfleet.model.FleetException;
import dev.openclawfleet.model.Text;
import dev.openclawfleet.monitor.MetricsExport;
import dev.openclawfleet.remote.SshTarget;
import dev.openclawfleet.serve.MetricsServer;
import dev.openclawfleet.serve.ServeAddress;
import picocli.CommandLine.Model.CommandSpec;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/** `fleet metrics`: the audit as Prometheus metrics, on stdout, in a textfile, or served over HTTP. */
final class MetricsCommand implements Subcommand {
    static final int DEFAULT_CACHE_SECONDS = 5;

    @Override
    public CommandSpec spec(CliDefaults defaults) {
        CommandSpec spec = Specs.command(this, "metrics", "The audit as Prometheus metrics: stdout, a node_exporter textfile, or HTTP.",
                "Run the audit (as `fleet audit` does, live when launchd is there) and print it as Prometheus text exposition: "
                        + "per instance loaded, running, listening, disabled, stopped, runs, last exit, uptime and findings; "
                        + "fleet-wide counts; the audit's own duration and success. No token or fingerprint is ever part of it.");
        spec.addOption(Specs.choice("--format", "FORMAT", "prometheus", "prometheus (text exposition 0.0.4, the default) or json.",
                "prometheus", "json"));
        spec.addOption(Specs.value("--textfile", "DIR", null,
                "Write DIR/openclaw_fleet.prom atomically (mode 0644) for node_exporter's textfile collector instead of printing."));
        spec.addOption(Specs.value("--serve", "[ADDR:]PORT", null,
                "Serve /metrics and /healthz over HTTP until SIGTERM or Ctrl-C; ADDR defaults to 127.0.0.1."));
        spec.addOption(Specs.number("--cache-seconds", "N", DEFAULT_CACHE_SECONDS, "--serve: scrapes within N seconds of the last audit "
                + "get its result (default: " + DEFAULT_CACHE_SECONDS + "; 0 = every scrape audits)."));
        spec.addOption(Specs.flag("Post a macOS notification when an instance turns unhealthy or recovers (state in <root>/.fleet/).",
                "--notify"));
        spec.addOption(Specs.flag("Skip the live launchd checks (no launchctl, lsof or ps calls).", "--offline"));
        FleetDirs.addTo(spec, defaults);
        LaunchdOptions.addTo(spec, defaults, LaunchdOptions.Use.AUDIT);
        RemoteOptions.addTo(spec, "Audit");
        Specs.standard(spec);
        Specs.examples(spec, "fleet metrics", "fleet metrics --textfile /usr/local/var/node_exporter/textfile",
                "fleet metrics --serve 127.0.0.1:9464", "fleet metrics --format json --offline",
                "fleet metrics --hosts ~/.config/fleet/hosts --textfile /usr/local/var/node_exporter/textfile");
        return spec;
    }

    @Override
    public int call(Args args) throws InterruptedException {
        CliContext context = args.context();
        MetricsExport.Format format = format(args.string("--format"));
        String textfile = args.string("--textfile");
        String serve = args.string("--serve");
        boolean notify = args.flag("--notify");
        int cacheSeconds = args.integer("--cache-seconds");
        if (serve != null && (textfile != null || notify)) {
            throw FleetException.usage("--serve cannot be combined with --textfile or --notify");
        }
        if (textfile != null && format == MetricsExport.Format.JSON) {
            throw FleetException.usage("--textfile writes Prometheus text for node_exporter; --format json prints to stdout only");
        }
        if (cacheSeconds < 0 || cacheSeconds > 3600) {
            throw FleetException.usage("--cache-seconds must be between 0 and 3600");
        }
        FleetDirs dirs = FleetDirs.from(args);
        String version = Version.class.getPackage().getImplementationVersion();
        Audit.LiveOptions live = LaunchdOptions.live(args, args.flag("--offline"));
        List<SshTarget> targets = RemoteOptions.targets(args);
        if (!targets.isEmpty() && notify) {
            throw FleetException.usage("--notify works for this Mac only; run the monitor on each Mac");
        }
        // On other Macs, only what was typed: FLEET_ROOT and FLEET_AGENTS_DIR describe this one.
        MetricsExport.Request request = new MetricsExport.Request(dirs.agentsDir(), dirs.root(), context.user().uid(), live, version,
                format, targets.isEmpty() ? null : new MetricsExport.Remote(targets, RemoteOptions.ssh(args, live.timeout()),
                args.string("--root"), args.string("--agents-dir")));
        Consumer<String> err = line -> context.err().println("fleet metrics: " + Text.printable(line, 1000));
        if (serve == null) {
            return MetricsExport.once(request, textfile == null ? null : context.resolve(textfile), notify, context.out(), err);
        }
        MetricsServer server = MetricsExport.serve(request, ServeAddress.parse(serve), Duration.ofSeconds(cacheSeconds), err);
        String where = "http://" + ServeAddress.display(server.address());
        // SIGTERM (launchd, kill) and SIGINT (Ctrl-C) run the JVM's shutdown hooks: close the socket, say so.
        Main.usesShutdownHooks();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            err.accept("stopped serving " + where);
        }, "metrics-shutdown"));
        err.accept("serving " + where + "/metrics and /healthz; each scrape audits (results shared for " + cacheSeconds
                + " s); stop with Ctrl-C");
        server.awaitClose();
        return ExitCodes.OK;
    }

    /** prometheus or json, in any case. */
    static MetricsExport.Format format(String typed) {
        for (MetricsExport.Format f : MetricsExport.Format.values()) {
            if (f.id().equalsIgnoreCase(typed)) {
                return f;
            }
        }
        throw FleetException.usage("--format must be prometheus or json for fleet metrics, not '" + OutputFormat.shown(typed) + "'");
    }
}
