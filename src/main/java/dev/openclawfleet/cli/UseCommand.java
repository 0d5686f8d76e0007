package dev.openclawfleet.cli;

import dev.openclawfleet.model.FleetException;
import dev.openclawfleet.model.Instance;
import dev.openclawfleet.provision.FleetEnv;
import dev.openclawfleet.provision.Lookup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

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
@Command(name = "use", description = "Run an openclaw command against one instance (its state dir, config and port).",
        footer = {"", "Examples:", "  fleet use luca -- status", "  fleet use critic -- channels add --channel telegram",
                "  fleet use luca -- gateway probe"})
public final class UseCommand extends FleetTask {

    @Parameters(index = "0", paramLabel = "NAME", description = "The instance.")
    String name;

    @Parameters(index = "1..*", paramLabel = "ARGS", arity = "0..*", description = "Arguments for openclaw (after --).")
    List<String> args = new ArrayList<>();


    @Override
    public Integer call() throws IOException, InterruptedException {
        CliContext context = root.context();
        FleetEnv env = env();
        Instance i = Lookup.require(env, name);
        if (i.command().node() == null || i.command().entry() == null) {
            throw FleetException.operational(i.plistPath() + " does not run node and an entry script; `fleet lint` says why");
        }
        List<String> command = new ArrayList<>(List.of(i.command().node(), i.command().entry()));
        command.addAll(args);
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
