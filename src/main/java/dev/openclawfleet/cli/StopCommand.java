package dev.openclawfleet.cli;

import dev.openclawfleet.launchd.Launchctl;
import dev.openclawfleet.model.ExitCodes;
import dev.openclawfleet.model.FleetLayout;
import dev.openclawfleet.model.Instance;
import dev.openclawfleet.provision.FleetEnv;
import dev.openclawfleet.provision.Lifecycle;
import dev.openclawfleet.render.Json;
import picocli.CommandLine.Model.CommandSpec;

import java.time.Duration;
import java.util.List;

/** `fleet stop NAME | --all`: bootout, wait for the job to go and its port to be released, then disable it. */
final class StopCommand extends LifecycleCommand {
    @Override
    CommandSpec describe() {
        CommandSpec spec = Specs.command(this, "stop", "Stop an instance: bootout, wait until its port is free, then disable it.",
                "Stop an instance: launchctl bootout, wait until the job is gone and its port is free, then launchctl disable "
                        + "so it stays down (also after a reboot or login) until `fleet start`.");
        Specs.examples(spec, "fleet stop luca", "fleet stop --all");
        return spec;
    }

    @Override
    boolean waits() {
        return false;
    }

    @Override
    Lifecycle.Outcome apply(FleetEnv env, Launchctl launchctl, Instance instance, Duration wait) {
        return Lifecycle.stop(env, launchctl, instance);
    }

    /**
     * Stopping an instance that does not exist is not a failure (as removing one is not): exit 0 with
     * a note. A job launchd still runs under its label, though its plist is gone, is booted out.
     */
    @Override
    Integer missing(CliContext context, FleetEnv env, Launchctl launchctl, String name, boolean json) {
        String label = FleetLayout.label(name);
        String said;
        if (launchctl.bootout(label)) {
            launchctl.disable(label);
            said = "stopped " + label + ": its plist is gone from " + env.agentsDir() + ", but launchd still ran it; it is disabled now";
            if (!json) {
                context.out().println(said);
            }
        } else {
            said = "nothing to stop: there is no instance '" + name + "' in " + env.agentsDir() + " (`fleet list` shows the instances)";
            if (!json) {
                context.err().println("note: " + said);
            }
        }
        if (json) {
            context.out().print(Json.pretty(CommandJson.LIFECYCLE.write(new CommandJson.Lifecycle("stop", List.of(), List.of(said)))));
        }
        return ExitCodes.OK;
    }
}
