package dev.openclawfleet.cli;

import dev.openclawfleet.model.ExitCodes;
import dev.openclawfleet.provision.RotateToken;
import dev.openclawfleet.render.Json;
import picocli.CommandLine.Model.CommandSpec;

import java.time.Duration;

/** `fleet rotate-token NAME`: a new gateway token, a restart, and only the new token's fingerprint printed. */
final class RotateTokenCommand implements Subcommand {
    @Override
    public CommandSpec spec(CliDefaults defaults) {
        CommandSpec spec = Specs.command(this, "rotate-token", "Give an instance a new gateway token, restart it, print its fingerprint.",
                "Write a new random gateway token into the instance's config (mode 0600; the old file goes to "
                        + "<root>/.trash/rotate-token-<timestamp>/), restart the instance and wait until it listens. The token is "
                        + "never printed: only its fingerprint. A stopped instance stays stopped and uses it from its next start.");
        spec.addPositional(Specs.positional("0", "1", "NAME", "The instance."));
        spec.addOption(Specs.number("--wait", "SECONDS", 30, "How long to wait for the gateway to listen again (default: 30)."));
        OutputFormat.addTo(spec);
        FleetDirs.addTo(spec, defaults);
        LaunchdOptions.addTo(spec, defaults, LaunchdOptions.Use.CALLS);
        Specs.standard(spec);
        Specs.examples(spec, "fleet rotate-token luca");
        return spec;
    }

    @Override
    public int call(Args args) {
        CliContext context = args.context();
        String name = args.positional(0);
        boolean json = OutputFormat.json(args);
        RotateToken.Result r = RotateToken.run(FleetEnvs.of(args), name, Duration.ofSeconds(Math.max(1, args.integer("--wait"))));
        int code = r.restart() == null || r.restart().ok() ? ExitCodes.OK : ExitCodes.FINDINGS;
        if (json) {
            context.out().print(Json.pretty(CommandJson.ROTATE_TOKEN.write(r)));
            return code;
        }
        context.out().println(r.fingerprint());
        context.err().println("new gateway token for " + name + " in " + r.config() + " (mode 0600); the old config is in " + r.backup());
        if (r.restart() == null) {
            context.err().println(name + " is stopped: it uses the new token from `fleet start " + name + "`");
            return ExitCodes.OK;
        }
        context.err().println(r.restart().message());
        return r.restart().ok() ? ExitCodes.OK : ExitCodes.FINDINGS;
    }
}
