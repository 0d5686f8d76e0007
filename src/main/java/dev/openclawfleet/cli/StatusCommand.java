package dev.openclawfleet.cli;

import dev.openclawfleet.app.Audit;
import dev.openclawfleet.model.ConfigState;
import dev.openclawfleet.model.ExitCodes;
import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.GatewayConfig;
import dev.openclawfleet.model.GatewayPorts;
import dev.openclawfleet.model.Instance;
import dev.openclawfleet.model.LiveStatus;
import dev.openclawfleet.model.Report;
import dev.openclawfleet.model.Severity;
import dev.openclawfleet.model.Text;
import dev.openclawfleet.provision.FleetEnv;
import dev.openclawfleet.provision.Lookup;
import dev.openclawfleet.state.ConfigReader;
import dev.openclawfleet.render.Json;
import picocli.CommandLine.Model.CommandSpec;

import java.util.List;
import java.util.Set;

/** `fleet status NAME`: launchd's view, paths, ports, a config summary (token masked) and the instance's findings. */
final class StatusCommand implements Subcommand {
    @Override
    public CommandSpec spec(CliDefaults defaults) {
        CommandSpec spec = Specs.command(this, "status",
                "One instance in detail: launchd's state, paths, ports, config summary (token masked) and its findings.");
        spec.addPositional(Specs.positional("0", "1", "NAME", "The instance."));
        OutputFormat.addTo(spec);
        spec.addOption(Specs.flag("Do not ask launchd.", "--offline"));
        FleetDirs.addTo(spec, defaults);
        LaunchdOptions.addTo(spec, defaults, LaunchdOptions.Use.AUDIT);
        Specs.standard(spec);
        Specs.examples(spec, "fleet status luca", "fleet status luca --format json | jq .instance.live");
        return spec;
    }

    @Override
    public int call(Args args) {
        CliContext context = args.context();
        String name = args.positional(0);
        boolean json = OutputFormat.json(args);
        Audit.LiveOptions live = LaunchdOptions.live(args, args.flag("--offline"));
        FleetEnv env = FleetEnvs.of(args);
        Audit.Fleet fleet = Lookup.fleet(env);
        Instance i = Lookup.find(fleet, name).orElseGet(() -> Lookup.require(env, name));
        Report report = Audit.run(fleet, env.layout().root(), Set.of(), context.user().uid(), live);
        Instance audited = report.instances().stream().filter(x -> x.plistPath().equals(i.plistPath())).findFirst().orElse(i);
        LiveStatus l = report.liveOf(audited).orElse(null);
        ConfigState config = audited.configPath() == null ? null : ConfigReader.read(audited.configPath(), context.user().uid());
        List<Finding> mine = report.findings().stream().filter(f -> f.instances().contains(audited.name())).toList();
        int code = !report.problems().isEmpty() ? ExitCodes.OPERATIONAL
                : mine.stream().anyMatch(f -> f.severity() == Severity.ERROR) ? ExitCodes.FINDINGS : ExitCodes.OK;
        if (json) {
            context.out().print(Json.pretty(CommandJson.STATUS.write(new CommandJson.Status(audited, l, config, mine, report))));
            ReportPrinter.problemsOnStderr(context, "status", report);
            return code;
        }
        StringBuilder out = new StringBuilder();
        out.append(audited.name()).append("  (").append(audited.displayLabel()).append(", ").append(audited.kind().id()).append(")\n");
        if (l == null) {
            out.append("  launchd     not asked\n");
        } else if (l.loaded() == null) {
            out.append("  launchd     unknown (launchctl did not answer)\n");
        } else if (!l.loaded()) {
            out.append("  launchd     not loaded\n");
        } else {
            out.append("  launchd     ").append(l.state()).append(l.pid() == null ? "" : ", pid " + l.pid())
                    .append(l.uptimeSeconds() == null ? "" : ", up " + l.uptimeSeconds() + " s").append(", runs ").append(l.runs())
                    .append(l.lastExitCode() != null ? ", last exit " + l.lastExitCode() : l.lastSignal() != null ? ", last signal " + l.lastSignal() : "")
                    .append('\n');
            out.append("  listening   ").append(l.listening() == null ? "unknown" : l.listening() ? "yes" : "no").append('\n');
        }
        if (audited.port() != null) {
            GatewayPorts ports = new GatewayPorts(audited.port());
            out.append("  ports       gateway ").append(ports.gateway()).append(", browser control ").append(ports.browserControl())
                    .append(", default CDP ").append(ports.defaultCdp()).append('\n');
        }
        out.append("  plist       ").append(audited.plist().toAbsolutePath()).append('\n');
        out.append("  state dir   ").append(audited.stateDir()).append('\n');
        out.append("  config      ").append(audited.configPath()).append('\n');
        audited.job().standardOutPath().ifPresent(p -> out.append("  log         ").append(p).append('\n'));
        audited.job().standardErrorPath().ifPresent(p -> out.append("  err log     ").append(p).append('\n'));
        if (config != null) {
            out.append("  settings    ").append(summary(config)).append('\n');
        }
        out.append("  findings    ").append(mine.isEmpty() ? "none" : mine.size()).append('\n');
        for (Finding f : mine) {
            out.append("    ").append(f.severity().id()).append(' ').append(f.rule()).append(": ").append(f.message()).append('\n');
            out.append("      fix: ").append(f.fix()).append('\n');
        }
        out.toString().lines().forEach(line -> context.out().println(Text.printable(line, 2000)));
        report.problems().forEach(p -> context.err().println("fleet status: " + Text.printable(p, 500)));
        return code;
    }

    /** "mode local, bind loopback, auth token (sha256:1a2b3c4d)": never the token itself. */
    static String summary(ConfigState state) {
        if (state instanceof ConfigState.Missing) {
            return "no config file";
        }
        if (state instanceof ConfigState.Invalid invalid) {
            return "unreadable: " + invalid.reason();
        }
        GatewayConfig c = ((ConfigState.Loaded) state).config();
        return "mode " + (c.mode() == null ? "unset" : c.mode()) + ", port " + (c.portText() == null ? "unset" : c.portText())
                + ", bind " + (c.bind() == null ? "default (loopback)" : c.bind()) + ", auth " + (c.authMode() == null ? "unset" : c.authMode())
                + (c.token() == null ? ", no token" : ", token set (" + c.token().fingerprint() + ")");
    }
}
