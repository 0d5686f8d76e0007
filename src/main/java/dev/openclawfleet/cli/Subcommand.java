package dev.openclawfleet.cli;

import picocli.CommandLine.Model.CommandSpec;

/**
 * One `fleet` subcommand: its picocli model, built in code, and what it does with the parsed
 * arguments. Implementations stay thin: check the arguments, call one operation, print its result.
 */
interface Subcommand {
    /** The command's options, parameters and help; {@code defaults} are the values in use (options, else environment, else built in). */
    CommandSpec spec(CliDefaults defaults);

    /** Runs the command and returns its exit code; a {@link dev.openclawfleet.model.FleetException} carries its own. */
    int call(Args args) throws Exception;
}
