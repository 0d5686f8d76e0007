package dev.openclawfleet.cli;

import dev.openclawfleet.model.ExitCodes;
import dev.openclawfleet.provision.Restore;
import dev.openclawfleet.render.Json;
import picocli.CommandLine.Model.CommandSpec;

import java.time.Duration;
import java.util.Objects;

/** `fleet restore FILE [--as NAME] [--new-token]`: an instance from a backup, fitted to this Mac, then started. */
final class RestoreCommand implements Subcommand {
    @Override
    public CommandSpec spec(CliDefaults defaults) {
        CommandSpec spec = Specs.command(this, "restore", "Restore an instance from a backup, fitted to this Mac.",
                "Restore an instance from a `fleet backup` file: the plist is generated for this Mac's root, node and entry; "
                        + "the port is reallocated when taken; the token is kept unless --new-token. Never overwrites anything.");
        spec.addPositional(Specs.positional("0", "1", "FILE", "A backup made by `fleet backup`."));
        spec.addOption(Specs.value("--as", "NAME", null, "Restore under another name."));
        spec.addOption(Specs.flag("Give the restored instance a new token instead of the backup's.", "--new-token"));
        spec.addOption(Specs.number("--port", "P", null, "Use this base port instead of the backup's."));
        spec.addOption(Specs.value("--node", "PATH", null, "node binary (default: the fleet's, else `node` on PATH)."));
        spec.addOption(Specs.value("--entry", "PATH", null, "OpenClaw entry script (default: the fleet's, else `openclaw` on PATH)."));
        spec.addOption(Specs.flag("Restore the files only; do not load the job.", "--no-start"));
        spec.addOption(Specs.value("--max-size", "SIZE", null, "Allow the backup to unpack to up to SIZE (default 2G); "
                + "also lifts the 200:1 expansion check, for backups with huge repetitive logs."));
        spec.addOption(Specs.number("--wait", "SECONDS", 30, "How long to wait for it to listen (default: 30)."));
        OutputFormat.addTo(spec);
        FleetDirs.addTo(spec, defaults);
        LaunchdOptions.addTo(spec, defaults, LaunchdOptions.Use.CALLS);
        Specs.standard(spec);
        Specs.examples(spec, "fleet restore openclaw-luca-20261121-101500.tar.gz", "fleet restore luca.tar.gz --as luca2 --new-token");
        return spec;
    }

    @Override
    public int call(Args args) {
        CliContext context = args.context();
        boolean json = OutputFormat.json(args);
        boolean start = !args.flag("--no-start");
        String maxSize = args.string("--max-size");
        Restore.Result r = Restore.run(new Restore.Options(context.resolve(args.positional(0)), args.string("--as"), args.flag("--new-token"),
                args.integer("--port"), args.string("--node"), args.string("--entry"), start,
                Duration.ofSeconds(Math.max(1, args.integer("--wait"))), maxSize == null ? null : Restore.parseSize(maxSize)),
                FleetEnvs.of(args));
        r.warnings().forEach(w -> context.err().println("warning: " + w));
        int code = r.health() == null || r.healthy() ? ExitCodes.OK : ExitCodes.FINDINGS;
        if (json) {
            context.out().print(Json.pretty(CommandJson.RESTORE.write(new CommandJson.Restored(r, start))));
            return code;
        }
        context.out().println("restored " + r.name() + ": state dir " + r.stateDir() + ", plist " + r.plist() + ", port " + r.port()
                + (r.originalPort() != null && !Objects.equals(r.originalPort(), r.port()) ? " (the backup's port " + r.originalPort()
                + " is taken here)" : "") + (r.newToken() ? ", new token" : ", token kept"));
        if (r.health() != null) {
            (r.healthy() ? context.out() : context.err()).println(r.healthy() ? "started ai.openclaw." + r.name() + " (pid "
                    + r.health().last().pid() + "), listening on 127.0.0.1:" + r.port() : r.name() + " is not healthy: " + r.health().why());
        }
        return code;
    }
}
