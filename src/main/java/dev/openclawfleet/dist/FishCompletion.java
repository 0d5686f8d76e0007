package dev.openclawfleet.dist;

import dev.openclawfleet.dist.CommandDoc.OptionDoc;
import dev.openclawfleet.dist.CommandDoc.ParamDoc;
import dev.openclawfleet.dist.CommandDoc.ValueKind;

import java.util.List;

/**
 * The fish completions, written from the command tree: one {@code complete} line per command and
 * option, file names only where a path goes, instance names from {@code fleet completion --instances}.
 */
public final class FishCompletion {
    private FishCompletion() {
    }

    public static String script(CommandDoc root, String version) {
        String c = root.name();
        String f = "__" + BashCompletion.function(c);
        StringBuilder out = new StringBuilder();
        out.append("# fish completion for ").append(c).append(" (openclaw-fleet ").append(version).append(")\n")
                .append("# Generated from the command tree by `").append(c).append(" completion fish`: install it as\n")
                .append("# ~/.config/fish/completions/").append(c).append(".fish.\n\n");
        out.append("function ").append(f).append("_instances\n")
                .append("    set -l tokens (commandline -opc)\n")
                .append("    set -l agents\n")
                .append("    set -l i (contains -i -- --agents-dir $tokens)\n")
                .append("    and test (count $tokens) -gt $i\n")
                .append("    and set agents --agents-dir $tokens[(math $i + 1)]\n")
                .append("    $tokens[1] completion --instances $agents 2>/dev/null\n")
                .append("end\n\n");
        out.append("function ").append(f).append("_positionals\n")
                .append("    # How many positional arguments follow the subcommand so far (options and their values skipped).\n")
                .append("    set -l tokens (commandline -opc)\n")
                .append("    set -e tokens[1..2]\n")
                .append("    set -l n 0\n")
                .append("    set -l skip 0\n")
                .append("    for t in $tokens\n")
                .append("        if test $skip -eq 1\n")
                .append("            set skip 0\n")
                .append("        else if string match -qr -- '^-' $t\n")
                .append("            contains -- $t $argv; and set skip 1\n")
                .append("        else\n")
                .append("            set n (math $n + 1)\n")
                .append("        end\n")
                .append("    end\n")
                .append("    echo $n\n")
                .append("end\n\n");
        out.append("complete -c ").append(c).append(" -f\n");
        String none = "__fish_use_subcommand";
        for (OptionDoc o : root.options()) {
            out.append(option(c, none, o, f));
        }
        for (CommandDoc sub : root.subcommands()) {
            out.append("complete -c ").append(c).append(" -n ").append(none).append(" -a ").append(sub.name())
                    .append(" -d ").append(Shell.fishQuote(Shell.oneLine(sub.summary()))).append('\n');
        }
        out.append("complete -c ").append(c).append(" -n ").append(none).append(" -a help -d 'Show the help of a command'\n");
        for (CommandDoc sub : root.subcommands()) {
            out.append('\n');
            String seen = "'__fish_seen_subcommand_from " + sub.name() + "'";
            for (OptionDoc o : sub.options()) {
                out.append(option(c, seen, o, f));
            }
            String valueOptions = String.join(" ", sub.options().stream().filter(OptionDoc::takesValue)
                    .flatMap(o -> o.names().stream()).toList());
            for (ParamDoc p : sub.positionals()) {
                String condition = "'__fish_seen_subcommand_from " + sub.name() + "; and test ("
                        + f + "_positionals " + valueOptions + ") -" + (p.to() == Integer.MAX_VALUE ? "ge " + p.from() : "eq " + p.from()) + "'";
                out.append("complete -c ").append(c).append(" -n ").append(condition).append(values(p.kind(), p.choices(), f))
                        .append(" -d ").append(Shell.fishQuote(p.description().isBlank() ? p.label() : Shell.oneLine(p.description()))).append('\n');
            }
        }
        out.append("\ncomplete -c ").append(c).append(" -n '__fish_seen_subcommand_from help' -x -a ")
                .append(Shell.fishQuote(String.join(" ", root.subcommands().stream().map(CommandDoc::name).toList()))).append('\n');
        return out.toString();
    }

    private static String option(String c, String condition, OptionDoc o, String f) {
        StringBuilder line = new StringBuilder("complete -c ").append(c).append(" -n ").append(condition);
        for (String name : o.names()) {
            if (name.startsWith("--")) {
                line.append(" -l ").append(name.substring(2));
            } else if (name.length() == 2) {
                line.append(" -s ").append(name.substring(1));
            } else {
                line.append(" -o ").append(name.substring(1));
            }
        }
        if (o.takesValue()) {
            line.append(values(o.kind(), o.choices(), f));
        }
        return line.append(" -d ").append(Shell.fishQuote(Shell.oneLine(o.description()))).append('\n').toString();
    }

    /** Flags of `complete` for what a value completes to. */
    private static String values(ValueKind kind, List<String> choices, String f) {
        return switch (kind) {
            case FILE -> " -r -F";
            case DIRECTORY -> " -x -a '(__fish_complete_directories)'";
            case INSTANCE -> " -x -a '(" + f + "_instances)'";
            case CHOICE -> " -x -a " + Shell.fishQuote(String.join(" ", choices));
            case NONE -> " -x";
        };
    }
}
