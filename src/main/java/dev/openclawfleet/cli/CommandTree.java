package dev.openclawfleet.cli;

import dev.openclawfleet.audit.RuleCatalog;
import dev.openclawfleet.dist.CommandDoc;
import dev.openclawfleet.dist.CommandDoc.OptionDoc;
import dev.openclawfleet.dist.CommandDoc.ParamDoc;
import dev.openclawfleet.dist.CommandDoc.ValueKind;
import dev.openclawfleet.model.RuleInfo;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;

/**
 * Reads the full picocli command tree into {@link CommandDoc}s for the man pages and completion
 * scripts. What a value completes to follows from its label: PATH and FILE are files, DIR a
 * directory, INSTANCE (and NAME of the commands below) an instance, RULE a rule id, a|b|c a choice.
 */
final class CommandTree {
    /** Commands whose first positional NAME is an existing instance (add-instance, generate and restore --as name new ones). */
    static final Set<String> INSTANCE_COMMANDS = Set.of("status", "start", "stop", "restart", "logs", "backup", "remove-instance", "use",
            "config", "rotate-token", "set-port", "fix");

    private CommandTree() {
    }

    /** The whole tree, every subcommand included, with the built-in defaults (no FLEET_* variable) in its texts. */
    static CommandDoc of(CliContext context) {
        return of(FleetCommand.fullCommandLine(CliDefaults.builtIn(context)));
    }

    static CommandDoc of(CommandLine commandLine) {
        CommandSpec spec = commandLine.getCommandSpec();
        Help help = new Help(spec, Help.defaultColorScheme(Help.Ansi.OFF));
        List<String> description = text(spec.usageMessage().description());
        List<String> header = text(spec.usageMessage().header());
        String summary = !header.isEmpty() ? header.get(0) : description.isEmpty() ? "" : description.get(0);
        List<OptionDoc> options = new ArrayList<>();
        for (OptionSpec o : spec.options()) {
            if (!o.hidden()) {
                options.add(option(spec.name(), o));
            }
        }
        List<ParamDoc> positionals = new ArrayList<>();
        for (PositionalParamSpec p : spec.positionalParameters()) {
            if (!p.hidden()) {
                positionals.add(positional(spec.name(), p));
            }
        }
        List<CommandDoc> subcommands = new ArrayList<>();
        Map<CommandLine, Boolean> seen = new IdentityHashMap<>(); // aliases map to the same command
        for (CommandLine sub : spec.subcommands().values()) {
            CommandSpec s = sub.getCommandSpec();
            if (seen.put(sub, true) == null && !s.usageMessage().hidden() && !(s.userObject() instanceof HelpCommand)) {
                subcommands.add(of(sub));
            }
        }
        Map<String, String> exitCodes = new LinkedHashMap<>(spec.usageMessage().exitCodeList());
        List<String> footer = text(spec.usageMessage().footer());
        return new CommandDoc(spec.name(), summary, help.synopsis(0).strip(), description, options, positionals, subcommands,
                exitCodes, footer);
    }

    private static OptionDoc option(String command, OptionSpec o) {
        boolean takesValue = o.arity().max() > 0 && !o.typeInfo().isBoolean();
        String label = takesValue ? o.paramLabel() : null;
        List<String> choices = takesValue ? choices(o, label) : List.of();
        ValueKind kind = !takesValue ? ValueKind.NONE : !choices.isEmpty() ? ValueKind.CHOICE : kind(label, false);
        return new OptionDoc(List.of(o.names()), label, description(o), o.isMultiValue(), kind, choices);
    }

    private static ParamDoc positional(String command, PositionalParamSpec p) {
        List<String> choices = choices(p, p.paramLabel());
        ValueKind kind = !choices.isEmpty() ? ValueKind.CHOICE : kind(p.paramLabel(), INSTANCE_COMMANDS.contains(command) && p.index().min() == 0);
        return new ParamDoc(p.paramLabel(), p.index().min(), p.index().max(), p.arity().min() > 0, description(p), kind, choices);
    }

    private static ValueKind kind(String label, boolean instanceName) {
        if (instanceName || label.equals("INSTANCE")) {
            return ValueKind.INSTANCE;
        }
        return switch (label) {
            case "DIR" -> ValueKind.DIRECTORY;
            case "PATH", "FILE", "DIR|-" -> ValueKind.FILE;
            default -> ValueKind.NONE;
        };
    }

    /** Fixed values: rule ids, a label like gui|user, or the option's completion candidates (in lower case, as users type them). */
    private static List<String> choices(ArgSpec arg, String label) {
        if (label.equals("RULE")) {
            return RuleCatalog.all().stream().map(RuleInfo::id).toList();
        }
        if (label.matches("[a-z0-9-]+(\\|[a-z0-9-]+)+")) {
            return List.of(label.split("\\|"));
        }
        if (arg.completionCandidates() != null) {
            return StreamSupport.stream(arg.completionCandidates().spliterator(), false)
                    .map(c -> c.toLowerCase(Locale.ROOT)).toList();
        }
        return List.of();
    }

    /** The description with picocli's variables filled in, as --help shows it. */
    private static String description(ArgSpec arg) {
        String text = String.join(" ", arg.description());
        String defaultValue = arg.defaultValueString();
        text = text.replace("${DEFAULT-VALUE}", defaultValue == null ? "" : defaultValue);
        if (arg.completionCandidates() != null) {
            List<String> candidates = new ArrayList<>();
            arg.completionCandidates().forEach(candidates::add);
            text = text.replace("${COMPLETION-CANDIDATES}", String.join(", ", candidates));
        }
        return text.replace("%n", " ").replace("%%", "%");
    }

    private static List<String> text(String[] lines) {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            for (String part : line.split("%n", -1)) {
                out.add(part.replace("%%", "%"));
            }
        }
        while (!out.isEmpty() && out.get(0).isBlank()) {
            out.remove(0);
        }
        return out;
    }
}
