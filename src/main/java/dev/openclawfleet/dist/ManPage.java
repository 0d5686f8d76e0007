package dev.openclawfleet.dist;

import dev.openclawfleet.dist.CommandDoc.OptionDoc;
import dev.openclawfleet.dist.CommandDoc.ParamDoc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Man pages in troff's man macros, written from the command tree: {@code fleet(1)} with the list
 * of commands, and {@code fleet-COMMAND(1)} for each, with synopsis, description, options,
 * arguments, exit status, examples (from --help's footer) and cross references.
 */
public final class ManPage {
    private ManPage() {
    }

    /** Every page, by file name ({@code fleet.1}, {@code fleet-lint.1}...). */
    public static Map<String, String> pages(CommandDoc root, String version) {
        Map<String, String> out = new TreeMap<>();
        out.put(root.name() + ".1", page(root, root, version));
        for (CommandDoc c : root.subcommands()) {
            out.put(c.pageName(root) + ".1", page(root, c, version));
        }
        return out;
    }

    static String page(CommandDoc root, CommandDoc c, String version) {
        String page = c.pageName(root);
        StringBuilder out = new StringBuilder();
        out.append(".\\\" Generated from the command tree of openclaw-fleet ").append(version).append("; do not edit.\n")
                .append(".TH \"").append(escape(page.toUpperCase(Locale.ROOT))).append("\" \"1\" \"\" \"")
                .append(escape("openclaw-fleet " + version)).append("\" \"").append(escape("openclaw-fleet Manual")).append("\"\n")
                .append(".ad l\n.nh\n")
                .append(".SH NAME\n").append(escape(page)).append(" \\- ").append(escape(Shell.oneLine(c.summary()))).append('\n')
                .append(".SH SYNOPSIS\n").append(synopsis(c)).append('\n')
                .append(".SH DESCRIPTION\n");
        for (String line : c.description()) {
            out.append(".PP\n").append(text(line)).append('\n');
        }
        if (c == root) {
            out.append(".SH COMMANDS\n");
            for (CommandDoc sub : root.subcommands()) {
                out.append(".TP\n.B ").append(escape(sub.name())).append('\n').append(text(Shell.oneLine(sub.summary())))
                        .append(". See \\fB").append(escape(sub.pageName(root))).append("\\fR(1).\n");
            }
        }
        if (!c.options().isEmpty()) {
            out.append(".SH OPTIONS\n");
            for (OptionDoc o : c.options()) {
                out.append(".TP\n").append(optionTerm(o)).append('\n').append(text(o.description())).append('\n');
            }
        }
        if (!c.positionals().isEmpty()) {
            out.append(".SH ARGUMENTS\n");
            for (ParamDoc p : c.positionals()) {
                out.append(".TP\n\\fI").append(escape(p.label())).append("\\fR").append(p.to() == Integer.MAX_VALUE ? "..." : "")
                        .append('\n').append(text(p.description())).append('\n');
            }
        }
        if (!root.exitCodes().isEmpty()) {
            out.append(".SH EXIT STATUS\n");
            new TreeMap<>(root.exitCodes()).forEach((code, meaning) ->
                    out.append(".TP\n.B ").append(escape(code)).append('\n').append(text(meaning)).append('\n'));
        }
        examples(out, c.footer());
        if (c == root) {
            out.append(".SH ENVIRONMENT\n")
                    .append(".TP\n.B NO_COLOR\nWhen set to a non-empty value, no ANSI colour in text output (as with \\fB\\-\\-no\\-color\\fR).\n")
                    .append(".SH FILES\n")
                    .append(".TP\n.I ~/Library/LaunchAgents\nThe LaunchAgent plists of the fleet (\\fB\\-\\-agents\\-dir\\fR).\n")
                    .append(".TP\n.I ~/.openclaw\nThe container root holding each instance's \\fI.openclaw\\-NAME\\fR state dir (\\fB\\-\\-root\\fR).\n");
        }
        out.append(".SH SEE ALSO\n");
        List<String> refs = new ArrayList<>();
        if (c == root) {
            root.subcommands().forEach(sub -> refs.add("\\fB" + escape(sub.pageName(root)) + "\\fR(1)"));
        } else {
            refs.add("\\fB" + escape(root.name()) + "\\fR(1)");
        }
        refs.add("\\fBlaunchctl\\fR(1)");
        refs.add("\\fBlaunchd.plist\\fR(5)");
        out.append(String.join(",\n", refs)).append('\n');
        return out.toString();
    }

    private static String synopsis(CommandDoc c) {
        String flat = String.join(" ", c.synopsis().strip().split("\\s+"));
        String[] words = flat.split(" ", 3);
        // "fleet lint [-r] ... PATH...": the command in bold, the rest as picocli wrote it.
        if (words.length >= 2 && !words[1].startsWith("[") && !words[1].startsWith("-")) {
            return ".B " + escape(words[0] + " " + words[1]) + (words.length > 2 ? "\n" + text(words[2]) : "");
        }
        return ".B " + escape(words[0]) + (flat.length() > words[0].length() ? "\n" + text(flat.substring(words[0].length() + 1)) : "");
    }

    private static String optionTerm(OptionDoc o) {
        List<String> names = new ArrayList<>();
        for (String n : o.names()) {
            names.add("\\fB" + escape(n) + "\\fR");
        }
        String term = String.join(", ", names);
        return o.takesValue() ? term + " \\fI" + escape(o.paramLabel()) + "\\fR" : term;
    }

    /** The footer's "Examples:" block as an EXAMPLES section; other footer lines are left to --help. */
    private static void examples(StringBuilder out, List<String> footer) {
        List<String> examples = new ArrayList<>();
        boolean in = false;
        for (String line : footer) {
            if (line.strip().matches("Examples?:")) {
                in = true;
            } else if (in && line.startsWith("  ")) {
                examples.add(line.strip());
            } else if (in && !line.isBlank()) {
                in = false;
            }
        }
        if (examples.isEmpty()) {
            return;
        }
        out.append(".SH EXAMPLES\n.nf\n.RS 4\n");
        examples.forEach(e -> out.append(text(e)).append('\n'));
        out.append(".RE\n.fi\n");
    }

    /** A paragraph line: escaped, and never read as a request even when it starts with . or '. */
    static String text(String s) {
        String line = escape(String.join(" ", s.strip().lines().toList()));
        return line.startsWith(".") || line.startsWith("'") ? "\\&" + line : line;
    }

    /** troff escapes: backslash, minus signs (so that options can be searched and copied), and non-ASCII. */
    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        s.codePoints().forEach(cp -> {
            if (cp == '\\') {
                out.append("\\e");
            } else if (cp == '-') {
                out.append("\\-");
            } else if (cp == '\u2026') {
                out.append("...");
            } else if (cp < 32) {
                out.append(' ');
            } else if (cp > 126) {
                out.append(String.format("\\[u%04X]", cp));
            } else {
                out.append((char) cp);
            }
        });
        return out.toString();
    }
}
