package dev.openclawfleet.cli;

import dev.openclawfleet.model.FleetException;
import dev.openclawfleet.model.Instance;
import dev.openclawfleet.provision.FleetEnv;
import dev.openclawfleet.provision.Lookup;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * `fleet use NAME -- <openclaw arguments>`: runs the openclaw CLI (the instance's own node and entry
 * script) with that instance's OPENCLAW_STATE_DIR, OPENCLAW_CONFIG_PATH and OPENCLAW_GATEWAY_PORT.
 */
final class UseCommand implements Subcommand {
    @Override
    public CommandSpec spec(CliDefaults defaults) {
        CommandSpec spec = Specs.command(this, "use", "Run an openclaw command against one instance (its state dir, config and port).");
        spec.addPositional(Specs.positional("0", "1", "NAME", "The instance."));
        spec.addPositional(Specs.positional("1..*", "0..*", "ARGS", "Arguments for openclaw (after --)."));
        FleetDirs.addTo(spec, defaults);
        LaunchdOptions.addTo(spec, defaults, LaunchdOptions.Use.NONE);
        Specs.standard(spec);
        Specs.examples(spec, "fleet use luca -- status", "fleet use critic -- channels add --channel telegram",
                "fleet use luca -- gateway probe");
        return spec;
    }

    @Override
    public int call(Args args) throws IOException, InterruptedException {
        CliContext context = args.context();
        String name = args.positional(0);
        FleetEnv env = FleetEnvs.filesOnly(args);
        Instance i = Lookup.require(env, name);
        if (i.command().node() == null || i.command().entry() == null) {
            throw FleetException.operational(i.plistPath() + " does not run node and an entry script; `fleet lint` says why");
        }
        List<String> command = new ArrayList<>(List.of(i.command().node(), i.command().entry()));
        command.addAll(args.positionals(1));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> childEnv = builder.environment();
        childEnv.clear();
        childEnv.putAll(context.env());
        if (i.stateDir() != null) {
            childEnv.put("OPENCLAW_STATE_DIR", i.stateDir().toString());
        }
        if (i.configPath() != null) {
            childEnv.put("OPENCLAW_CONFIG_PATH", i.configPath().toString());
        }
        if (i.port() != null) {
            childEnv.put("OPENCLAW_GATEWAY_PORT", i.port().toString());
        }
        if (context.terminal()) {
            return builder.inheritIO().start().waitFor(); // interactive: the child owns the terminal
        }
        builder.redirectInput(ProcessBuilder.Redirect.INHERIT);
        Process process = builder.start();
        Thread out = pump(process.getInputStream(), context.out());
        Thread err = pump(process.getErrorStream(), context.err());
        int code = process.waitFor();
        out.join();
        err.join();
        return code;
    }

    private static Thread pump(InputStream in, OutputStream out) {
        Thread t = new Thread(() -> {
            try (in) {
                in.transferTo(out);
                out.flush();
            } catch (IOException ignored) {
                // the child closed its end
            }
        }, "use-output");
        t.start();
        return t;
    }

}
