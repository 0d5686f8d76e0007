package dev.openclawfleet.dist;

import dev.openclawfleet.dist.CommandDoc.OptionDoc;
import dev.openclawfleet.dist.CommandDoc.ParamDoc;
import dev.openclawfleet.dist.CommandDoc.ValueKind;

import java.util.ArrayList;
import java.util.List;

/**
 * The native zsh completion function ({@code _fleet}), written from the command tree with
 * {@code _arguments}: descriptions in the menu, file and directory names where a path goes,
 * instance names from {@code fleet completion --instances}. Works as an autoloaded file in
 * {@code $fpath} and when sourced.
 */
public final class ZshCompletion {
    private ZshCompletion() {
    }

    public static String script(CommandDoc root, String version) {
        String f = "_" + BashCompletion.function(root.name());
        StringBuilder out = new StringBuilder();
        out.append("#compdef ").append(root.name()).append('\n')
                .append("# zsh completion for ").append(root.name()).append(" (openclaw-fleet ").append(version).append(")\n")
                .append("# Generated from the command tree by `").append(root.name()).append(" completion zsh`: install it as _")
                .append(root.name()).append(" in a directory of $fpath,\n# or add `source <(").append(root.name())
                .append(" completion zsh)` to ~/.zshrc after compinit.\n\n");
        out.append(f).append("_instances() {\n")
                .append("  local -a names\n")
                .append("  local agents i\n")
                .append("  i=${words[(I)--agents-dir]}\n")
                .append("  (( i > 0 )) && agents=${words[i+1]}\n")
                .append("  # the command as typed (fleet, a path to it...): _fleet saved it before _arguments shifted $words\n")
                .append("  names=(${(f)\"$(${~_fleet_command:-fleet} completion --instances ${agents:+--agents-dir} ${agents:+$agents} 2>/dev/null)\"})\n")
                .append("  _describe -t instances 'instance' names\n")
                .append("}\n\n");
        out.append(f).append("() {\n")
                .append("  local curcontext=\"$curcontext\" state line ret=1 _fleet_command=${words[1]}\n")
                .append("  typeset -A opt_args\n")
                .append("  _arguments -C \\\n");
        for (OptionDoc o : root.options()) {
            out.append("    ").append(optionSpecs(o, f, true)).append(" \\\n");
        }
        out.append("    '1: :->command' \\\n")
                .append("    '*:: :->args' && ret=0\n")
                .append("  case $state in\n")
                .append("    command)\n")
                .append("      local -a commands\n")
                .append("      commands=(\n");
        for (CommandDoc c : root.subcommands()) {
            out.append("        ").append(Shell.quote(c.name() + ":" + Shell.oneLine(c.summary()))).append('\n');
        }
        out.append("        'help:Show the help of a command'\n")
                .append("      )\n")
                .append("      _describe -t commands '").append(root.name()).append(" command' commands && ret=0\n")
                .append("      ;;\n")
                .append("    args)\n")
                .append("      curcontext=\"${curcontext%:*:*}:").append(root.name()).append("-$words[1]:\"\n")
                .append("      case $words[1] in\n");
        for (CommandDoc c : root.subcommands()) {
            out.append("        ").append(c.name()).append(")\n")
                    .append("          _arguments -S \\\n");
            for (OptionDoc o : c.options()) {
                out.append("            ").append(optionSpecs(o, f, false)).append(" \\\n");
            }
            for (ParamDoc p : c.positionals()) {
                out.append("            ").append(positionalSpec(p, f)).append(" \\\n");
            }
            out.append("            && ret=0\n          ;;\n");
        }
        out.append("        help)\n")
                .append("          _arguments '1:command:(");
        out.append(String.join(" ", root.subcommands().stream().map(CommandDoc::name).toList()));
        out.append(")' && ret=0\n          ;;\n")
                .append("      esac\n")
                .append("      ;;\n")
                .append("  esac\n")
                .append("  return ret\n")
                .append("}\n\n")
                .append("if [[ $funcstack[1] == ").append(f).append(" ]]; then\n")
                .append("  ").append(f).append(" \"$@\"\n")
                .append("else\n")
                .append("  compdef ").append(f).append(' ').append(root.name()).append('\n')
                .append("fi\n");
        return out.toString();
    }

    /** One _arguments spec per option name, each excluding the other names of the same option. */
    private static String optionSpecs(OptionDoc o, String f, boolean root) {
        List<String> specs = new ArrayList<>();
        boolean exits = root && (o.names().contains("--help") || o.names().contains("--version"));
        String exclusion = exits ? "(- *)" : o.repeatable() ? "*" : o.names().size() > 1 ? "(" + String.join(" ", o.names()) + ")" : "";
        for (String name : o.names()) {
            StringBuilder spec = new StringBuilder(exclusion).append(name);
            if (o.takesValue() && name.startsWith("--")) {
                spec.append('=');
            }
            spec.append('[').append(bracketed(Shell.oneLine(o.description()))).append(']');
            if (o.takesValue()) {
                spec.append(':').append(label(o.paramLabel())).append(':').append(action(o.kind(), o.choices(), f));
            }
            specs.add(Shell.quote(spec.toString()));
        }
        return String.join(" ", specs);
    }

    private static String positionalSpec(ParamDoc p, String f) {
        String position = p.to() == Integer.MAX_VALUE ? "*" : Integer.toString(p.from() + 1);
        String optional = !p.required() && p.to() != Integer.MAX_VALUE ? ":" : "";
        return Shell.quote(position + ":" + optional + label(p.label()) + ":" + action(p.kind(), p.choices(), f));
    }

    private static String action(ValueKind kind, List<String> choices, String f) {
        return switch (kind) {
            case FILE -> "_files";
            case DIRECTORY -> "_files -/";
            case INSTANCE -> f + "_instances";
            case CHOICE -> "(" + String.join(" ", choices) + ")";
            case NONE -> " ";
        };
    }

    /** Text inside [...] of an _arguments spec: brackets escaped. */
    private static String bracketed(String s) {
        return s.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]");
    }

    /** A value's label in the message part: colons would end it. */
    private static String label(String s) {
        return s.replace(":", "\\:");
    }
}
