package dev.openclawfleet.cli;

import dev.openclawfleet.audit.RuleCatalog;
import dev.openclawfleet.render.Format;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Options of every command that prints findings: format, strictness, ignored rules, colour, quiet. */
public final class ReportOptions {
    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output format: text, json, sarif or github (default: ${DEFAULT-VALUE}).")
    Format format = Format.TEXT;

    @Option(names = "--strict", description = "Warnings fail the run too (exit 1).")
    boolean strict;

    @Option(names = "--ignore", paramLabel = "RULE", split = ",",
            description = "Drop findings of this rule id (repeatable, or comma-separated). `fleet rules` lists the ids.")
    List<String> ignore = List.of();

    @Option(names = "--no-color", description = "No ANSI colour (also off when NO_COLOR is set or stdout is not a terminal).")
    boolean noColor;

    @Option(names = {"-q", "--quiet"}, description = "Text format: only instances with findings, no infos, no notes.")
    boolean quiet;

    /** The ignored rule ids, each checked against the catalogue. */
    Set<String> ignored(CommandLine commandLine) {
        Set<String> out = new LinkedHashSet<>();
        for (String id : ignore) {
            String trimmed = id.trim();
            if (RuleCatalog.find(trimmed).isEmpty()) {
                // Echo only what looks like a rule id: a pasted token must not end up in a CI log.
                String shown = trimmed.matches("[a-z-]{1,40}") ? "'" + trimmed + "'" : "(not shown: not a rule id)";
                throw new CommandLine.ParameterException(commandLine,
                        "--ignore: unknown rule " + shown + "; `fleet rules` lists every rule id");
            }
            out.add(trimmed);
        }
        return out;
    }
}
