package dev.openclawfleet.cli;

import dev.openclawfleet.app.Audit;
import dev.openclawfleet.model.LiveThresholds;
import picocli.CommandLine.Option;

import java.time.Duration;

/** Options of every command that talks to launchd: domain, per-call timeout, crash-loop thresholds. */
public final class LiveOptionsMixin {
    @Option(names = "--domain", paramLabel = "gui|user", defaultValue = "gui",
            description = "launchd domain: gui/<uid> (default; needs a login session) or user/<uid> (works over SSH).")
    String domain = "gui";

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "Time limit for each launchctl, lsof or ps call; a call that hangs is killed (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds = 10;

    @Option(names = "--crash-loop-runs", paramLabel = "N", defaultValue = "3",
            description = "A job counts as crash-looping after N spawns with no process or a young one (default: ${DEFAULT-VALUE}).")
    int crashLoopRuns = 3;

    @Option(names = "--crash-loop-throttles", paramLabel = "K", defaultValue = "3",
            description = "...where young means under K ThrottleIntervals old (default: ${DEFAULT-VALUE}).")
    int crashLoopThrottles = 3;

    Audit.LiveOptions options(CliContext context, boolean offline) {
        if (!domain.equals("gui") && !domain.equals("user")) {
            throw dev.openclawfleet.model.FleetException.usage("--domain must be gui or user, not '"
                    + dev.openclawfleet.model.Text.printable(domain, 20) + "'");
        }
        if (timeoutSeconds < 1 || crashLoopRuns < 1 || crashLoopThrottles < 1) {
            throw dev.openclawfleet.model.FleetException.usage("--timeout, --crash-loop-runs and --crash-loop-throttles must be 1 or more");
        }
        return new Audit.LiveOptions(offline, domain, Duration.ofSeconds(timeoutSeconds),
                new LiveThresholds(crashLoopRuns, crashLoopThrottles), context.env());
    }
}
