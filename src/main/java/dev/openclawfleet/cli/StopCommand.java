package dev.openclawfleet.cli;

import dev.openclawfleet.launchd.Launchctl;
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
}
