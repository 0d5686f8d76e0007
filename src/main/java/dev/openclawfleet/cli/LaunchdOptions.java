package dev.openclawfleet.cli;

import dev.openclawfleet.app.Audit;
import dev.openclawfleet.model.FleetException;
import dev.openclawfleet.model.LiveThresholds;
import dev.openclawfleet.model.Text;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.time.Duration;

/**
 * Options of the commands that talk to launchd: the domain and the time limit of each call, and
 * for the commands that audit, the crash-loop thresholds. A command that does not use them still
 * accepts them, hidden from its help, so that scripts written before keep working.
 */
final class LaunchdOptions {
    static final int DEFAULT_TIMEOUT = 10;
    static final int DEFAULT_CRASH_LOOP_RUNS = LiveThresholds.DEFAULT.runs();
    static final int DEFAULT_CRASH_LOOP_THROTTLES = LiveThresholds.DEFAULT.throttles();

    /** Which of the options a command uses: the rest are accepted but hidden. */
    enum Use { NONE, CALLS, AUDIT }

    private LaunchdOptions() {
    }

    static void addTo(CommandSpec spec, CliDefaults defaults, Use use) {
        add(spec, use != Use.NONE, Specs.value("--domain", "gui|user", null,
                "launchd domain: gui/<uid> (needs a login session) or user/<uid> (works over SSH) " + defaults.describeDomain() + "."));
        add(spec, use != Use.NONE, Specs.number("--timeout", "SECONDS", DEFAULT_TIMEOUT,
                "Time limit of each launchctl, lsof or ps call; a call that hangs is killed (default: " + DEFAULT_TIMEOUT + ")."));
        add(spec, use == Use.AUDIT, Specs.number("--crash-loop-runs", "N", DEFAULT_CRASH_LOOP_RUNS,
                "A job counts as crash-looping after N spawns with no process or a young one (default: "
                        + DEFAULT_CRASH_LOOP_RUNS + ")."));
        add(spec, use == Use.AUDIT, Specs.number("--crash-loop-throttles", "K", DEFAULT_CRASH_LOOP_THROTTLES,
                "...where young means under K ThrottleIntervals old (default: " + DEFAULT_CRASH_LOOP_THROTTLES + ")."));
    }

    private static void add(CommandSpec spec, boolean shown, OptionSpec option) {
        spec.addOption(shown ? option : Specs.hidden(option));
    }

    /** gui or user: the option, else $FLEET_DOMAIN, else gui. */
    static String domain(Args args) {
        String typed = args.string("--domain");
        String domain = typed != null ? typed : args.defaults().domain();
        if (!domain.equals("gui") && !domain.equals("user")) {
            String source = typed == null && args.defaults().domainVariable() != null ? "$" + args.defaults().domainVariable() : "--domain";
            throw FleetException.usage(source + " must be gui or user, not '" + Text.printable(domain, 20) + "'");
        }
        return domain;
    }

    static Duration timeout(Args args) {
        int seconds = args.integer("--timeout");
        if (seconds < 1) {
            throw FleetException.usage("--timeout must be 1 or more");
        }
        return Duration.ofSeconds(seconds);
    }

    /** What an audit needs to know about launchd: skipped when offline, else domain, timeout and thresholds. */
    static Audit.LiveOptions live(Args args, boolean offline) {
        String domain = domain(args);
        int runs = args.integer("--crash-loop-runs");
        int throttles = args.integer("--crash-loop-throttles");
        if (args.integer("--timeout") < 1 || runs < 1 || throttles < 1) {
            throw FleetException.usage("--timeout, --crash-loop-runs and --crash-loop-throttles must be 1 or more");
        }
        return new Audit.LiveOptions(offline, domain, timeout(args), new LiveThresholds(runs, throttles), args.context().env());
    }
}
