package dev.openclawfleet.audit;

import dev.openclawfleet.model.GatewayCommand;
import dev.openclawfleet.model.LaunchJob;
import dev.openclawfleet.model.Redaction;
import dev.openclawfleet.model.Text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Says what a non-gateway job in OpenClaw's namespace is and when it runs, for the helper-job info. */
final class HelperJobs {
    private HelperJobs() {
    }

    /** True when the command's entry is OpenClaw's (or its launcher, or a pre-rename one). */
    static boolean openClawEntry(GatewayCommand command) {
        String entry = command.entry();
        if (entry == null) {
            return false;
        }
        String lower = entry.toLowerCase(Locale.ROOT);
        return lower.contains("openclaw") || lower.contains("clawdbot") || lower.contains("moltbot") || GatewayCommands.isLauncher(entry);
    }

    /** "OpenClaw's node host, a client of the gateway on port 18789; runs `...`, kept alive by launchd". */
    static String describe(String label, LaunchJob job, GatewayCommand command) {
        String what;
        String sub = command.subcommand();
        if ("ai.openclaw.node".equals(label) || (openClawEntry(command) && "node".equals(sub))) {
            String port = option(command.arguments(), "--port");
            what = "OpenClaw's node host" + (port == null ? "" : ", a client of the gateway on port " + Text.printable(port, 10));
        } else if ("ai.openclaw.mac".equals(label)) {
            what = "OpenClaw's macOS app";
        } else if (label != null && (label.equals("ai.openclaw.update") || label.startsWith("ai.openclaw.update."))) {
            what = "OpenClaw's updater";
        } else if (openClawEntry(command) && sub != null) {
            what = "an `openclaw " + Text.printable(sub, 40) + "` job";
        } else {
            what = "a job of its own";
        }
        List<String> args = job.programArguments().orElse(List.of());
        String program = args.isEmpty() ? job.program().orElse("?") : String.join(" ", args);
        return what + "; runs `" + Text.printable(Redaction.redact(program, List.of()), 160) + "`, " + schedule(job);
    }

    /** When launchd runs it, from the plist's keys. */
    static String schedule(LaunchJob job) {
        List<String> when = new ArrayList<>();
        job.integer("StartInterval").ifPresent(s -> when.add("every " + s + " s (StartInterval)"));
        if (job.has("StartCalendarInterval")) {
            when.add("on a calendar schedule (StartCalendarInterval)");
        }
        if (job.has("WatchPaths") || job.has("QueueDirectories")) {
            when.add("when watched paths change");
        }
        Object keepAlive = job.raw("KeepAlive");
        if (Boolean.TRUE.equals(keepAlive)) {
            when.add("kept alive by launchd");
        } else if (keepAlive instanceof Map<?, ?>) {
            when.add("kept alive under conditions");
        }
        if (job.isTrue("RunAtLoad")) {
            when.add("at load");
        }
        return when.isEmpty() ? "only when started by hand" : String.join(", ", when);
    }

    private static String option(List<String> args, String name) {
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals(name) && i + 1 < args.size()) {
                return args.get(i + 1);
            }
            if (args.get(i).startsWith(name + "=")) {
                return args.get(i).substring(name.length() + 1);
            }
        }
        return null;
    }
}
