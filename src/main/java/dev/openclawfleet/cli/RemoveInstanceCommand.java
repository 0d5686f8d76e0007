package dev.openclawfleet.cli;

import dev.openclawfleet.model.ExitCodes;
import dev.openclawfleet.model.FleetException;
import dev.openclawfleet.provision.FleetEnv;
import dev.openclawfleet.provision.RemoveInstance;
import dev.openclawfleet.render.Json;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** `fleet remove-instance NAME`: bootout, then trash (default), archive or purge its plist and state dir. */
final class RemoveInstanceCommand implements Subcommand {
    @Override
    public CommandSpec spec(CliDefaults defaults) {
        CommandSpec spec = Specs.command(this, "remove-instance", "Boot an instance out, then trash, archive or purge its files.",
                "Remove an instance: boot it out (waiting until it is gone and its port is free), then move its plist and state dir "
                        + "to <root>/.trash/<name>-<timestamp>/, or into a tar.gz with --archive. Deletes only with --purge, "
                        + "after asking (or with --yes). An instance that is not there is not an error: exit 0 with a note.");
        spec.addPositional(Specs.positional("0", "1", "NAME", "The instance to remove."));
        spec.addOption(Specs.value("--archive", "FILE", null, "Write the plist and state dir to this tar.gz (mode 0600), then delete them."));
        spec.addOption(Specs.flag("Delete the plist and state dir instead of moving them to the trash.", "--purge"));
        spec.addOption(Specs.flag("With --purge: delete without asking (needed without a terminal).", "-y", "--yes"));
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
        boolean allowOutsideRoot = args.flag("--allow-outside-root");
        boolean json = OutputFormat.json(args);
        if (archive != null && purge) {
            throw FleetException.usage("--archive already deletes what it archived; pass one of --archive and --purge");
        }
        FleetEnv env = FleetEnvs.of(args);
        RemoveInstance.Mode mode = archive != null ? RemoveInstance.Mode.ARCHIVE : purge ? RemoveInstance.Mode.PURGE : RemoveInstance.Mode.TRASH;
        Path archivePath = archive == null ? null : context.resolve(archive);
        Optional<String> nothing = RemoveInstance.nothingToRemove(env, name);
        if (nothing.isPresent()) {
            // Not an operational failure: the instance is gone, which is what was asked (docs/commands/remove-instance.md).
            context.err().println("note: " + nothing.get());
            printJson(context, json, name, mode, archivePath, List.of());
            return ExitCodes.OK;
        }
        RemoveInstance.check(env, name, mode, archivePath, allowOutsideRoot);
        if (purge && !Confirm.ask(context, args.flag("--yes"), "remove-instance", "--purge deletes " + name + "'s plist and state dir"
                        + " (sessions, credentials, workspace) for good",
                "Delete " + name + "'s plist and state dir for good (no trash, no archive)? [y/N] ")) {
            context.err().println("nothing was changed");
            return ExitCodes.FINDINGS;
        }
        RemoveInstance.Result result = RemoveInstance.run(env, name, mode, archivePath, allowOutsideRoot);
        if (result.nothing()) {
            context.err().println("note: " + result.lines().get(0)); // removed meanwhile by someone else
            printJson(context, json, name, mode, archivePath, List.of());
        } else if (json) {
            printJson(context, true, result.name(), mode, archivePath, result.lines());
        } else {
            result.lines().forEach(context.out()::println);
        }
        return ExitCodes.OK;
    }

    private static void printJson(CliContext context, boolean json, String name, RemoveInstance.Mode mode, Path archive, List<String> steps) {
        if (json) {
            context.out().print(Json.pretty(CommandJson.REMOVE_INSTANCE.write(new CommandJson.Removed(name,
                    mode.name().toLowerCase(Locale.ROOT), archive, steps))));
        }
    }
}
