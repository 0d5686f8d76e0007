package dev.openclawfleet.cli;

import dev.openclawfleet.model.ExitCodes;
import dev.openclawfleet.model.FleetException;
import dev.openclawfleet.model.GatewayPorts;
import dev.openclawfleet.provision.SetPort;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;

/** `fleet set-port NAME PORT|--auto`: move an instance to a free, spaced port group; plist, config and env together; restart. */
@Command(name = "set-port", header = "Move an instance to a free port group: plist, config and environment together, then restart.",
        description = {"Change the instance's port everywhere it is written (--port in its plist, gateway.port in its config,",
                "OPENCLAW_GATEWAY_PORT where set), each file copied into <root>/.trash/set-port-<timestamp>/ first, then restart",
                "it and wait until it listens. The group (P, P+2, P+11) must be free; --auto picks one 20 or more from the others."},
        footer = {"", "Examples:", "  fleet set-port critic 18829", "  fleet set-port critic --auto"})
public final class SetPortCommand extends FleetTask {
    @Parameters(index = "0", paramLabel = "NAME", description = "The instance.")
    String name;

    @Parameters(index = "1", arity = "0..1", paramLabel = "PORT", description = "The new base port (or --auto).")
    Integer port;

    @Option(names = "--auto", description = "Pick the first free, spaced base port from --base-port up.")
    boolean auto;

    @Option(names = "--base-port", paramLabel = "B", defaultValue = "" + GatewayPorts.DEFAULT_BASE,
            description = "Where --auto starts looking, in steps of 20 (default: ${DEFAULT-VALUE}).")
    int basePort;

    @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "30",
            description = "How long to wait for the gateway to listen on its new port (default: ${DEFAULT-VALUE}).")
    int waitSeconds;

    @Override
    public Integer call() {
        CliContext context = root.context();
        if (auto == (port != null)) {
            throw FleetException.usage("give a PORT or --auto (one of them)");
        }
        SetPort.Result r = SetPort.run(env(), name, port, basePort, Duration.ofSeconds(Math.max(1, waitSeconds)));
        r.warnings().forEach(w -> context.err().println("warning: " + w));
        if (r.written().isEmpty()) {
            context.out().println(name + " already uses port " + r.to() + " in its plist, config and environment; nothing was changed");
            return ExitCodes.OK;
        }
        context.out().println("moved " + name + " from port " + r.from() + " to " + r.to());
        r.written().forEach(p -> context.err().println("wrote " + p));
        context.err().println("the old files are in " + r.backupDir());
        if (r.restart() == null) {
            context.err().println(name + " is stopped: it listens on " + r.to() + " from `fleet start " + name + "`");
            return ExitCodes.OK;
        }
        context.err().println(r.restart().message());
        return r.restart().ok() ? ExitCodes.OK : ExitCodes.FINDINGS;
    }
}
