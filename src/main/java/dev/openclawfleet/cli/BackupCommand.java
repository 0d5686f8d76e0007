package dev.openclawfleet.cli;

import dev.openclawfleet.model.ExitCodes;
import dev.openclawfleet.provision.Backup;
import dev.openclawfleet.provision.FleetEnv;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

/** `fleet backup NAME [-o FILE]`: a tar.gz of the instance's plist and state dir. */
@Command(name = "backup", description = "Back up an instance's plist and state dir (config with its token, sessions, workspace, logs) to a tar.gz, mode 0600.",
        footer = {"", "Examples:", "  fleet backup luca", "  fleet backup luca -o ~/Backups/luca.tar.gz"})
public final class BackupCommand extends FleetTask {

    @Parameters(index = "0", paramLabel = "NAME", description = "The instance to back up.")
    String name;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Where to write it (default: ./openclaw-NAME-YYYYMMDD-HHMMSS.tar.gz); never overwritten.")
    String output;


    @Override
    public Integer call() {
        CliContext context = root.context();
        FleetEnv env = env();
        Path target = output == null ? Backup.defaultFile(context.cwd(), name) : context.resolve(output);
        Backup.run(env, name, target);
        context.out().println("backed up " + name + " to " + target + " (mode 0600: it holds the gateway token)");
        return ExitCodes.OK;
    }
}
