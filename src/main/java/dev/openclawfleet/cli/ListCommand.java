package dev.openclawfleet.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openclawfleet.app.Audit;
import dev.openclawfleet.model.ExitCodes;
import dev.openclawfleet.model.Instance;
import dev.openclawfleet.model.LiveStatus;
import dev.openclawfleet.model.Report;
import dev.openclawfleet.model.Text;
import dev.openclawfleet.render.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** `fleet list`: one row per instance with its launchd state and its number of findings. */
@Command(name = "list", description = "One row per instance: name, label, port, state, pid, runs, last exit, listening, findings.",
        footer = {"", "Examples:", "  fleet list", "  fleet list --format json | jq '.instances[] | select(.state != \"running\")'"})
public final class ListCommand extends FleetTask {

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--offline", description = "Do not ask launchd (state columns stay empty).")
    boolean offline;


    @Override
    public Integer call() {
        CliContext context = root.context();
        if (!format.equals("text") && !format.equals("json")) {
            throw dev.openclawfleet.model.FleetException.usage("--format must be text or json for list");
        }
        Report report = Audit.run(dirs.agentsDir(context), dirs.root(context), Set.of(), context.user().uid(), live.options(context, offline));
        List<Row> rows = report.instances().stream().map(i -> row(i, report)).toList();
        if (format.equals("json")) {
            ObjectNode out = Json.object();
            out.put("schemaVersion", 1);
            ArrayNode array = out.putArray("instances");
            for (Row r : rows) {
                ObjectNode n = array.addObject();
                n.put("name", r.name);
                n.put("label", r.label);
                n.set("port", r.port == null ? n.nullNode() : n.numberNode(r.port));
                n.put("state", r.state);
                n.set("pid", r.pid == null ? n.nullNode() : n.numberNode(r.pid));
                n.set("runs", r.runs == null ? n.nullNode() : n.numberNode(r.runs));
                n.put("lastExit", r.lastExit);
                n.set("listening", r.listening == null ? n.nullNode() : n.booleanNode(r.listening));
                n.put("findings", r.findings);
            }
            ArrayNode notes = out.putArray("notes");
            report.notes().forEach(notes::add);
            ArrayNode problems = out.putArray("problems");
            report.problems().forEach(problems::add);
            context.out().print(Json.pretty(out));
        } else {
            List<String[]> table = new ArrayList<>();
            table.add(new String[]{"NAME", "LABEL", "PORT", "STATE", "PID", "RUNS", "LAST EXIT", "LISTENING", "FINDINGS"});
            for (Row r : rows) {
                table.add(new String[]{r.name, r.label == null ? "-" : r.label, r.port == null ? "-" : r.port.toString(),
                        r.state == null ? "-" : r.state, r.pid == null ? "-" : r.pid.toString(), r.runs == null ? "-" : r.runs.toString(),
                        r.lastExit == null ? "-" : r.lastExit, r.listening == null ? "-" : r.listening ? "yes" : "no",
                        Integer.toString(r.findings)});
            }
            print(context, table);
            report.notes().forEach(n -> context.out().println("note: " + n));
            report.problems().forEach(p -> context.err().println("fleet list: " + Text.printable(p, 500)));
        }
        return report.problems().isEmpty() ? ExitCodes.OK : ExitCodes.OPERATIONAL;
    }

    private record Row(String name, String label, Integer port, String state, Long pid, Long runs, String lastExit, Boolean listening,
                       int findings) {
    }

    private static Row row(Instance i, Report report) {
        int findings = (int) report.findings().stream().filter(f -> f.instances().contains(i.name())).count();
        LiveStatus live = report.liveOf(i).orElse(null);
        if (live == null) {
            return new Row(i.name(), i.label(), i.port(), null, null, null, null, null, findings);
        }
        String lastExit = live.lastExitCode() != null ? live.lastExitCode().toString() : live.lastSignal();
        return new Row(i.name(), i.label(), i.port(), live.status() != null ? live.status().id()
                : live.loaded() == null ? "unknown" : live.loaded() ? live.state() : "not loaded",
                live.pid() == null ? null : live.pid().longValue(), live.runs(), lastExit, live.listening(), findings);
    }

    private static void print(CliContext context, List<String[]> table) {
        int[] width = new int[table.get(0).length];
        for (String[] row : table) {
            for (int c = 0; c < row.length; c++) {
                row[c] = Text.printable(row[c], 60);
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        for (String[] row : table) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                line.append(c == row.length - 1 ? row[c] : String.format("%-" + (width[c] + 2) + "s", row[c]));
            }
            context.out().println(line.toString().stripTrailing());
        }
    }
}
