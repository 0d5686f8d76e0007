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
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** `fleet logs NAME [-n N] [-f] [--err]`: the last lines of an instance's log, following it when asked. */
final class LogsCommand implements Subcommand {
    @Override
    public CommandSpec spec(CliDefaults defaults) {
        CommandSpec spec = Specs.command(this, "logs", "Print the last lines of an instance's log (or err log); -f follows it.");
        spec.addPositional(Specs.positional("0", "1", "NAME", "The instance."));
        spec.addOption(Specs.number(new String[]{"-n", "--lines"}, "N", 100, "How many lines (default: 100)."));
        spec.addOption(Specs.flag("Keep printing lines as they are written (Ctrl-C to stop).", "-f", "--follow"));
        spec.addOption(Specs.flag("The err log (StandardErrorPath) instead of the log (StandardOutPath).", "--err"));
        FleetDirs.addTo(spec, defaults);
        LaunchdOptions.addTo(spec, defaults, LaunchdOptions.Use.NONE);
        Specs.standard(spec);
        Specs.examples(spec, "fleet logs luca", "fleet logs luca --err -n 50", "fleet logs luca -f");
        return spec;
    }

    @Override
    public int call(Args args) throws InterruptedException {
        CliContext context = args.context();
        String name = args.positional(0);
        boolean err = args.flag("--err");
        int lines = args.integer("--lines");
        FleetEnv env = FleetEnvs.filesOnly(args);
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
        if (args.flag("--follow")) {
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
