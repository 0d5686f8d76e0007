package dev.openclawfleet.cli;

import dev.openclawfleet.launchd.Launchctl;
import dev.openclawfleet.model.ExitCodes;
import dev.openclawfleet.model.FleetLayout;
import dev.openclawfleet.model.Instance;
import dev.openclawfleet.provision.FleetEnv;
import dev.openclawfleet.provision.Lifecycle;
import picocli.CommandLine.Command;

import java.time.Duration;

/** `fleet stop NAME | --all`: bootout, wait for the job to go and its port to be released, then disable it. */
@Command(name = "stop", description = "Stop an instance: launchctl bootout, wait until the job is gone and its port is free, then launchctl disable so it stays down.",
        footer = {"", "Examples:", "  fleet stop luca", "  fleet stop --all"})
public final class StopCommand extends LifecycleCommand {
    @Override
    Lifecycle.Outcome apply(FleetEnv env, Launchctl launchctl, Instance instance, Duration wait) {
        return Lifecycle.stop(env, launchctl, instance);
    }

    /**
     * Stopping an instance that does not exist is not a failure (as removing one is not): exit 0 with
     * a note. A job launchd still runs under its label, though its plist is gone, is booted out.
     */
    @Override
    Integer missing(CliContext context, FleetEnv env, Launchctl launchctl) {
        String label = FleetLayout.label(name);
        if (launchctl.bootout(label)) {
            launchctl.disable(label);
            context.out().println("stopped " + label + ": its plist is gone from " + env.agentsDir() + ", but launchd still ran it;"
                    + " it is disabled now");
            return ExitCodes.OK;
        }
        context.err().println("note: nothing to stop: there is no instance '" + name + "' in " + env.agentsDir()
                + " (`fleet list` shows the instances)");
        return ExitCodes.OK;
    }
}
