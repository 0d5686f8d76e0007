package dev.openclawfleet.cli;

import dev.openclawfleet.launchd.Launchctl;
import dev.openclawfleet.model.Instance;
import dev.openclawfleet.provision.FleetEnv;
import dev.openclawfleet.provision.Lifecycle;
import picocli.CommandLine.Model.CommandSpec;

import java.time.Duration;

/** `fleet restart NAME | --all`: kickstart -k, or bootout + bootstrap when the plist changed since it was loaded. */
final class RestartCommand extends LifecycleCommand {
    @Override
    CommandSpec describe() {
        CommandSpec spec = Specs.command(this, "restart", "Restart an instance: kickstart -k, or bootout + bootstrap when its plist changed since it was loaded.");
        Specs.examples(spec, "fleet restart luca", "fleet restart --all");
        return spec;
    }

    @Override
    boolean waits() {
        return true;
    }

    @Override
    Lifecycle.Outcome apply(FleetEnv env, Launchctl launchctl, Instance instance, Duration wait) {
        return Lifecycle.restart(env, launchctl, instance, wait);
    }
}
