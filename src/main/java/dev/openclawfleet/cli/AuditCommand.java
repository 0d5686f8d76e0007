package dev.openclawfleet.cli;

import dev.openclawfleet.app.Audit;
import dev.openclawfleet.app.HostsAudit;
import dev.openclawfleet.app.LiveProbe;
import dev.openclawfleet.model.HostsReport;
import dev.openclawfleet.remote.SshTarget;
import dev.openclawfleet.model.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** `fleet audit`: the whole fleet on this Mac (or on other Macs over SSH): plists, state dirs, configs and the container root. */
@Command(name = "audit", header = "Audit the fleet on this Mac: plists, state dirs, configs and launchd.", sortOptions = false,
        description = {"Audit the fleet on this Mac: every OpenClaw gateway plist in the LaunchAgents dir, each",
                "instance's state dir and openclaw.json, and the container root. Run it after every change.",
                "With --host or --hosts, audit other Macs over SSH instead, in one report."},
        footer = {"", "Examples:", "  fleet audit", "  fleet audit --root ~/bots --format json",
                "  fleet audit --agents-dir /tmp/agents --root /tmp/fleet --offline",
                "  fleet audit --host me@mac-mini --host studio.local:2222",
                "  fleet audit --hosts ~/.config/fleet/hosts --format json"})
public final class AuditCommand implements Callable<Integer> {
    @ParentCommand
    FleetCommand root;
    @Spec
    CommandSpec spec;
    @Mixin
    ReportOptions report;
    @Mixin
    GlobalOptions global;
    @Mixin
    FleetDirs dirs;

    @Option(names = "--offline", description = "Skip the live launchd checks (no launchctl, lsof or ps calls).")
    boolean offline;
    @Mixin
    LiveOptionsMixin live;
    @Mixin
    RemoteOptions remote;

    @Override
    public Integer call() {
        CliContext context = root.context();
        List<SshTarget> targets = remote.targets(context);
        if (!targets.isEmpty()) {
            Audit.LiveOptions options = live.options(context, offline).withDetail(LiveProbe.Detail.NEEDED);
            HostsReport result = HostsAudit.run(new HostsAudit.Request(targets, remote.ssh(context, options.timeout()), dirs.root,
                    dirs.agentsDir, report.ignored(spec.commandLine()), options));
            return ReportPrinter.print(context, report, "audit", result);
        }
        Path agents = dirs.agentsDir(context);
        Path rootDir = dirs.root(context);
        Report result = Audit.run(agents, rootDir, report.ignored(spec.commandLine()), context.user().uid(),
                live.options(context, offline).withDetail(LiveProbe.Detail.NEEDED));
        return ReportPrinter.print(context, report, "audit", result);
    }
}
