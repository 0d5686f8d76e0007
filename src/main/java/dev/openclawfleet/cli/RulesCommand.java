package dev.openclawfleet.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openclawfleet.audit.RuleCatalog;
import dev.openclawfleet.model.RuleInfo;
import dev.openclawfleet.render.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.Locale;
import java.util.concurrent.Callable;

/** `fleet rules`: every rule id with its severity, scope, summary and fix. */
@Command(name = "rules", description = "List every rule: id, default severity, where it runs, what it detects and the fix.")
public final class RulesCommand implements Callable<Integer> {
    @ParentCommand
    FleetCommand root;
    @Mixin
    GlobalOptions global;

    @Option(names = "--json", description = "Print the rules as JSON.")
    boolean json;

    @Override
    public Integer call() {
        CliContext context = root.context();
        if (json) {
            ArrayNode array = Json.object().arrayNode();
            for (RuleInfo rule : RuleCatalog.all()) {
                ObjectNode n = array.addObject();
                n.put("id", rule.id());
                n.put("severity", rule.severity().id());
                n.put("scope", rule.scope().name().toLowerCase(Locale.ROOT));
                n.put("summary", rule.summary());
                n.put("fix", rule.fix());
            }
            context.out().print(Json.pretty(array));
            return 0;
        }
        for (RuleInfo rule : RuleCatalog.all()) {
            context.out().printf("%-24s %-8s %-6s %s%n", rule.id(), rule.severity().id(),
                    rule.scope().name().toLowerCase(Locale.ROOT), rule.summary());
        }
        return 0;
    }
}
