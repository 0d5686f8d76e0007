package dev.openclawfleet.cli;

import dev.openclawfleet.app.Audit;
import dev.openclawfleet.model.Report;
import picocli.CommandLine.Model.CommandSpec;

/** `fleet audit`: the whole fleet on this Mac: plists, state dirs, configs, the container root and launchd. */
final class AuditCommand implements Subcommand {
    @Override
    public CommandSpec spec(CliDefaults defaults) {
        CommandSpec spec = Specs.command(this, "audit", "Audit the fleet on this Mac: plists, state dirs, configs and launchd.",
                "Audit the fleet on this Mac: every OpenClaw gateway plist in the LaunchAgents dir, each instance's state dir "
                        + "and openclaw.json, the container root, and what launchd, lsof and ps say. Run it after every change.");
        FleetDirs.addTo(spec, defaults);
        spec.addOption(Specs.flag("Skip the live launchd checks (no launchctl, lsof or ps calls).", "--offline"));
        LaunchdOptions.addTo(spec, defaults, LaunchdOptions.Use.AUDIT);
        ReportOptions.addTo(spec);
        Specs.standard(spec);
        Specs.examples(spec, "fleet audit", "fleet audit --root ~/bots --format json",
                "fleet audit --agents-dir /tmp/agents --root /tmp/fleet --offline");
        return spec;
    }

    @Override
    public int call(Args args) {
        ReportOptions report = ReportOptions.from(args);
        FleetDirs dirs = FleetDirs.from(args);
        Report result = Audit.run(dirs.agentsDir(), dirs.root(), report.ignored(), args.context().user().uid(),
                LaunchdOptions.live(args, args.flag("--offline")));
        return ReportPrinter.print(args.context(), report, "audit", result);
    }
}
