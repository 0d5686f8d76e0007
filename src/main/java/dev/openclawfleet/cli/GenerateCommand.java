package dev.openclawfleet.cli;

import dev.openclawfleet.model.FleetException;
import dev.openclawfleet.model.FleetLayout;
import dev.openclawfleet.model.GatewayPorts;
import dev.openclawfleet.model.InstanceName;
import dev.openclawfleet.plist.PlistWriter;
import dev.openclawfleet.provision.ContractPlist;
import dev.openclawfleet.provision.Runtime;
import dev.openclawfleet.system.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** `fleet generate NAME --port P`: writes one instance's LaunchAgent plist, byte for byte reproducible. */
@Command(name = "generate", header = "Write one instance's LaunchAgent plist (byte-stable).", sortOptions = false,
        description = {"Write the LaunchAgent plist of instance NAME (ai.openclaw.NAME.plist) following the fleet contract.",
                "It never contains a token. Same input, same bytes."},
        footer = {"", "Examples:", "  fleet generate luca --port 18789 -o ~/Library/LaunchAgents",
                "  fleet generate critic --port 18809 --root /Users/example/.openclaw --node /opt/homebrew/bin/node \\",
                "      --entry /opt/homebrew/lib/node_modules/openclaw/dist/index.js -o -"})
public final class GenerateCommand implements Callable<Integer> {
    @ParentCommand
    FleetCommand root;
    @Mixin
    GlobalOptions global;

    @Parameters(index = "0", paramLabel = "NAME", description = "Instance name: " + InstanceName.RULE + ".")
    String name;

    @Option(names = "--port", required = true, paramLabel = "P", description = "Gateway base port (1-" + GatewayPorts.HIGHEST_BASE + ").")
    int port;

    @Option(names = "--root", paramLabel = "DIR", description = "Container root (default: ~/.openclaw).")
    String rootDir;

    @Option(names = "--node", paramLabel = "PATH", description = "node binary (default: `node` on PATH).")
    String node;

    @Option(names = "--entry", paramLabel = "PATH",
            description = "OpenClaw's entry script (default: the `openclaw` command on PATH, links resolved).")
    String entry;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR|-", defaultValue = ".",
            description = "Directory to write the plist into, or - for stdout (default: the current directory).")
    String output;

    @Option(names = "--force", description = "Overwrite an existing plist.")
    boolean force;

    @Override
    public Integer call() {
        CliContext context = root.context();
        InstanceName.problem(name).ifPresent(p -> {
            throw FleetException.usage(p);
        });
        if (!GatewayPorts.isUsableBase(port)) {
            throw FleetException.usage("--port " + port + " is out of range: use 1-" + GatewayPorts.HIGHEST_BASE
                    + " (the gateway's derived ports reach base+110)");
        }
        Path rootPath = rootDir == null ? context.home().resolve(".openclaw") : context.resolve(rootDir);
        Runtime runtime = Runtime.resolve(node, entry, context.env().get("PATH"), context.cwd());
        byte[] plist = PlistWriter.toXml(ContractPlist.of(
                new ContractPlist.Spec(new FleetLayout(rootPath), name, port, runtime.node(), runtime.entry())));
        if (output.equals("-")) {
            context.out().write(plist, 0, plist.length);
            context.out().flush();
            return 0;
        }
        Path dir = context.resolve(output);
        if (!Files.isDirectory(dir)) {
            throw FleetException.operational(dir + ": no such directory (create it, or use -o - for stdout)");
        }
        Path target = dir.resolve(FleetLayout.plistFileName(name));
        try {
            AtomicFiles.write(target, plist, AtomicFiles.MODE_0644, force);
        } catch (FileAlreadyExistsException e) {
            throw FleetException.operational(target + " already exists; pass --force to overwrite it");
        } catch (IOException e) {
            throw FleetException.operational(target + ": cannot write: " + e.getMessage());
        }
        context.err().println("wrote " + target);
        return 0;
    }
}
