package dev.openclawfleet.cli;

import dev.openclawfleet.launchd.Launchctl;
import dev.openclawfleet.model.Instance;
import dev.openclawfleet.provision.FleetEnv;
import dev.openclawfleet.provision.Lifecycle;
import picocli.CommandLine.Model.CommandSpec;

import java.time.Duration;

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
}
