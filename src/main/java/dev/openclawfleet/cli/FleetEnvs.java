package dev.openclawfleet.cli;

import dev.openclawfleet.model.FleetLayout;
import dev.openclawfleet.provision.FleetEnv;

import java.time.Duration;
import java.util.function.Consumer;

/** Builds the provisioning environment from the CLI context and the shared options. */
final class FleetEnvs {
    private FleetEnvs() {
    }

    static FleetEnv of(CliContext context, FleetDirs dirs, LiveOptionsMixin live) {
        Consumer<String> say = line -> context.err().println(line);
        Consumer<String> progress = context.terminal() ? line -> {
            // One transient line on a terminal: carriage return, the text, erase to the end of the line.
            context.err().print("\r" + line + "\u001b[K");
            context.err().flush();
        } : line -> { };
        return new FleetEnv(new FleetLayout(dirs.root(context)), dirs.agentsDir(context), context.user().uid(), context.env(),
                context.cwd(), live.domain, Duration.ofSeconds(live.timeoutSeconds), say, progress);
    }
}
