package dev.openclawfleet.cli;

import dev.openclawfleet.launchd.Launchctl;
import dev.openclawfleet.model.ExitCodes;
import dev.openclawfleet.model.FleetException;
import dev.openclawfleet.model.Instance;
import dev.openclawfleet.provision.FleetEnv;
import dev.openclawfleet.provision.Lifecycle;
import dev.openclawfleet.provision.Lookup;
import dev.openclawfleet.render.Json;
import picocli.CommandLine.Model.CommandSpec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What start, stop and restart share: NAME or --all, the fleet's dirs, launchd options, one line per instance. */
abstract class LifecycleCommand implements Subcommand {

    /** The command's own part of the model: name, header, examples, and whether it waits for the gateway to listen. */
    abstract CommandSpec describe();

    abstract boolean waits();

    abstract Lifecycle.Outcome apply(FleetEnv env, Launchctl launchctl, Instance instance, Duration wait);

    /** What to do about a NAME with no plist: by default (null) a usage error, since start and restart need one. */
    Integer missing(CliContext context, FleetEnv env, Launchctl launchctl, String name, boolean json) {
        return null;
    }

    @Override
    public CommandSpec spec(CliDefaults defaults) {
        CommandSpec spec = describe();
        spec.addPositional(Specs.positional("0", "0..1", "NAME", "The instance (or --all)."));
        spec.addOption(Specs.flag("Every gateway instance in the LaunchAgents dir.", "--all"));
        var wait = Specs.number("--wait", "SECONDS", 30, "How long to wait for a gateway to run and listen (default: 30).");
        spec.addOption(waits() ? wait : Specs.hidden(wait));
        OutputFormat.addTo(spec);
        FleetDirs.addTo(spec, defaults);
        LaunchdOptions.addTo(spec, defaults, LaunchdOptions.Use.CALLS);
        Specs.standard(spec);
        return spec;
    }

    @Override
    public int call(Args args) {
        CliContext context = args.context();
        String name = args.positional(0);
        boolean all = args.flag("--all");
        boolean json = OutputFormat.json(args);
        if (all == (name != null)) {
            throw FleetException.usage("name one instance, or pass --all");
        }
        FleetEnv env = FleetEnvs.of(args);
        Launchctl launchctl = env.launchctl();
        if (!all) {
            dev.openclawfleet.model.InstanceName.problem(name).filter(p -> !name.equals("gateway")).ifPresent(p -> {
                throw FleetException.usage(p);
            });
            if (Lookup.find(Lookup.fleet(env), name).isEmpty()) {
                Integer code = missing(context, env, launchctl, name, json);
                if (code != null) {
                    return code;
                }
            }
        }
        List<Instance> targets = all ? Lookup.all(env) : List.of(Lookup.require(env, name));
        String command = args.spec().name();
        List<String> notes = targets.isEmpty() ? List.of("no gateway instances in " + env.agentsDir()) : List.of();
        List<CommandJson.Outcome> results = new ArrayList<>();
        boolean ok = true;
        for (Instance i : targets) {
            Lifecycle.Outcome outcome = apply(env, launchctl, i, Duration.ofSeconds(Math.max(1, args.integer("--wait"))));
            results.add(new CommandJson.Outcome(i, outcome.ok(), outcome.message()));
            if (!json) {
                (outcome.ok() ? context.out() : context.err()).println(outcome.message());
            }
            ok &= outcome.ok();
        }
        if (json) {
            context.out().print(Json.pretty(CommandJson.LIFECYCLE.write(new CommandJson.Lifecycle(command, results, notes))));
        } else {
            notes.forEach(context.out()::println);
        }
        return ok ? ExitCodes.OK : ExitCodes.FINDINGS;
    }
}
