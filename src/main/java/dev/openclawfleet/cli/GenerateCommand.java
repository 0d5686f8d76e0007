package dev.openclawfleet.cli;

import dev.openclawfleet.model.FleetException;
import dev.openclawfleet.model.FleetLayout;
import dev.openclawfleet.model.GatewayPorts;
import dev.openclawfleet.model.InstanceName;
import dev.openclawfleet.plist.PlistWriter;
import dev.openclawfleet.provision.ContractPlist;
import dev.openclawfleet.provision.Runtime;
import dev.openclawfleet.system.AtomicFiles;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/** `fleet generate NAME --port P`: writes one instance's LaunchAgent plist, byte for byte reproducible. */
final class GenerateCommand implements Subcommand {
    @Override
    public CommandSpec spec(CliDefaults defaults) {
        CommandSpec spec = Specs.command(this, "generate", "Write one instance's LaunchAgent plist (byte-stable).",
                "Write the LaunchAgent plist of instance NAME (ai.openclaw.NAME.plist) following the fleet contract. "
                        + "It never contains a token. Same input, same bytes.");
        spec.addPositional(Specs.positional("0", "1", "NAME", "Instance name: " + InstanceName.RULE + "."));
        spec.addOption(OptionSpec.builder("--port").required(true).type(Integer.class).arity("1").paramLabel("P")
                .description("Gateway base port (1-" + GatewayPorts.HIGHEST_BASE + ").").build());
        FleetDirs.addRoot(spec, defaults);
        spec.addOption(Specs.value("--node", "PATH", null, "node binary (default: `node` on PATH)."));
        spec.addOption(Specs.value("--entry", "PATH", null,
                "OpenClaw's entry script (default: the `openclaw` command on PATH, links resolved)."));
        spec.addOption(Specs.values(new String[]{"-o", "--output"}, "DIR|-", ".",
                "Directory to write the plist into, or - for stdout (default: the current directory)."));
        spec.addOption(Specs.flag("Overwrite an existing plist.", "--force"));
        Specs.standard(spec);
        Specs.examples(spec, "fleet generate luca --port 18789 -o ~/Library/LaunchAgents",
                "fleet generate critic --port 18809 --root /Users/example/.openclaw \\",
                "    --node /opt/homebrew/bin/node \\",
                "    --entry /opt/homebrew/lib/node_modules/openclaw/dist/index.js -o -");
        return spec;
    }

    @Override
    public int call(Args args) {
        CliContext context = args.context();
        String name = args.positional(0);
        int port = args.integer("--port");
        String output = args.string("--output");
        InstanceName.problem(name).ifPresent(p -> {
            throw FleetException.usage(p);
        });
        if (!GatewayPorts.isUsableBase(port)) {
            throw FleetException.usage("--port " + port + " is out of range: use 1-" + GatewayPorts.HIGHEST_BASE
                    + " (the gateway's derived ports reach base+110)");
        }
        Path rootPath = FleetDirs.root(args);
        Runtime runtime = Runtime.resolve(args.string("--node"), args.string("--entry"), context.env().get("PATH"), context.cwd());
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
            AtomicFiles.write(target, plist, AtomicFiles.MODE_0644, args.flag("--force"));
        } catch (FileAlreadyExistsException e) {
            throw FleetException.operational(target + " already exists; pass --force to overwrite it");
        } catch (IOException e) {
            throw FleetException.operational(target + ": cannot write: " + e.getMessage());
        }
        context.err().println("wrote " + target);
        return 0;
    }
}
