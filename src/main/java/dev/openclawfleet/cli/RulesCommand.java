package dev.openclawfleet.cli;

import dev.openclawfleet.audit.RuleCatalog;
import dev.openclawfleet.model.ExitCodes;
import dev.openclawfleet.model.RuleInfo;
import dev.openclawfleet.render.Json;
import picocli.CommandLine.Model.CommandSpec;

import java.util.Locale;

/** `fleet rules`: every rule id with its severity, scope, summary and fix. */
final class RulesCommand implements Subcommand {
    @Override
    public CommandSpec spec(CliDefaults defaults) {
        CommandSpec spec = Specs.command(this, "rules",
                "List every rule: id, default severity, where it runs, what it detects and the fix.");
        OutputFormat.addTo(spec);
        spec.addOption(Specs.hidden(Specs.flag("The same as --format json (kept for scripts written before --format).", "--json")));
        Specs.standard(spec);
        Specs.examples(spec, "fleet rules", "fleet rules --format json | jq -r '.rules[] | select(.scope == \"live\") | .id'");
        return spec;
    }

    @Override
    public int call(Args args) {
        CliContext context = args.context();
        if (OutputFormat.json(args) || args.flag("--json")) {
            context.out().print(Json.pretty(CommandJson.RULES.write(RuleCatalog.all())));
            return ExitCodes.OK;
        }
        for (RuleInfo rule : RuleCatalog.all()) {
            context.out().printf("%-24s %-8s %-6s %s%n", rule.id(), rule.severity().id(),
                    rule.scope().name().toLowerCase(Locale.ROOT), rule.summary());
        }
        return ExitCodes.OK;
    }
}
