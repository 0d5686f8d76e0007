package dev.openclawfleet.cli;

import dev.openclawfleet.launchd.Launchctl;
import dev.openclawfleet.model.Instance;
import dev.openclawfleet.provision.FleetEnv;
import dev.openclawfleet.provision.Lifecycle;
import picocli.CommandLine.Model.CommandSpec;

import java.time.Duration;

/** `fleet start NAME | --all`: enable and bootstrap when not loaded, else kickstart; then wait until it listens. */
final class StartCommand extends LifecycleCommand {
    @Override
    CommandSpec describe() {
        CommandSpec spec = Specs.command(this, "start", "Start an instance: enable + bootstrap when launchd has not loaded it, else kickstart; wait until it listens.");
        Specs.examples(spec, "fleet start luca", "fleet start --all");
        return spec;
    }

    @Override
    boolean waits() {
        return true;
    }

    @Override
    Lifecycle.Outcome apply(FleetEnv env, Launchctl launchctl, Instance instance, Duration wait) {
        return Lifecycle.start(env, launchctl, instance, wait);
    }
}
