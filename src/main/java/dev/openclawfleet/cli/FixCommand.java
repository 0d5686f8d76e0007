package dev.openclawfleet.cli;

import dev.openclawfleet.fix.Fix;
import dev.openclawfleet.fix.FixOutput;
import dev.openclawfleet.model.ExitCodes;
import dev.openclawfleet.model.GatewayPorts;
import dev.openclawfleet.model.Severity;
import dev.openclawfleet.provision.FleetEnv;
import dev.openclawfleet.render.Json;
import picocli.CommandLine.Model.CommandSpec;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/** `fleet fix [NAME...]`: plan a fix for what the audit finds, confirm once, carry it out, audit again. */
final class FixCommand implements Subcommand {
    @Override
    public CommandSpec spec(CliDefaults defaults) {
        CommandSpec spec = Specs.command(this, "fix", "Fix what the audit finds: a plan of steps, confirmed once, with backups.",
                "Audit the fleet, plan one step per thing to change (root causes first), print the plan and ask once; then copy "
                        + "every file it changes into <root>/.trash/fix-<timestamp>/, change it, restart what changed, audit again "
                        + "and say what is left and why. --dry-run changes nothing.");
        spec.addPositional(Specs.positional("0..*", "0..*", "NAME", "Only findings about these instances (default: all)."));
        spec.addOption(Specs.flag("Print the plan; change nothing (no file, no mode, no launchctl call).", "--dry-run"));
        spec.addOption(Specs.flag("Do it without asking (needed without a terminal).", "-y", "--yes"));
        OutputFormat.addTo(spec);
        spec.addOption(Specs.value("--as", "NAME", null, "Name of the instance the container root's own state becomes (default: main)."));
        spec.addOption(Specs.number("--base-port", "B", GatewayPorts.DEFAULT_BASE,
                "Where the search for a free port group starts, in steps of 20 (default: " + GatewayPorts.DEFAULT_BASE + ")."));
        spec.addOption(Specs.number("--wait", "SECONDS", 30, "How long to wait for each restarted gateway to listen (default: 30)."));
        FleetDirs.addTo(spec, defaults);
        LaunchdOptions.addTo(spec, defaults, LaunchdOptions.Use.AUDIT);
        Specs.standard(spec);
        Specs.examples(spec, "fleet fix --dry-run", "fleet fix", "fleet fix luca critic --yes", "fleet fix --as bob --yes");
        return spec;
    }

    @Override
    public int call(Args args) {
        CliContext context = args.context();
        boolean json = OutputFormat.json(args);
        boolean dryRun = args.flag("--dry-run");
        boolean yes = args.flag("--yes");
        FleetEnv env = FleetEnvs.of(args);
        Fix.Options options = new Fix.Options(Set.copyOf(args.positionals(0)), args.string("--as"), args.integer("--base-port"),
                Duration.ofSeconds(Math.max(1, args.integer("--wait"))), LaunchdOptions.live(args, false));
        Fix.Planned planned = Fix.plan(env, options);
        if (!json) {
            FixOutput.plan(planned.plan(), dryRun).forEach(context.out()::println);
        }
        if (dryRun || planned.plan().isEmpty()) {
            if (json) {
                context.out().print(Json.pretty(FixOutput.json(planned.plan(), dryRun, null, null, null)));
            } else {
                List<String> left = FixOutput.left(planned.plan(), null);
                if (!left.isEmpty()) {
                    context.out().println();
                    left.forEach(context.out()::println);
                }
                if (dryRun) {
                    context.out().println("dry run: nothing was changed");
                }
            }
            if (!planned.before().problems().isEmpty()) {
                planned.before().problems().forEach(p -> context.err().println("fleet fix: " + p));
                return ExitCodes.OPERATIONAL;
            }
            boolean settled = !dryRun && Fix.settle(env, planned);
            if (settled && !json) {
                context.out().println("the interrupted `fleet fix` had nothing left to do; its journal is gone");
            }
            boolean errors = dryRun ? planned.errorsLeft() > 0 : planned.before().findings().stream()
                    .anyMatch(f -> f.severity() == Severity.ERROR && !(settled && f.rule().equals("fix-unfinished")));
            return errors ? ExitCodes.FINDINGS : ExitCodes.OK;
        }
        if (json && !yes) {
            context.out().print(Json.pretty(FixOutput.json(planned.plan(), false, null, null, null)));
        }
        if (!Confirm.ask(context, yes, "fix", "the plan has " + planned.plan().steps().size() + " steps that change this Mac",
                FixOutput.question(planned.plan()))) {
            context.err().println("nothing was changed");
            return ExitCodes.FINDINGS;
        }
        Fix.Applied applied = Fix.apply(env, planned, options, env.progress());
        if (json) {
            context.out().print(Json.pretty(FixOutput.json(planned.plan(), false, applied.execution(), applied.after(), applied.left())));
        } else {
            context.out().println();
            FixOutput.done(applied.execution()).forEach(context.out()::println);
            context.out().println();
            FixOutput.left(applied.left(), applied.after()).forEach(context.out()::println);
        }
        applied.after().problems().forEach(p -> context.err().println("fleet fix: " + p));
        return applied.exitCode();
    }
}
