package dev.openclawfleet.cli;

import dev.openclawfleet.model.ExitCodes;
import dev.openclawfleet.provision.RotateToken;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;

/** `fleet rotate-token NAME`: a new gateway token, a restart, and only the new token's fingerprint printed. */
@Command(name = "rotate-token", header = "Give an instance a new gateway token, restart it, print the new fingerprint.",
        description = {"Write a new random gateway token into the instance's config (mode 0600; the old file goes to",
                "<root>/.trash/rotate-token-<timestamp>/), restart the instance and wait until it listens. The token is",
                "never printed: only its fingerprint. A stopped instance stays stopped and uses it from its next start."},
        footer = {"", "Examples:", "  fleet rotate-token luca"})
public final class RotateTokenCommand extends FleetTask {
    @Parameters(index = "0", paramLabel = "NAME", description = "The instance.")
    String name;

    @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "30",
            description = "How long to wait for the gateway to listen again (default: ${DEFAULT-VALUE}).")
    int waitSeconds;

    @Override
    public Integer call() {
        CliContext context = root.context();
        RotateToken.Result r = RotateToken.run(env(), name, Duration.ofSeconds(Math.max(1, waitSeconds)));
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
