package dev.openclawfleet.dist;

import java.util.List;
import java.util.Map;

/**
 * One command of the CLI as the man pages and completion scripts need it, read from the command
 * tree once (by the cli package) so that these writers know nothing of picocli.
 *
 * @param name       the command's own name ({@code lint}); the root's is {@code fleet}
 * @param summary    one line (the header, else the first line of the description)
 * @param synopsis   the usage line, as --help prints it
 * @param exitCodes  code to meaning, for the root command
 * @param footer     --help's footer lines (examples), trimmed of leading blank lines
 * @param subcommands the visible subcommands, without picocli's {@code help}
 */
public record CommandDoc(String name, String summary, String synopsis, List<String> description, List<OptionDoc> options,
                         List<ParamDoc> positionals, List<CommandDoc> subcommands, Map<String, String> exitCodes,
                         List<String> footer) {
    public CommandDoc {
        description = List.copyOf(description);
        options = List.copyOf(options);
        positionals = List.copyOf(positionals);
        subcommands = List.copyOf(subcommands);
        exitCodes = Map.copyOf(exitCodes);
        footer = List.copyOf(footer);
    }

    /** What completes a value: nothing, file names, directory names, instance names, or a fixed list. */
    public enum ValueKind { NONE, FILE, DIRECTORY, INSTANCE, CHOICE }

    /** An option; {@code paramLabel} is null for flags, {@code choices} set for {@link ValueKind#CHOICE}. */
    public record OptionDoc(List<String> names, String paramLabel, String description, boolean repeatable, ValueKind kind,
                            List<String> choices) {
        public OptionDoc {
            names = List.copyOf(names);
            choices = List.copyOf(choices);
        }

        public boolean takesValue() {
            return paramLabel != null;
        }

        /** The long name if there is one, else the first. */
        public String longName() {
            return names.stream().filter(n -> n.startsWith("--")).findFirst().orElse(names.get(0));
        }
    }

    /** A positional parameter at indexes {@code from..to} ({@code to} is {@link Integer#MAX_VALUE} for "and the rest"). */
    public record ParamDoc(String label, int from, int to, boolean required, String description, ValueKind kind,
                           List<String> choices) {
        public ParamDoc {
            choices = List.copyOf(choices);
        }

        public boolean covers(int index) {
            return index >= from && index <= to;
        }
    }

    /** The man page name: {@code fleet} for the root, {@code fleet-lint} for a subcommand. */
    public String pageName(CommandDoc root) {
        return this == root ? root.name() : root.name() + "-" + name;
    }
}
