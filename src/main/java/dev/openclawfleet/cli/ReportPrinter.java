package dev.openclawfleet.cli;

import dev.openclawfleet.model.HostReport;
import dev.openclawfleet.model.HostsReport;
import dev.openclawfleet.model.Report;
import dev.openclawfleet.model.Text;
import dev.openclawfleet.render.Format;
import dev.openclawfleet.render.RenderOptions;
import dev.openclawfleet.render.Renderer;

/** Prints a report in the chosen format and works out the exit code. */
final class ReportPrinter {
    private ReportPrinter() {
    }

    static int print(CliContext context, ReportOptions options, String command, Report report) {
        boolean text = options.format() == Format.TEXT;
        RenderOptions render = new RenderOptions(command, text && context.color(options.noColor()), options.quiet());
        Renderer.of(options.format()).render(report, render, context.out()::print);
        context.out().flush();
        if (!text) {
            problemsOnStderr(context, command, report);
        }
        return report.exitCode(options.strict());
    }

    /** The text format shows problems in its body; the others also get one line each on stderr. */
    static void problemsOnStderr(CliContext context, String command, Report report) {
        for (String problem : report.problems()) {
            context.err().println("fleet " + command + ": " + Text.printable(problem, 500));
        }
    }

    /** The audit of several Macs, in the chosen format; the exit code as for one. */
    static int print(CliContext context, ReportOptions options, String command, HostsReport report) {
        boolean text = options.format() == Format.TEXT;
        RenderOptions render = new RenderOptions(command, text && context.color(options.noColor()), options.quiet());
        context.out().print(Renderer.of(options.format()).render(report, render));
        context.out().flush();
        if (!text) {
            for (HostReport h : report.hosts()) {
                if (!h.reached()) {
                    context.err().println("fleet " + command + ": " + Text.printable(h.host(), 200) + " could not be audited: "
                            + Text.printable(h.reason(), 500));
                }
                for (String problem : h.report().problems()) {
                    context.err().println("fleet " + command + ": [" + Text.printable(h.host(), 200) + "] " + Text.printable(problem, 500));
                }
            }
        }
        return report.exitCode(options.strict());
    }
}
