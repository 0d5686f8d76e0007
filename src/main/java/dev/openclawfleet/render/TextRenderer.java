package dev.openclawfleet.render;

import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.Instance;
import dev.openclawfleet.model.LiveStatus;
import dev.openclawfleet.model.Report;
import dev.openclawfleet.model.Severity;
import dev.openclawfleet.model.Text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Human output: findings grouped by instance (then findings about several instances, then files
 * that are not instances), each with severity, rule, file, message and fix; a summary line last.
 * Every untrusted string is made printable, so a hostile label cannot move the cursor.
 */
public final class TextRenderer implements Renderer {
    private static final String RESET = "\u001b[0m";
    private static final String BOLD = "\u001b[1m";
    private static final String DIM = "\u001b[2m";
    private static final String RED = "\u001b[31m";
    private static final String YELLOW = "\u001b[33m";
    private static final String CYAN = "\u001b[36m";
    private static final String GREEN = "\u001b[32m";

    @Override
    public String render(Report report, RenderOptions options) {
        Style s = new Style(options.color());
        StringBuilder out = new StringBuilder();
        Map<String, List<Finding>> byInstance = new LinkedHashMap<>();
        List<Finding> shared = new ArrayList<>();
        List<Finding> other = new ArrayList<>();
        for (Finding f : report.findings()) {
            if (options.quiet() && f.severity() == Severity.INFO) {
                continue;
            }
            if (f.instances().size() == 1) {
                byInstance.computeIfAbsent(f.instances().get(0), k -> new ArrayList<>()).add(f);
            } else if (f.instances().size() > 1) {
                shared.add(f);
            } else {
                other.add(f);
            }
        }
        for (Instance i : report.instances()) {
            List<Finding> mine = byInstance.remove(i.name());
            if (options.quiet() && mine == null) {
                continue;
            }
            out.append(s.bold(p(i.name()))).append("  ").append(s.dim(p(i.displayLabel())
                    + (i.port() == null ? "" : "  port " + i.port()) + "  " + p(i.plistPath())));
            report.liveOf(i).ifPresent(live -> out.append("  ").append(live(live, s)));
            out.append('\n');
            if (mine == null) {
                out.append("  ").append(s.green("ok")).append('\n');
            } else {
                mine.forEach(f -> finding(out, s, f));
            }
            out.append('\n');
        }
        byInstance.values().forEach(other::addAll); // findings naming an instance we did not list
        section(out, s, "across instances", shared);
        section(out, s, "other files", other);
        if (!options.quiet()) {
            for (String note : report.notes()) {
                out.append(s.dim("note: " + p(note))).append('\n');
            }
        }
        for (String problem : report.problems()) {
            out.append(s.red("problem: ")).append(p(problem)).append('\n');
        }
        out.append(summary(report, s)).append('\n');
        return out.toString();
    }

    /** "running pid 812, up 3h, listening" / "not loaded" / "spawn scheduled, runs 40, last exit 1". */
    private static String live(LiveStatus l, Style s) {
        if (l.loaded() == null) {
            return s.yellow("launchd state unknown");
        }
        if (!l.loaded()) {
            return s.red("not loaded");
        }
        StringBuilder out = new StringBuilder(l.state() == null ? "loaded" : l.state());
        if (l.pid() != null) {
            out.append(" pid ").append(l.pid());
            if (l.uptimeSeconds() != null) {
                out.append(", up ").append(duration(l.uptimeSeconds()));
            }
        }
        if (l.runs() != null && l.runs() > 1) {
            out.append(", runs ").append(l.runs());
        }
        if (l.pid() == null && l.lastExitCode() != null) {
            out.append(", last exit ").append(l.lastExitCode());
        }
        if (l.listening() != null) {
            out.append(l.listening() ? ", listening" : ", not listening");
        }
        boolean healthy = l.pid() != null && !Boolean.FALSE.equals(l.listening());
        return healthy ? s.green(out.toString()) : s.red(out.toString());
    }

    static String duration(long seconds) {
        if (seconds < 120) {
            return seconds + "s";
        }
        if (seconds < 7200) {
            return seconds / 60 + "m";
        }
        if (seconds < 172800) {
            return seconds / 3600 + "h";
        }
        return seconds / 86400 + "d";
    }

    private static void section(StringBuilder out, Style s, String title, List<Finding> findings) {
        if (findings.isEmpty()) {
            return;
        }
        out.append(s.bold(title)).append('\n');
        findings.forEach(f -> finding(out, s, f));
        out.append('\n');
    }

    private static void finding(StringBuilder out, Style s, Finding f) {
        String sev = String.format("%-8s", f.severity().id());
        out.append("  ").append(s.severity(f.severity(), sev)).append(' ').append(s.bold(f.rule()));
        if (f.path() != null) {
            out.append("  ").append(s.dim(p(f.path()) + (f.position() == null ? "" : ":" + f.position())));
        }
        out.append('\n');
        out.append("           ").append(p(f.message(), 2000)).append('\n');
        if (!f.fix().isEmpty()) {
            out.append("           ").append(s.dim("fix: ")).append(p(f.fix(), 1000)).append('\n');
        }
    }

    private static String summary(Report report, Style s) {
        String text = Summary.of(report);
        return report.count(Severity.ERROR) > 0 || !report.problems().isEmpty() ? s.red(text)
                : report.count(Severity.WARNING) > 0 ? s.yellow(text) : s.green(text);
    }

    private static String p(String s) {
        return Text.printable(s, 500);
    }

    private static String p(String s, int max) {
        return Text.printable(s, max);
    }

    /** ANSI styling that turns into plain text when colour is off. */
    private record Style(boolean on) {
        String wrap(String code, String text) {
            return on ? code + text + RESET : text;
        }

        String bold(String t) {
            return wrap(BOLD, t);
        }

        String dim(String t) {
            return wrap(DIM, t);
        }

        String red(String t) {
            return wrap(RED, t);
        }

        String yellow(String t) {
            return wrap(YELLOW, t);
        }

        String green(String t) {
            return wrap(GREEN, t);
        }

        String severity(Severity severity, String t) {
            return switch (severity) {
                case ERROR -> wrap(RED + BOLD, t);
                case WARNING -> wrap(YELLOW, t);
                case INFO -> wrap(CYAN, t);
            };
        }
    }
}
