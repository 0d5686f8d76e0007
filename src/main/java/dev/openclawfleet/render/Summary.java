package dev.openclawfleet.render;

import dev.openclawfleet.model.Report;
import dev.openclawfleet.model.Severity;

/** The one-line summary every human-facing format ends with: "2 instances: 1 error, 0 warnings, 3 infos". */
public final class Summary {
    private Summary() {
    }

    public static String of(Report report) {
        long problems = report.problems().size();
        return count(report.instances().size(), "instance") + ": " + count(report.count(Severity.ERROR), "error") + ", "
                + count(report.count(Severity.WARNING), "warning") + ", " + count(report.count(Severity.INFO), "info")
                + (problems == 0 ? "" : ", " + count(problems, "problem") + " (incomplete)");
    }

    /** A finding's message and fix as one sentence pair, for formats with a single text field. */
    static String withFix(String message, String fix) {
        if (fix == null || fix.isEmpty()) {
            return message;
        }
        return message + (message.endsWith(".") ? "" : ".") + " Fix: " + fix;
    }

    static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
