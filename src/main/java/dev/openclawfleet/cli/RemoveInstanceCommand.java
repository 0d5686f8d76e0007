package dev.openclawfleet.cli;

import dev.openclawfleet.model.ExitCodes;
import dev.openclawfleet.model.FleetException;
import dev.openclawfleet.provision.RemoveInstance;
import dev.openclawfleet.render.Json;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.Locale;

/** `fleet remove-instance NAME`: bootout, then trash (default), archive or purge its plist and state dir. */
final class RemoveInstanceCommand implements Subcommand {
    @Override
    public CommandSpec spec(CliDefaults defaults) {
        CommandSpec spec = Specs.command(this, "remove-instance", "Boot an instance out, then trash, archive or purge its files.",
                "Remove an instance: boot it out (waiting until it is gone and its port is free), then move its plist and state dir "
                        + "to <root>/.trash/<name>-<timestamp>/, or into a tar.gz with --archive. Deletes only with --purge.");
        spec.addPositional(Specs.positional("0", "1", "NAME", "The instance to remove."));
        spec.addOption(Specs.value("--archive", "FILE", null, "Write the plist and state dir to this tar.gz (mode 0600), then delete them."));
        spec.addOption(Specs.flag("Delete the plist and state dir instead of moving them to the trash.", "--purge"));
        spec.addOption(Specs.flag("Act on a state dir outside the container root that the plist names (refused otherwise; "
                + "see docs/safety.md).", "--allow-outside-root"));
        OutputFormat.addTo(spec);
        FleetDirs.addTo(spec, defaults);
        LaunchdOptions.addTo(spec, defaults, LaunchdOptions.Use.CALLS);
        Specs.standard(spec);
        Specs.examples(spec, "fleet remove-instance critic", "fleet remove-instance critic --archive ~/critic.tar.gz",
                "fleet remove-instance critic --purge");
        return spec;
    }

    @Override
    public int call(Args args) {
        CliContext context = args.context();
        String name = args.positional(0);
        String archive = args.string("--archive");
        boolean purge = args.flag("--purge");
        boolean json = OutputFormat.json(args);
        if (archive != null && purge) {
            throw FleetException.usage("--archive already deletes what it archived; pass one of --archive and --purge");
        }
        RemoveInstance.Mode mode = archive != null ? RemoveInstance.Mode.ARCHIVE : purge ? RemoveInstance.Mode.PURGE : RemoveInstance.Mode.TRASH;
        Path archivePath = archive == null ? null : context.resolve(archive);
        RemoveInstance.Result result = RemoveInstance.run(FleetEnvs.of(args), name, mode, archivePath,
                args.flag("--allow-outside-root"));
        if (json) {
            context.out().print(Json.pretty(CommandJson.REMOVE_INSTANCE.write(new CommandJson.Removed(result.name(),
                    mode.name().toLowerCase(Locale.ROOT), archivePath, result.lines()))));
        } else {
            result.lines().forEach(context.out()::println);
        }
        return ExitCodes.OK;
    }
}
