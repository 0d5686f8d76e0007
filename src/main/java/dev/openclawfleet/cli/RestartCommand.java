package dev.openclawfleet.cli;

import dev.openclawfleet.launchd.Launchctl;
import dev.openclawfleet.model.Instance;
import dev.openclawfleet.provision.FleetEnv;
import dev.openclawfleet.provision.Lifecycle;
import picocli.CommandLine.Command;

import java.time.Duration;

/** `fleet restart NAME | --all`: kickstart -k, or bootout + bootstrap when the plist changed since it was loaded. */
@Command(name = "restart", description = "Restart an instance: kickstart -k, or bootout + bootstrap when its plist changed since it was loaded.",
        footer = {"", "Examples:", "  fleet restart luca", "  fleet restart --all"})
public final class RestartCommand extends LifecycleCommand {
    @Override
    Lifecycle.Outcome apply(FleetEnv env, Launchctl launchctl, Instance instance, Duration wait) {
        return Lifecycle.restart(env, launchctl, instance, wait);
    }
}
