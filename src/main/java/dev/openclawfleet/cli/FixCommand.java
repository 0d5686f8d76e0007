package dev.openclawfleet.cli;

import dev.openclawfleet.fix.Fix;
import dev.openclawfleet.fix.FixOutput;
import dev.openclawfleet.model.ExitCodes;
import dev.openclawfleet.model.FleetException;
import dev.openclawfleet.model.GatewayPorts;
import dev.openclawfleet.model.Severity;
import dev.openclawfleet.provision.FleetEnv;
import dev.openclawfleet.render.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** `fleet fix [NAME...]`: plan a fix for what the audit finds, confirm once, carry it out, audit again. */
@Command(name = "fix", header = "Fix what the audit finds: a plan of steps, confirmed once, with backups.", sortOptions = false,
        description = {"Audit the fleet, plan one step per thing to change (root causes first), print the plan and ask once;",
                "then copy every file it changes into <root>/.trash/fix-<timestamp>/, change it, restart what changed,",
                "audit again and say what is left and why. --dry-run changes nothing."},
        footer = {"", "Examples:", "  fleet fix --dry-run", "  fleet fix", "  fleet fix luca critic --yes", "  fleet fix --as bob --yes"})
public final class FixCommand extends FleetTask {
    @Parameters(arity = "0..*", paramLabel = "NAME", description = "Only findings about these instances (default: all).")
    List<String> names = new ArrayList<>();

    @Option(names = "--dry-run", description = "Print the plan; change nothing (no file, no mode, no launchctl call).")
    boolean dryRun;

    @Option(names = {"-y", "--yes"}, description = "Do it without asking (needed without a terminal).")
    boolean yes;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--as", paramLabel = "NAME", description = "Name of the instance the container root's own state becomes (default: main).")
    String as;

    @Option(names = "--base-port", paramLabel = "B", defaultValue = "" + GatewayPorts.DEFAULT_BASE,
            description = "Where the search for a free port group starts, in steps of 20 (default: ${DEFAULT-VALUE}).")
    int basePort;

    @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "30",
            description = "How long to wait for each restarted gateway to listen (default: ${DEFAULT-VALUE}).")
    int waitSeconds;

    @Override
    public Integer call() {
        CliContext context = root.context();
        if (!format.equals("text") && !format.equals("json")) {
            throw FleetException.usage("--format must be text or json for fix");
        }
        boolean json = format.equals("json");
        FleetEnv env = env();
        Fix.Options options = new Fix.Options(Set.copyOf(names), as, basePort, Duration.ofSeconds(Math.max(1, waitSeconds)),
                live.options(context, false));
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
