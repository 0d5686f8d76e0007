package dev.openclawfleet.cli;

import dev.openclawfleet.app.Audit;
import dev.openclawfleet.model.ExitCodes;
import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.GatewayPorts;
import dev.openclawfleet.model.Report;
import dev.openclawfleet.model.Severity;
import dev.openclawfleet.provision.AddInstance;
import dev.openclawfleet.provision.FleetEnv;
import dev.openclawfleet.provision.FleetSecrets;
import dev.openclawfleet.system.LogTail;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.util.List;

/** `fleet add-instance NAME`: creates a complete, isolated, running instance, proves it healthy and audits the fleet. */
@Command(name = "add-instance", header = "Create a complete, isolated, running instance in one step.", sortOptions = false,
        description = {"Create a complete, isolated instance and start it: state dir, config with a new token, plist,",
                "launchd bootstrap; then wait until it listens and audit the fleet. Rerun it to finish an interrupted run."},
        footer = {"", "Examples:", "  fleet add-instance luca", "  fleet add-instance critic --from luca",
                "  fleet add-instance ops --port 19789 --dry-run"})
public final class AddInstanceCommand extends FleetTask {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "Instance name (1-64 of a-z 0-9 _ -, not gateway or node).")
    String name;

    @Option(names = "--port", paramLabel = "P", description = "Gateway base port; refused when it collides or is in use.")
    Integer port;

    @Option(names = "--base-port", paramLabel = "B", defaultValue = "" + GatewayPorts.DEFAULT_BASE,
            description = "Where the automatic port search starts, in steps of 20 (default: ${DEFAULT-VALUE}).")
    int basePort;

    @Option(names = "--node", paramLabel = "PATH", description = "node binary (default: the fleet's, else `node` on PATH).")
    String node;

    @Option(names = "--entry", paramLabel = "PATH", description = "OpenClaw entry script (default: the fleet's, else `openclaw` on PATH).")
    String entry;

    @Option(names = "--from", paramLabel = "INSTANCE",
            description = "Copy another instance's settings (models, providers, channels...), never its token, port, paths or credentials.")
    String from;

    @Option(names = "--no-start", description = "Create the files only; do not load the job.")
    boolean noStart;

    @Option(names = "--dry-run", description = "Print every directory, file (with mode) and launchctl call it would make; change nothing.")
    boolean dryRun;

    @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "30",
            description = "How long to wait for the gateway to run and listen (default: ${DEFAULT-VALUE}).")
    int waitSeconds;

    @Mixin
    ReportOptions report;

    @Override
    public Integer call() {
        CliContext context = root.context();
        FleetEnv env = env();
        AddInstance.Result result = AddInstance.run(new AddInstance.Options(name, port, basePort, node, entry, from, !noStart, dryRun,
                Duration.ofSeconds(Math.max(1, waitSeconds))), env);
        if (dryRun) {
            context.out().println("add-instance " + name + ": dry run, nothing was changed. It would:");
            result.plan().forEach(line -> context.out().println("  " + line));
            dropped(result).forEach(context.out()::println);
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
        dropped(result).forEach(context.err()::println);
        if (result.health() != null) {
            context.err().println(result.healthy() ? "started ai.openclaw." + name + " (pid " + result.health().last().pid()
                    + "), listening on 127.0.0.1:" + result.port() : name + " is not healthy: " + result.health().why());
        }
        Report audit = Audit.run(env.agentsDir(), env.layout().root(), report.ignored(spec.commandLine()), context.user().uid(),
                live.options(context, noStart));
        int printed = ReportPrinter.print(context, report, "audit", audit);
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
    private List<String> dropped(AddInstance.Result result) {
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
