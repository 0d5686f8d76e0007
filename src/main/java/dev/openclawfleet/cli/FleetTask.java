package dev.openclawfleet.cli;

import dev.openclawfleet.provision.FleetEnv;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/** What every command that works on the fleet shares: the context, the fleet's dirs and the launchd options. */
abstract class FleetTask implements Callable<Integer> {
    @ParentCommand
    FleetCommand root;
    @Mixin
    FleetDirs dirs;
    @Mixin
    LiveOptionsMixin live;
    @Mixin
    GlobalOptions global;

    CliContext context() {
        return root.context();
    }

    FleetEnv env() {
        return FleetEnvs.of(root.context(), dirs, live);
    }
}
