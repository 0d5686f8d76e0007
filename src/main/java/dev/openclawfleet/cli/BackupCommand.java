package dev.openclawfleet.cli;

import dev.openclawfleet.model.ExitCodes;
import dev.openclawfleet.provision.Backup;
import dev.openclawfleet.render.Json;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** `fleet backup NAME [-o FILE]`: a tar.gz of the instance's plist and state dir. */
final class BackupCommand implements Subcommand {
    @Override
    public CommandSpec spec(CliDefaults defaults) {
        CommandSpec spec = Specs.command(this, "backup", "Back up an instance's plist and state dir to a tar.gz (mode 0600).",
                "Back up an instance's plist and state dir (config with its token, sessions, workspace, logs) to a tar.gz, "
                        + "mode 0600 because it holds the gateway token.");
        spec.addPositional(Specs.positional("0", "1", "NAME", "The instance to back up."));
        spec.addOption(Specs.values(new String[]{"-o", "--output"}, "FILE", null,
                "Where to write it (default: ./openclaw-NAME-YYYYMMDD-HHMMSS.tar.gz); never overwritten."));
        OutputFormat.addTo(spec);
        FleetDirs.addTo(spec, defaults);
        LaunchdOptions.addTo(spec, defaults, LaunchdOptions.Use.NONE);
        Specs.standard(spec);
        Specs.examples(spec, "fleet backup luca", "fleet backup luca -o ~/Backups/luca.tar.gz");
        return spec;
    }

    @Override
    public int call(Args args) throws IOException {
        CliContext context = args.context();
        String name = args.positional(0);
        String output = args.string("--output");
        boolean json = OutputFormat.json(args);
        Path target = output == null ? Backup.defaultFile(context.cwd(), name) : context.resolve(output);
        Backup.run(FleetEnvs.filesOnly(args), name, target);
        if (json) {
            context.out().print(Json.pretty(CommandJson.BACKUP.write(new CommandJson.BackedUp(name, target, Files.size(target)))));
        } else {
            context.out().println("backed up " + name + " to " + target + " (mode 0600: it holds the gateway token)");
        }
        return ExitCodes.OK;
    }
}
