package dev.openclawfleet.cli;

import dev.openclawfleet.app.Audit;
import dev.openclawfleet.app.HostsAudit;
import dev.openclawfleet.app.LiveProbe;
import dev.openclawfleet.model.HostsReport;
import dev.openclawfleet.model.Report;
import dev.openclawfleet.remote.SshTarget;
import picocli.CommandLine.Model.CommandSpec;

import java.util.List;

/** `fleet audit`: the whole fleet on this Mac (or on other Macs over SSH): plists, state dirs, configs, the root and launchd. */
final class AuditCommand implements Subcommand {
    @Override
    public CommandSpec spec(CliDefaults defaults) {
        CommandSpec spec = Specs.command(this, "audit", "Audit the fleet on this Mac: plists, state dirs, configs and launchd.",
                "Audit the fleet on this Mac: every OpenClaw gateway plist in the LaunchAgents dir, each instance's state dir "
                        + "and openclaw.json, the container root, and what launchd, lsof and ps say. Run it after every change. "
                        + "With --host or --hosts, audit other Macs over SSH instead, in one report.");
        FleetDirs.addTo(spec, defaults);
        spec.addOption(Specs.flag("Skip the live launchd checks (no launchctl, lsof or ps calls).", "--offline"));
        LaunchdOptions.addTo(spec, defaults, LaunchdOptions.Use.AUDIT);
        ReportOptions.addTo(spec);
        RemoteOptions.addTo(spec, "Audit");
        Specs.standard(spec);
        Specs.examples(spec, "fleet audit", "fleet audit --root ~/bots --format json",
                "fleet audit --agents-dir /tmp/agents --root /tmp/fleet --offline",
                "fleet audit --host me@mac-mini --host studio.local:2222", "fleet audit --hosts ~/.config/fleet/hosts --format json");
        return spec;
    }

    @Override
    public int call(Args args) {
        ReportOptions report = ReportOptions.from(args);
        // Only the jobs whose verdict needs it are printed one by one (launchctl list answers for the rest).
        Audit.LiveOptions live = LaunchdOptions.live(args, args.flag("--offline")).withDetail(LiveProbe.Detail.NEEDED);
        List<SshTarget> targets = RemoteOptions.targets(args);
        if (!targets.isEmpty()) {
            // On other Macs, only what was typed: FLEET_ROOT and FLEET_AGENTS_DIR describe this one.
            HostsReport result = HostsAudit.run(new HostsAudit.Request(targets, RemoteOptions.ssh(args, live.timeout()),
                    args.string("--root"), args.string("--agents-dir"), report.ignored(), live));
            return ReportPrinter.print(args.context(), report, "audit", result);
        }
        FleetDirs dirs = FleetDirs.from(args);
        Report result = Audit.run(dirs.agentsDir(), dirs.root(), report.ignored(), args.context().user().uid(), live);
        return ReportPrinter.print(args.context(), report, "audit", result);
    }
}
