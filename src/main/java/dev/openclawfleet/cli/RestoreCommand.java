package dev.openclawfleet.cli;

import dev.openclawfleet.model.ExitCodes;
import dev.openclawfleet.provision.FleetEnv;
import dev.openclawfleet.provision.Restore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;
import java.util.Objects;

/** `fleet restore FILE [--as NAME] [--new-token]`: an instance from a backup, fitted to this Mac, then started. */
@Command(name = "restore", header = "Restore an instance from a backup, fitted to this Mac.", sortOptions = false,
        description = {"Restore an instance from a `fleet backup` file: the plist is generated for this Mac's root, node and entry;",
                "the port is reallocated when taken; the token is kept unless --new-token. Never overwrites anything."},
        footer = {"", "Examples:", "  fleet restore openclaw-luca-20261121-101500.tar.gz",
                "  fleet restore luca.tar.gz --as luca2 --new-token"})
public final class RestoreCommand extends FleetTask {

    @Parameters(index = "0", paramLabel = "FILE", description = "A backup made by `fleet backup`.")
    String file;

    @Option(names = "--as", paramLabel = "NAME", description = "Restore under another name.")
    String as;

    @Option(names = "--new-token", description = "Give the restored instance a new token instead of the backup's.")
    boolean newToken;

    @Option(names = "--port", paramLabel = "P", description = "Use this base port instead of the backup's.")
    Integer port;

    @Option(names = "--node", paramLabel = "PATH", description = "node binary (default: the fleet's, else `node` on PATH).")
    String node;

    @Option(names = "--entry", paramLabel = "PATH", description = "OpenClaw entry script (default: the fleet's, else `openclaw` on PATH).")
    String entry;

    @Option(names = "--no-start", description = "Restore the files only; do not load the job.")
    boolean noStart;

    @Option(names = "--max-size", paramLabel = "SIZE", description = "Allow the backup to unpack to up to SIZE (default 2G);"
            + " also lifts the 200:1 expansion check, for backups with huge repetitive logs.")
    String maxSize;

    @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "30", description = "How long to wait for it to listen (default: ${DEFAULT-VALUE}).")
    int waitSeconds;


    @Override
    public Integer call() {
        CliContext context = root.context();
        FleetEnv env = env();
        Restore.Result r = Restore.run(new Restore.Options(context.resolve(file), as, newToken, port, node, entry, !noStart,
                Duration.ofSeconds(Math.max(1, waitSeconds)), maxSize == null ? null : Restore.parseSize(maxSize)), env);
        r.warnings().forEach(w -> context.err().println("warning: " + w));
        context.out().println("restored " + r.name() + ": state dir " + r.stateDir() + ", plist " + r.plist() + ", port " + r.port()
                + (r.originalPort() != null && !Objects.equals(r.originalPort(), r.port()) ? " (the backup's port " + r.originalPort()
                + " is taken here)" : "") + (r.newToken() ? ", new token" : ", token kept"));
        if (r.health() != null) {
            (r.healthy() ? context.out() : context.err()).println(r.healthy() ? "started ai.openclaw." + r.name() + " (pid "
                    + r.health().last().pid() + "), listening on 127.0.0.1:" + r.port() : r.name() + " is not healthy: " + r.health().why());
            return r.healthy() ? ExitCodes.OK : ExitCodes.FINDINGS;
        }
        return ExitCodes.OK;
    }
}
