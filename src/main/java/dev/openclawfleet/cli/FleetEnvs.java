package dev.openclawfleet.cli;

import dev.openclawfleet.model.FleetLayout;
import dev.openclawfleet.provision.FleetEnv;

import java.time.Duration;
import java.util.function.Consumer;

/** Builds the provisioning environment from the parsed options and the CLI context. */
final class FleetEnvs {
    private FleetEnvs() {
    }

    /** For commands that take --root, --agents-dir, --domain and --timeout. */
    static FleetEnv of(Args args) {
        return of(args, LaunchdOptions.domain(args), LaunchdOptions.timeout(args));
    }

    /** For commands that only read and write files (logs, backup, use): launchd's options are not used. */
    static FleetEnv filesOnly(Args args) {
        return of(args, "gui", Duration.ofSeconds(LaunchdOptions.DEFAULT_TIMEOUT));
    }

    private static FleetEnv of(Args args, String domain, Duration timeout) {
        CliContext context = args.context();
        FleetDirs dirs = FleetDirs.from(args);
        Consumer<String> say = line -> context.err().println(line);
        Consumer<String> progress = context.terminal() ? line -> {
            // One transient line on a terminal: carriage return, the text, erase to the end of the line.
            context.err().print("\r" + line + "\u001b[K");
            context.err().flush();
        } : line -> { };
        return new FleetEnv(new FleetLayout(dirs.root()), dirs.agentsDir(), context.user().uid(), context.env(),
                context.cwd(), domain, timeout, say, progress);
    }
}
