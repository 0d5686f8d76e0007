package dev.openclawfleet.render;

import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.Instance;
import dev.openclawfleet.model.JobStatus;
import dev.openclawfleet.model.LiveStatus;
import dev.openclawfleet.model.Report;
import dev.openclawfleet.model.Severity;
import dev.openclawfleet.model.Text;

import java.util.ArrayList;
import java.util.List;

/**
 * `fleet list`: one row per instance of an audit (name, label, port, launchd state, pid, runs, last
 * exit, listening, findings), as a table for people and as rows for the JSON. In colour the state
 * is green for a gateway that runs and is not known to be silent, red otherwise, and the findings
 * count is red with errors, yellow with warnings only.
 */
public final class ListTable {
    private static final String[] HEADER = {"NAME", "LABEL", "PORT", "STATE", "PID", "RUNS", "LAST EXIT", "LISTENING", "FINDINGS"};

    private ListTable() {
    }

    /** One instance of the list; {@code live} is null when launchd was not asked. */
    public record Row(Instance instance, LiveStatus live, int findings, int errors, int warnings) {
        /**
         * The job's status ("running", "stopped", "crash-looping"...), else launchd's state, "not
         * loaded" or "unknown"; null when launchd was not asked.
         */
        public String stateText() {
            if (live == null) {
                return null;
            }
            if (live.status() != null) {
                return live.status().id();
            }
            if (live.loaded() == null) {
                return "unknown";
            }
            return live.loaded() ? (live.state() == null ? "loaded" : live.state()) : "not loaded";
        }

        /** The last exit code, else the signal that ended the last run. */
        public String lastExitText() {
            if (live == null) {
                return null;
            }
            return live.lastExitCode() != null ? live.lastExitCode().toString() : live.lastSignal();
        }

        boolean healthy() {
            if (live != null && live.status() != null) {
                return live.status() == JobStatus.RUNNING && !Boolean.FALSE.equals(live.listening());
            }
            return live != null && live.pid() != null && !Boolean.FALSE.equals(live.listening());
        }
    }

    public static List<Row> rows(Report report) {
        List<Row> rows = new ArrayList<>();
        for (Instance i : report.instances()) {
            int findings = 0;
            int errors = 0;
            int warnings = 0;
            for (Finding f : report.findings()) {
                if (f.instances().contains(i.name())) {
                    findings++;
                    errors += f.severity() == Severity.ERROR ? 1 : 0;
                    warnings += f.severity() == Severity.WARNING ? 1 : 0;
                }
            }
            rows.add(new Row(i, report.liveOf(i).orElse(null), findings, errors, warnings));
        }
        return rows;
    }

    /** The table, a line per row after the header, columns two spaces apart; no trailing blanks. */
    public static String render(List<Row> rows, boolean color) {
        Style s = new Style(color);
        List<String[]> cells = new ArrayList<>();
        cells.add(HEADER.clone());
        for (Row r : rows) {
            LiveStatus l = r.live();
            Instance i = r.instance();
            cells.add(new String[]{i.name(), dash(i.label()), dash(i.port()), dash(r.stateText()), dash(l == null ? null : l.pid()),
                    dash(l == null ? null : l.runs()), dash(r.lastExitText()),
                    l == null || l.listening() == null ? "-" : l.listening() ? "yes" : "no", Integer.toString(r.findings())});
        }
        int[] width = new int[HEADER.length];
        for (String[] row : cells) {
            for (int c = 0; c < row.length; c++) {
                row[c] = Text.printable(row[c], 60);
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int k = 0; k < cells.size(); k++) {
            String[] row = cells.get(k);
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                String cell = k == 0 ? s.bold(row[c]) : style(s, rows.get(k - 1), c, row[c]);
                line.append(cell);
                if (c < row.length - 1) {
                    line.append(" ".repeat(width[c] + 2 - row[c].length()));
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private static String style(Style s, Row r, int column, String text) {
        return switch (column) {
            case 0 -> s.bold(text);
            case 3 -> r.live() == null ? text : r.live().loaded() == null ? s.yellow(text) : r.healthy() ? s.green(text) : s.red(text);
            case 7 -> text.equals("no") ? s.red(text) : text;
            case 8 -> r.errors() > 0 ? s.red(text) : r.warnings() > 0 ? s.yellow(text) : text;
            default -> text;
        };
    }

    private static String dash(Object value) {
        return value == null ? "-" : value.toString();
    }
}
