package dev.openclawfleet.cli;

import dev.openclawfleet.app.Audit;
import dev.openclawfleet.model.ExitCodes;
import dev.openclawfleet.model.Report;
import dev.openclawfleet.model.Text;
import dev.openclawfleet.render.Json;
import dev.openclawfleet.render.ListTable;
import picocli.CommandLine.Model.CommandSpec;

import java.util.List;
import java.util.Set;

/** `fleet list`: one row per instance with its launchd state and its number of findings. */
final class ListCommand implements Subcommand {
    @Override
    public CommandSpec spec(CliDefaults defaults) {
        CommandSpec spec = Specs.command(this, "list",
                "One row per instance: name, label, port, state, pid, runs, last exit, listening, findings.");
        OutputFormat.addTo(spec);
        spec.addOption(Specs.flag("Do not ask launchd (the state columns stay empty).", "--offline"));
        OutputFormat.addNoColor(spec);
        FleetDirs.addTo(spec, defaults);
        LaunchdOptions.addTo(spec, defaults, LaunchdOptions.Use.AUDIT);
        Specs.standard(spec);
        Specs.examples(spec, "fleet list", "fleet list --format json | jq '.instances[] | select(.status != \"running\")'");
        return spec;
    }

    @Override
    public int call(Args args) {
        CliContext context = args.context();
        boolean json = OutputFormat.json(args);
        FleetDirs dirs = FleetDirs.from(args);
        Report report = Audit.run(dirs.agentsDir(), dirs.root(), Set.of(), context.user().uid(),
                LaunchdOptions.live(args, args.flag("--offline")));
        List<ListTable.Row> rows = ListTable.rows(report);
        if (json) {
            context.out().print(Json.pretty(CommandJson.LIST.write(new CommandJson.Listing(rows, report))));
            ReportPrinter.problemsOnStderr(context, "list", report);
        } else {
            if (rows.isEmpty() && report.problems().isEmpty()) {
                context.out().println("No OpenClaw gateway instances in " + Text.printable(dirs.agentsDir().toString(), 500)
                        + ". `fleet add-instance NAME` creates one.");
            } else if (!rows.isEmpty()) {
                context.out().print(ListTable.render(rows, context.color(args.flag("--no-color"))));
            }
            report.notes().forEach(n -> context.out().println("note: " + Text.printable(n, 500)));
            report.problems().forEach(p -> context.err().println("fleet list: " + Text.printable(p, 500)));
        }
        return report.problems().isEmpty() ? ExitCodes.OK : ExitCodes.OPERATIONAL;
    }
}
