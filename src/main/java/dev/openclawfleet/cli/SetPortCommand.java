package dev.openclawfleet.cli;

import dev.openclawfleet.model.ExitCodes;
import dev.openclawfleet.model.FleetException;
import dev.openclawfleet.model.GatewayPorts;
import dev.openclawfleet.provision.SetPort;
import dev.openclawfleet.render.Json;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.time.Duration;

/** `fleet set-port NAME PORT|--auto`: move an instance to a free, spaced port group; plist, config and env together; restart. */
final class SetPortCommand implements Subcommand {
    @Override
    public CommandSpec spec(CliDefaults defaults) {
        CommandSpec spec = Specs.command(this, "set-port", "Move an instance to a free port group, then restart it.",
                "Change the instance's port everywhere it is written (--port in its plist, gateway.port in its config, "
                        + "OPENCLAW_GATEWAY_PORT where set), each file copied into <root>/.trash/set-port-<timestamp>/ first, then "
                        + "restart it and wait until it listens. The group (P, P+2, P+11) must be free; --auto picks one 20 or more "
                        + "from the others.");
        spec.addPositional(Specs.positional("0", "1", "NAME", "The instance."));
        spec.addPositional(PositionalParamSpec.builder().index("1").arity("0..1").paramLabel("PORT").type(Integer.class)
                .description("The new base port (or --auto).").build());
        spec.addOption(Specs.flag("Pick the first free, spaced base port from --base-port up.", "--auto"));
        spec.addOption(Specs.number("--base-port", "B", GatewayPorts.DEFAULT_BASE,
                "Where --auto starts looking, in steps of 20 (default: " + GatewayPorts.DEFAULT_BASE + ")."));
        spec.addOption(Specs.number("--wait", "SECONDS", 30, "How long to wait for the gateway to listen on its new port (default: 30)."));
        OutputFormat.addTo(spec);
        FleetDirs.addTo(spec, defaults);
        LaunchdOptions.addTo(spec, defaults, LaunchdOptions.Use.CALLS);
        Specs.standard(spec);
        Specs.examples(spec, "fleet set-port critic 18829", "fleet set-port critic --auto");
        return spec;
    }

    @Override
    public int call(Args args) {
        CliContext context = args.context();
        String name = args.positional(0);
        Integer port = args.spec().positionalParameters().get(1).getValue();
        if (args.flag("--auto") == (port != null)) {
            throw FleetException.usage("give a PORT or --auto (one of them)");
        }
        boolean json = OutputFormat.json(args);
        SetPort.Result r = SetPort.run(FleetEnvs.of(args), name, port, args.integer("--base-port"),
                Duration.ofSeconds(Math.max(1, args.integer("--wait"))));
        if (json) {
            context.out().print(Json.pretty(CommandJson.SET_PORT.write(r)));
            return r.restart() == null || r.restart().ok() ? ExitCodes.OK : ExitCodes.FINDINGS;
        }
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
