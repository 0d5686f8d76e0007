package dev.openclawfleet.cli;

import dev.openclawfleet.launchd.Launchctl;
import dev.openclawfleet.model.ExitCodes;
import dev.openclawfleet.model.FleetException;
import dev.openclawfleet.model.Instance;
import dev.openclawfleet.provision.FleetEnv;
import dev.openclawfleet.provision.Lifecycle;
import dev.openclawfleet.provision.Lookup;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;
import java.util.List;

/** What start, stop and restart share: NAME or --all, the fleet's dirs, launchd options, one line per instance. */
abstract class LifecycleCommand extends FleetTask {

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "The instance (or --all).")
    String name;

    @Option(names = "--all", description = "Every gateway instance in the LaunchAgents dir.")
    boolean all;

    @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "30",
            description = "How long to wait for a gateway to run and listen (default: ${DEFAULT-VALUE}).")
    int waitSeconds;


    abstract Lifecycle.Outcome apply(FleetEnv env, Launchctl launchctl, Instance instance, Duration wait);

    /** What to do about a NAME with no plist: by default a usage error (start and restart need one). */
    Integer missing(CliContext context, FleetEnv env, Launchctl launchctl) {
        return null;
    }

    @Override
    public Integer call() {
        CliContext context = root.context();
        if (all == (name != null)) {
            throw FleetException.usage("name one instance, or pass --all");
        }
        FleetEnv env = env();
        Launchctl launchctl = env.launchctl();
        if (!all) {
            dev.openclawfleet.model.InstanceName.problem(name).filter(p -> !name.equals("gateway")).ifPresent(p -> {
                throw FleetException.usage(p);
            });
            if (Lookup.find(Lookup.fleet(env), name).isEmpty()) {
                Integer code = missing(context, env, launchctl);
                if (code != null) {
                    return code;
                }
            }
        }
        List<Instance> targets = all ? Lookup.all(env) : List.of(Lookup.require(env, name));
        if (targets.isEmpty()) {
            context.out().println("no gateway instances in " + env.agentsDir());
            return ExitCodes.OK;
        }
        boolean ok = true;
        for (Instance i : targets) {
            Lifecycle.Outcome outcome = apply(env, launchctl, i, Duration.ofSeconds(Math.max(1, waitSeconds)));
            (outcome.ok() ? context.out() : context.err()).println(outcome.message());
            ok &= outcome.ok();
        }
        return ok ? ExitCodes.OK : ExitCodes.FINDINGS;
    }
}
