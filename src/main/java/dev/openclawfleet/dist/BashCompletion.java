package dev.openclawfleet.dist;

import dev.openclawfleet.dist.CommandDoc.OptionDoc;
import dev.openclawfleet.dist.CommandDoc.ParamDoc;
import dev.openclawfleet.dist.CommandDoc.ValueKind;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The bash completion script, written from the command tree. Works with the bash 3.2 that macOS
 * ships (no mapfile, no associative arrays); zsh users get {@link ZshCompletion} instead.
 * Instance names come from {@code fleet completion --instances}, which reads only the plists.
 */
public final class BashCompletion {
    private BashCompletion() {
    }

    public static String script(CommandDoc root, String version) {
        StringBuilder out = new StringBuilder();
        out.append("# bash completion for ").append(root.name()).append(" (openclaw-fleet ").append(version).append(")\n")
                .append("# Generated from the command tree by `").append(root.name()).append(" completion bash`: install it as\n")
                .append("# $(brew --prefix)/etc/bash_completion.d/").append(root.name())
                .append(", or add `source <(").append(root.name()).append(" completion bash)` to ~/.bashrc.\n\n");
        instancesFunction(out, root);
        takesValueFunction(out, root);
        mainFunction(out, root);
        out.append("complete -o bashdefault -o default -F _").append(function(root.name())).append(' ').append(root.name()).append('\n');
        return out.toString();
    }

    private static void instancesFunction(StringBuilder out, CommandDoc root) {
        String f = function(root.name());
        out.append("# Instance names, from the LaunchAgents dir (or the --agents-dir given on the line).\n")
                .append("_").append(f).append("_instances() {\n")
                .append("  local fleet=${COMP_WORDS[0]} agents=\"\" i\n")
                .append("  case $fleet in \"~/\"*) fleet=$HOME/${fleet#\"~/\"} ;; esac\n")
                .append("  for ((i = 1; i < COMP_CWORD; i++)); do\n")
                .append("    if [[ ${COMP_WORDS[i]} == --agents-dir && ${COMP_WORDS[i+1]} != = ]]; then agents=${COMP_WORDS[i+1]}; fi\n")
                .append("    if [[ ${COMP_WORDS[i]} == --agents-dir && ${COMP_WORDS[i+1]} == = ]]; then agents=${COMP_WORDS[i+2]}; fi\n")
                .append("  done\n")
                .append("  if [[ -n $agents ]]; then\n")
                .append("    \"$fleet\" completion --instances --agents-dir \"$agents\" 2>/dev/null\n")
                .append("  else\n")
                .append("    \"$fleet\" completion --instances 2>/dev/null\n")
                .append("  fi\n")
                .append("}\n\n");
    }

    /** Which options of which command consume the next word. */
    private static void takesValueFunction(StringBuilder out, CommandDoc root) {
        List<String> patterns = new ArrayList<>();
        for (CommandDoc c : root.subcommands()) {
            for (OptionDoc o : c.options()) {
                if (o.takesValue()) {
                    o.names().forEach(n -> patterns.add("\"" + c.name() + " " + n + "\""));
                }
            }
        }
        out.append("_").append(function(root.name())).append("_takes_value() {\n")
                .append("  case \"$1 $2\" in\n");
        if (!patterns.isEmpty()) {
            out.append("    ").append(String.join("|", patterns)).append(") return 0 ;;\n");
        }
        out.append("  esac\n  return 1\n}\n\n");
    }

