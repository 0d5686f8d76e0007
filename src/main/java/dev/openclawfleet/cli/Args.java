package dev.openclawfleet.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.List;

/** The parsed arguments of one command, read by option name or parameter index, with the context it runs in. */
record Args(CommandSpec spec, CliContext context, CliDefaults defaults) {

    /** `fleet lint`, `fleet add-instance`...: how messages name the command. */
    String commandName() {
        return spec.qualifiedName();
    }

    boolean has(String option) {
        return spec.findOption(option) != null;
    }

    boolean flag(String option) {
        Boolean value = option(option).getValue();
        return value != null && value;
    }

    String string(String option) {
        return option(option).getValue();
    }

    Integer integer(String option) {
        return option(option).getValue();
    }

    List<String> strings(String option) {
        List<String> value = option(option).getValue();
        return value == null ? List.of() : value;
    }

    /** The value of a single positional parameter; null when optional and not given. */
    String positional(int index) {
        return spec.positionalParameters().get(index).getValue();
    }

    /** The values of a positional parameter that takes several. */
    List<String> positionals(int index) {
        List<String> value = spec.positionalParameters().get(index).getValue();
        return value == null ? List.of() : value;
    }

    private OptionSpec option(String name) {
        OptionSpec option = spec.findOption(name);
        if (option == null) {
            throw new IllegalArgumentException(spec.qualifiedName() + " has no option " + name);
        }
        return option;
    }
}
