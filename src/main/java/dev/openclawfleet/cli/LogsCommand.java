package dev.openclawfleet.cli;

import dev.openclawfleet.model.ConfigState;
import dev.openclawfleet.model.ExitCodes;
import dev.openclawfleet.model.FleetException;
import dev.openclawfleet.model.Instance;
import dev.openclawfleet.model.Redaction;
import dev.openclawfleet.model.Secret;
import dev.openclawfleet.model.Text;
import dev.openclawfleet.provision.FleetEnv;
import dev.openclawfleet.provision.FleetSecrets;
import dev.openclawfleet.provision.LogFollower;
import dev.openclawfleet.provision.Lookup;
import dev.openclawfleet.state.ConfigReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** `fleet logs NAME [-n N] [-f] [--err]`: the last lines of an instance's log, following it when asked. */
@Command(name = "logs", description = "Print the last lines of an instance's gateway log (or err log), following it with -f.",
        footer = {"", "Examples:", "  fleet logs luca", "  fleet logs luca --err -n 50", "  fleet logs luca -f"})
public final class LogsCommand extends FleetTask {

    @Parameters(index = "0", paramLabel = "NAME", description = "The instance.")
    String name;

    @Option(names = {"-n", "--lines"}, paramLabel = "N", defaultValue = "100", description = "How many lines (default: ${DEFAULT-VALUE}).")
    int lines;

    @Option(names = {"-f", "--follow"}, description = "Keep printing lines as they are written (Ctrl-C to stop).")
    boolean follow;

    @Option(names = "--err", description = "The err log (StandardErrorPath) instead of the log (StandardOutPath).")
    boolean err;


    @Override
    public Integer call() throws InterruptedException {
        CliContext context = root.context();
        FleetEnv env = env();
        Instance i = Lookup.require(env, name);
        String key = err ? "StandardErrorPath" : "StandardOutPath";
        String path = (err ? i.job().standardErrorPath() : i.job().standardOutPath())
                .orElseThrow(() -> FleetException.operational(i.plistPath() + " has no " + key + ": launchd discards this output"));
        if (lines < 0) {
            throw FleetException.usage("-n must be 0 or more");
        }
        List<Secret> secrets = secrets(i, env, context);
        LogFollower follower = new LogFollower(Path.of(path), line -> context.out().println(Text.withoutControls(Redaction.redact(line, secrets))));
        follower.printLast(lines);
        context.out().flush();
        if (follow) {
            follower.follow(); // until interrupted
        }
        return ExitCodes.OK;
    }

    /** Every token of the fleet and the instance's own, so that a log line that quotes one shows the fingerprint instead. */
    private static List<Secret> secrets(Instance i, FleetEnv fleetEnv, CliContext context) {
        List<Secret> out = new ArrayList<>(FleetSecrets.of(fleetEnv));
        String env = i.environment().get("OPENCLAW_GATEWAY_TOKEN");
        if (env != null && !env.isBlank()) {
            out.add(Secret.of(env));
        }
        if (i.configPath() != null && ConfigReader.read(i.configPath(), context.user().uid()) instanceof ConfigState.Loaded l
                && l.config().token() != null) {
            out.add(l.config().token());
        }
        return out;
    }
}
