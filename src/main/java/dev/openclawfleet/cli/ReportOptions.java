package dev.openclawfleet.cli;

import dev.openclawfleet.audit.RuleCatalog;
import dev.openclawfleet.model.FleetException;
import dev.openclawfleet.render.Format;
import picocli.CommandLine.Model.CommandSpec;

import java.util.LinkedHashSet;
import java.util.Set;

/** Options of every command that prints findings: format, strictness, ignored rules, colour, quiet. */
record ReportOptions(Format format, boolean strict, Set<String> ignored, boolean noColor, boolean quiet) {

    static void addTo(CommandSpec spec) {
        spec.addOption(Specs.choice("--format", "FORMAT", "text", "Output format: text, json, sarif or github (default: text).",
                "text", "json", "sarif", "github"));
        spec.addOption(Specs.flag("Warnings fail the run too (exit 1).", "--strict"));
        spec.addOption(Specs.list("--ignore", "RULE",
                "Drop findings of this rule id (repeatable, or comma-separated). `fleet rules` lists the ids."));
        OutputFormat.addNoColor(spec);
        spec.addOption(Specs.flag("Text format: only instances with findings, no infos, no notes.", "-q", "--quiet"));
    }

    static ReportOptions from(Args args) {
        return new ReportOptions(format(args.string("--format")), args.flag("--strict"), ignored(args), args.flag("--no-color"),
                args.flag("--quiet"));
    }

    /** text, json, sarif or github, in any case. */
    static Format format(String typed) {
        for (Format f : Format.values()) {
            if (f.id().equalsIgnoreCase(typed)) {
                return f;
            }
        }
        throw FleetException.usage("--format must be text, json, sarif or github, not '" + OutputFormat.shown(typed) + "'");
    }

    /** The ignored rule ids, each checked against the catalogue. */
    private static Set<String> ignored(Args args) {
        Set<String> out = new LinkedHashSet<>();
        for (String id : args.strings("--ignore")) {
            String trimmed = id.trim();
            if (RuleCatalog.find(trimmed).isEmpty()) {
                // Echo only what looks like a rule id: a pasted token must not end up in a CI log.
                String shown = trimmed.matches("[a-z-]{1,40}") ? "'" + trimmed + "'" : "(not shown: not a rule id)";
                throw FleetException.usage("--ignore: unknown rule " + shown + "; `fleet rules` lists every rule id"
                        + Suggestions.didYouMean(trimmed, RuleCatalog.all().stream().map(r -> r.id()).toList(), "'"));
            }
            out.add(trimmed);
        }
        return out;
    }
}
