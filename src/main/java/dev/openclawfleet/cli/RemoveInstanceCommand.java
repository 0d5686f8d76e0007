package dev.openclawfleet.cli;

import dev.openclawfleet.model.ExitCodes;
import dev.openclawfleet.model.FleetException;
import dev.openclawfleet.provision.FleetEnv;
import dev.openclawfleet.provision.RemoveInstance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;


/** `fleet remove-instance NAME`: bootout, then trash (default), archive or purge its plist and state dir. */
@Command(name = "remove-instance", header = "Boot an instance out, then trash, archive or purge its files.", sortOptions = false,
        description = {"Remove an instance: boot it out (waiting until it is gone and its port is free), then move its plist",
                "and state dir to <root>/.trash/<name>-<timestamp>/, or into a tar.gz with --archive. Deletes only with --purge."},
        footer = {"", "Examples:", "  fleet remove-instance critic", "  fleet remove-instance critic --archive ~/critic.tar.gz",
                "  fleet remove-instance critic --purge"})
public final class RemoveInstanceCommand extends FleetTask {

    @Parameters(index = "0", paramLabel = "NAME", description = "The instance to remove.")
    String name;

    @Option(names = "--archive", paramLabel = "FILE", description = "Write the plist and state dir to this tar.gz (mode 0600), then delete them.")
    String archive;

    @Option(names = "--purge", description = "Delete the plist and state dir instead of moving them to the trash.")
    boolean purge;

    @Option(names = "--allow-outside-root", description = "Act on a state dir outside the container root that the plist names"
            + " (refused otherwise; see docs/safety.md).")
    boolean allowOutsideRoot;

    @Option(names = {"-y", "--yes"}, description = "With --purge: delete without asking (needed without a terminal).")
    boolean yes;


    @Override
    public Integer call() {
        CliContext context = root.context();
        if (archive != null && purge) {
            throw FleetException.usage("--archive already deletes what it archived; pass one of --archive and --purge");
        }
        FleetEnv env = env();
        java.util.Optional<String> nothing = RemoveInstance.nothingToRemove(env, name);
        if (nothing.isPresent()) {
            // Not an operational failure: the instance is gone, which is what was asked (docs/commands/remove-instance.md).
            context.err().println("note: " + nothing.get());
            return ExitCodes.OK;
        }
        RemoveInstance.Mode checked = archive != null ? RemoveInstance.Mode.ARCHIVE : purge ? RemoveInstance.Mode.PURGE : RemoveInstance.Mode.TRASH;
        RemoveInstance.check(env, name, checked, archive == null ? null : context.resolve(archive), allowOutsideRoot);
        if (purge && !Confirm.ask(context, yes, "remove-instance", "--purge deletes " + name + "'s plist and state dir"
                        + " (sessions, credentials, workspace) for good",
                "Delete " + name + "'s plist and state dir for good (no trash, no archive)? [y/N] ")) {
            context.err().println("nothing was changed");
            return ExitCodes.FINDINGS;
        }
        RemoveInstance.Mode mode = archive != null ? RemoveInstance.Mode.ARCHIVE : purge ? RemoveInstance.Mode.PURGE : RemoveInstance.Mode.TRASH;
        RemoveInstance.Result result = RemoveInstance.run(env, name, mode, archive == null ? null : context.resolve(archive),
                allowOutsideRoot);
        if (result.nothing()) {
            context.err().println("note: " + result.lines().get(0)); // removed meanwhile by someone else
        } else {
            result.lines().forEach(context.out()::println);
        }
        return ExitCodes.OK;
    }
}
