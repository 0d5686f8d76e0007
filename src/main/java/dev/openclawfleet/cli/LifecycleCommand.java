package dev.openclawfleet.cli;

import dev.openclawfleet.launchd.Launchctl;
import dev.openclawfleet.model.ExitCodes;
import dev.openclawfleet.model.FleetException;
import dev.openclawfleet.model.Instance;
import dev.openclawfleet.provision.FleetEnv;
import dev.openclawfleet.provision.Lifecycle;
import dev.openclawfleet.provision.Lookup;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/** What start, stop and restart share: NAME or --all, the fleet's dirs, launchd options, one line per instance. */
abstract class LifecycleCommand implements Callable<Integer> {
    @ParentCommand
    FleetCommand root;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "The instance (or --all).")
    String name;

    @Option(names = "--all", description = "Every gateway instance in the LaunchAgents dir.")
    boolean all;

    @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "30",
            description = "How long to wait for a gateway to run and listen (default: ${DEFAULT-VALUE}).")
    int waitSeconds;

    @Mixin
    FleetDirs dirs;
    @Mixin
    LiveOptionsMixin live;
    @Mixin
    GlobalOptions global;

    abstract Lifecycle.Outcome apply(FleetEnv env, Launchctl launchctl, Instance instance, Duration wait);

    @Override
    public Integer call() {
        CliContext context = root.context();
        if (all == (name != null)) {
            throw FleetException.usage("name one instance, or pass --all");
        }
        FleetEnv env = FleetEnvs.of(context, dirs, live);
        Launchctl launchctl = env.launchctl();
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
