package dev.openclawfleet.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds picocli's command model in code. picocli's annotations cost more start-up than a whole
 * small lint (reflection, annotation proxies, Java 5 class files that skip the class-data archive):
 * building the same model by hand keeps the help and the parser and drops that cost.
 */
final class Specs {
    /** Help text wraps at this width; a test checks that no line of any help is longer. */
    static final int WIDTH = 80;

    private Specs() {
    }

    /**
     * A command whose one-line {@code header} heads its help and is its line in `fleet --help`; the
     * {@code description} paragraphs follow the synopsis, wrapped by picocli.
     */
    static CommandSpec command(Subcommand handler, String name, String header, String... description) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(handler).name(name);
        spec.interpolateVariables(false);
        spec.usageMessage().header(header).description(description).sortOptions(false).width(WIDTH).autoWidth(false)
                .longOptionsMaxWidth(26).abbreviateSynopsis(true).synopsisHeading("%nUsage: ").descriptionHeading("%n")
                .optionListHeading("%nOptions:%n").parameterListHeading("%n");
        return spec;
    }

    /** The footer of a command's help: a blank line, "Examples:", one indented line per example. */
    static void examples(CommandSpec spec, String... examples) {
        List<String> lines = new ArrayList<>();
        lines.add("");
        lines.add(examples.length == 1 ? "Example:" : "Examples:");
        for (String example : examples) {
            lines.add("  " + example);
        }
        spec.usageMessage().footer(lines.toArray(String[]::new));
    }

    /** An option without a value. */
    static OptionSpec flag(String description, String... names) {
        return OptionSpec.builder(names).type(boolean.class).arity("0").description(description).build();
    }

    /** An option with one String value; null when not given and {@code defaultValue} is null. */
    static OptionSpec value(String name, String label, String defaultValue, String description) {
        return values(new String[]{name}, label, defaultValue, description);
    }

    static OptionSpec values(String[] names, String label, String defaultValue, String description) {
        return OptionSpec.builder(names).type(String.class).arity("1").paramLabel(label).defaultValue(defaultValue)
                .description(description).build();
    }

    /**
     * An option with one String value out of {@code choices}: the completion scripts offer them. The
     * command checks the value itself (any case), so that its message names the choices.
     */
    static OptionSpec choice(String name, String label, String defaultValue, String description, String... choices) {
        return OptionSpec.builder(name).type(String.class).arity("1").paramLabel(label).defaultValue(defaultValue)
                .completionCandidates(List.of(choices)).description(description).build();
    }

    /** An option with one int value (picocli says when it is not a number). */
    static OptionSpec number(String name, String label, Integer defaultValue, String description) {
        return number(new String[]{name}, label, defaultValue, description);
    }

    static OptionSpec number(String[] names, String label, Integer defaultValue, String description) {
        return OptionSpec.builder(names).type(Integer.class).arity("1").paramLabel(label)
                .defaultValue(defaultValue == null ? null : defaultValue.toString()).description(description).build();
    }

    /** A repeatable option whose values may also be comma-separated. */
    static OptionSpec list(String name, String label, String description) {
        return OptionSpec.builder(name).type(List.class).auxiliaryTypes(String.class).arity("1").splitRegex(",")
                .paramLabel(label).description(description).build();
    }

    /** The same option, accepted but left out of the help. */
    static OptionSpec hidden(OptionSpec option) {
        return OptionSpec.builder(option).hidden(true).build();
    }

    /** A positional parameter: {@code index} "0", "1..*"; {@code arity} "1", "0..1", "1..*". */
    static PositionalParamSpec positional(String index, String arity, String label, String description) {
        boolean many = arity.endsWith("*");
        return PositionalParamSpec.builder().index(index).arity(arity).required(!arity.startsWith("0")).paramLabel(label)
                .type(many ? List.class : String.class).auxiliaryTypes(String.class).description(description).build();
    }

    /** What every command accepts: -h/--help and --stacktrace (and a hidden -V/--version, as before). */
    static void standard(CommandSpec spec) {
        spec.addOption(OptionSpec.builder("--stacktrace").type(boolean.class).arity("0")
                .description("Print the stack trace of an unexpected failure.").build());
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).type(boolean.class).arity("0")
                .description("Show this help and exit.").build());
        spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true).type(boolean.class).arity("0").hidden(true)
                .description("Print the version and exit.").build());
    }
}
