package dev.openclawfleet.cli;

import dev.openclawfleet.app.Audit;
import dev.openclawfleet.model.ExitCodes;
import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.GatewayPorts;
import dev.openclawfleet.model.Report;
import dev.openclawfleet.model.Severity;
import dev.openclawfleet.provision.AddInstance;
import dev.openclawfleet.provision.FleetEnv;
import dev.openclawfleet.render.Format;
import dev.openclawfleet.render.Json;
import dev.openclawfleet.provision.FleetSecrets;
import dev.openclawfleet.system.LogTail;
import picocli.CommandLine.Model.CommandSpec;

import java.time.Duration;
import java.util.List;

/** `fleet add-instance NAME`: creates a complete, isolated, running instance, proves it healthy and audits the fleet. */
final class AddInstanceCommand implements Subcommand {
    @Override
    public CommandSpec spec(CliDefaults defaults) {
        CommandSpec spec = Specs.command(this, "add-instance", "Create a complete, isolated, running instance in one step.",
                "Create a complete, isolated instance and start it: state dir, config with a new token, plist, launchd bootstrap; "
                        + "then wait until it listens and audit the fleet. Rerun it to finish an interrupted run.");
        spec.addPositional(Specs.positional("0", "1", "NAME", "Instance name (1-64 of a-z 0-9 _ -, not gateway or node)."));
        spec.addOption(Specs.number("--port", "P", null, "Gateway base port; refused when it collides or is in use."));
        spec.addOption(Specs.number("--base-port", "B", GatewayPorts.DEFAULT_BASE,
                "Where the automatic port search starts, in steps of 20 (default: " + GatewayPorts.DEFAULT_BASE + ")."));
        spec.addOption(Specs.value("--node", "PATH", null, "node binary (default: the fleet's, else `node` on PATH)."));
        spec.addOption(Specs.value("--entry", "PATH", null, "OpenClaw entry script (default: the fleet's, else `openclaw` on PATH)."));
        spec.addOption(Specs.value("--from", "INSTANCE", null,
                "Copy another instance's settings (models, providers, channels...), never its token, port, paths or credentials."));
        spec.addOption(Specs.flag("Create the files only; do not load the job.", "--no-start"));
        spec.addOption(Specs.flag("Print every directory, file (with mode) and launchctl call it would make; change nothing.", "--dry-run"));
        spec.addOption(Specs.number("--wait", "SECONDS", 30, "How long to wait for the gateway to run and listen (default: 30)."));
        FleetDirs.addTo(spec, defaults);
        LaunchdOptions.addTo(spec, defaults, LaunchdOptions.Use.AUDIT);
        ReportOptions.addTo(spec);
        Specs.standard(spec);
        Specs.examples(spec, "fleet add-instance luca", "fleet add-instance critic --from luca",
                "fleet add-instance ops --port 19789 --dry-run");
        return spec;
    }

    @Override
    public int call(Args args) {
        CliContext context = args.context();
        ReportOptions report = ReportOptions.from(args);
        String name = args.positional(0);
        boolean noStart = args.flag("--no-start");
        boolean dryRun = args.flag("--dry-run");
        boolean json = report.format() == Format.JSON;
        Audit.LiveOptions live = LaunchdOptions.live(args, noStart);
        FleetEnv env = FleetEnvs.of(args);
        AddInstance.Result result = AddInstance.run(new AddInstance.Options(name, args.integer("--port"), args.integer("--base-port"),
                args.string("--node"), args.string("--entry"), args.string("--from"), !noStart, dryRun,
                Duration.ofSeconds(Math.max(1, args.integer("--wait")))), env);
        if (dryRun) {
            if (json) {
                context.out().print(Json.pretty(CommandJson.ADD_INSTANCE.write(new CommandJson.Added(result, true, false, null))));
                return ExitCodes.OK;
            }
            context.out().println("add-instance " + name + ": dry run, nothing was changed. It would:");
            result.plan().forEach(line -> context.out().println("  " + line));
            dropped(result, name, args.string("--from")).forEach(context.out()::println);
            return ExitCodes.OK;
        }
        if (result.alreadyComplete()) {
            context.err().println(name + " is already complete: port " + result.port() + ", state dir " + result.stateDir() + ", plist "
                    + result.plist() + "; nothing was changed (`fleet start " + name + "` starts it if it is stopped)");
        } else {
            context.err().println((result.resumed() ? "finished " : "created ") + name + ": port " + result.port() + ", state dir "
                    + result.stateDir() + ", plist " + result.plist());
        }
        context.err().println("the gateway token is in " + result.config() + " (gateway.auth.token, mode 0600); it is never printed");
        dropped(result, name, args.string("--from")).forEach(context.err()::println);
        if (result.health() != null) {
            context.err().println(result.healthy() ? "started ai.openclaw." + name + " (pid " + result.health().last().pid()
                    + "), listening on 127.0.0.1:" + result.port() : name + " is not healthy: " + result.health().why());
        }
        Report audit = Audit.run(env.agentsDir(), env.layout().root(), report.ignored(), context.user().uid(), live);
        int printed;
        if (json) {
            context.out().print(Json.pretty(CommandJson.ADD_INSTANCE.write(new CommandJson.Added(result, false, !noStart, audit))));
            ReportPrinter.problemsOnStderr(context, "audit", audit);
            printed = audit.exitCode(report.strict());
        } else {
            printed = ReportPrinter.print(context, report, "audit", audit);
        }
        String root = env.layout().root().toString();
        // Only errors about this instance (or the whole root) decide the exit code: another instance's
        // problem, or a concurrent add-instance half way through, must not make this one look failed.
        List<Finding> mine = audit.findings().stream().filter(f -> f.severity() == Severity.ERROR)
                .filter(f -> f.instances().contains(name) || f.instances().isEmpty() && f.path() != null
                        && (f.path().equals(root) || f.path().contains("/.openclaw-" + name))).toList();
        long others = audit.count(Severity.ERROR) - mine.size();
        if (others > 0) {
            context.err().println("note: the audit found " + others + " error(s) about other instances; they do not change"
                    + " add-instance's exit code");
        }
        boolean healthy = noStart || result.healthy() || result.alreadyComplete();
        if (!healthy || !mine.isEmpty()) {
            LogTail.lastLines(env.layout().stderrLog(name), 20, FleetSecrets.of(env)).ifPresent(lines -> {
                context.err().println("last lines of " + env.layout().stderrLog(name) + ":");
                lines.forEach(l -> context.err().println("  " + l));
            });
            return printed == ExitCodes.OPERATIONAL ? printed : ExitCodes.FINDINGS;
        }
        if (printed == ExitCodes.OPERATIONAL) {
            return printed;
        }
        return ExitCodes.OK;
    }

    /** The credentials --from left behind, each with the command that sets it for the new instance. */
    private static List<String> dropped(AddInstance.Result result, String name, String from) {
        if (result.droppedCredentials().isEmpty()) {
            return List.of();
        }
        List<String> out = new java.util.ArrayList<>();
        out.add("not copied from " + from + " (credentials stay with their instance): " + String.join(", ", result.droppedCredentials()));
        out.add("set the ones " + name + " needs (each reads the value from stdin, so it is not in your shell history), then `fleet restart "
                + name + "`:");
        for (String key : result.droppedCredentials()) {
            out.add(key.contains("[") ? "  " + key + ": inside a list; edit " + result.config() + " (mode 0600) by hand"
                    : "  fleet config " + name + " set " + key + " -");
        }
        return out;
    }
}