    private static void mainFunction(StringBuilder out, CommandDoc root) {
        String f = function(root.name());
        out.append("_").append(f).append("() {\n")
                .append("  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}\n")
                .append("  local cmd=\"\" word positional=0 skip=0 i IFS=$' \\t\\n'\n")
                .append("  COMPREPLY=()\n")
                .append("  # --opt=value: bash splits it into --opt, = and value\n")
                .append("  if [[ $cur == = ]]; then cur=\"\"; prev=${COMP_WORDS[COMP_CWORD-1]}; fi\n")
                .append("  if [[ $prev == = ]]; then prev=${COMP_WORDS[COMP_CWORD-2]}; fi\n")
                .append("  for ((i = 1; i < COMP_CWORD; i++)); do\n")
                .append("    word=${COMP_WORDS[i]}\n")
                .append("    if [[ -z $cmd ]]; then\n")
                .append("      if [[ $word != -* ]]; then cmd=$word; fi\n")
                .append("      continue\n")
                .append("    fi\n")
                .append("    if [[ $word == = ]]; then skip=1; continue; fi\n")
                .append("    if ((skip)); then skip=0; continue; fi\n")
                .append("    if [[ $word == -- ]]; then positional=999; continue; fi\n")
                .append("    if [[ $word == -* ]]; then\n")
                .append("      if _").append(f).append("_takes_value \"$cmd\" \"$word\"; then skip=1; fi\n")
                .append("      continue\n")
                .append("    fi\n")
                .append("    positional=$((positional + 1))\n")
                .append("  done\n")
                .append("  if [[ -z $cmd ]]; then\n")
                .append("    if [[ $cur == -* ]]; then\n")
                .append("      COMPREPLY=($(compgen -W ").append(Shell.quote(optionNames(root))).append(" -- \"$cur\"))\n")
                .append("    else\n")
                .append("      COMPREPLY=($(compgen -W ").append(Shell.quote(commandNames(root))).append(" -- \"$cur\"))\n")
                .append("    fi\n")
                .append("    return 0\n")
                .append("  fi\n")
                .append("  case $cmd in\n");
        for (CommandDoc c : root.subcommands()) {
            out.append("    ").append(c.name()).append(")\n");
            out.append("      case $prev in\n");
            for (OptionDoc o : c.options()) {
                if (o.takesValue()) {
                    out.append("        ").append(String.join("|", o.names())).append(")\n")
                            .append("          ").append(complete(f, o.kind(), o.choices())).append("\n")
                            .append("          return 0 ;;\n");
                }
            }
            out.append("      esac\n");
            out.append("      if [[ $cur == -* ]]; then\n")
                    .append("        COMPREPLY=($(compgen -W ").append(Shell.quote(optionNames(c))).append(" -- \"$cur\"))\n")
                    .append("        return 0\n")
                    .append("      fi\n");
            if (!c.positionals().isEmpty()) {
                out.append("      case $positional in\n");
                for (ParamDoc p : c.positionals()) {
                    out.append("        ").append(indexPattern(p)).append(") ").append(complete(f, p.kind(), p.choices())).append(" ;;\n");
                }
                out.append("        *) compopt +o default 2>/dev/null ;;\n");
                out.append("      esac\n");
            } else {
                out.append("      compopt +o default 2>/dev/null\n");
            }
            out.append("      ;;\n");
        }
        out.append("    help)\n")
                .append("      COMPREPLY=($(compgen -W ").append(Shell.quote(commandNames(root))).append(" -- \"$cur\")) ;;\n")
                .append("  esac\n")
                .append("  return 0\n")
                .append("}\n\n");
    }

    /** The bash statements that fill COMPREPLY for one kind of value. */
    private static String complete(String f, ValueKind kind, List<String> choices) {
        return switch (kind) {
            // An empty reply falls back to readline's file names (complete -o default), which quotes them right.
            case FILE -> ":";
            case DIRECTORY -> "local IFS=$'\\n'; compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -d -- \"$cur\"))";
            case INSTANCE -> "local IFS=$'\\n'; COMPREPLY=($(compgen -W \"$(_" + f + "_instances)\" -- \"$cur\"))";
            case CHOICE -> "COMPREPLY=($(compgen -W " + Shell.quote(String.join(" ", choices)) + " -- \"$cur\"))";
            case NONE -> "compopt +o default 2>/dev/null";
        };
    }

    /** A case pattern for the positional indexes a parameter covers: "0", "1|2", or "*" for the rest. */
    private static String indexPattern(ParamDoc p) {
        if (p.to() == Integer.MAX_VALUE) {
            return p.from() == 0 ? "[0-9]|[0-9][0-9]" : "[" + p.from() + "-9]|[0-9][0-9]";
        }
        List<String> indexes = new ArrayList<>();
        for (int i = p.from(); i <= p.to(); i++) {
            indexes.add(Integer.toString(i));
        }
        return String.join("|", indexes);
    }

    private static String optionNames(CommandDoc c) {
        return c.options().stream().flatMap(o -> o.names().stream()).collect(Collectors.joining(" "));
    }

    private static String commandNames(CommandDoc root) {
        List<String> names = new ArrayList<>(root.subcommands().stream().map(CommandDoc::name).toList());
        names.add("help");
        return String.join(" ", names);
    }

    /** A shell function name part for the command name (fleet.sh would not do). */
    static String function(String name) {
        return name.replaceAll("[^A-Za-z0-9_]", "_");
    }
}
