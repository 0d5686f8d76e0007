package dev.openclawfleet.cli;

import picocli.CommandLine.Option;

/** Options every command accepts. */
public final class GlobalOptions {
    @Option(names = "--stacktrace", description = "Print the stack trace of an unexpected failure.")
    boolean stacktrace;
}
