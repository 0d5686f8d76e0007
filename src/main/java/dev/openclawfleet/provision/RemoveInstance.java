package dev.openclawfleet.provision;

import dev.openclawfleet.launchd.Launchctl;
import dev.openclawfleet.model.FleetException;
import dev.openclawfleet.model.FleetLayout;
import dev.openclawfleet.model.Instance;
import dev.openclawfleet.model.InstanceName;
import dev.openclawfleet.system.PrivateDirs;
import dev.openclawfleet.system.ProcessRunner;
import dev.openclawfleet.system.SafeFiles;
import dev.openclawfleet.system.TarGz;
import dev.openclawfleet.system.Trees;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * `fleet remove-instance NAME`: boots the job out (waiting until it is gone and its port free),
 * then moves its plist and state dir into {@code <root>/.trash/<name>-<timestamp>/}, or into a
 * tar.gz with --archive (read back and compared before anything is deleted). Files are deleted
 * only with --purge. It acts only on a state dir inside the container root (or OpenClaw's own
 * {@code $HOME/.openclaw-<profile>}) unless told otherwise, and on a symbolic link itself, never
 * on what it points at (docs/safety.md).
 */
public final class RemoveInstance {
    private RemoveInstance() {
    }

    public enum Mode { TRASH, ARCHIVE, PURGE }

    /** Where things went, for the user; {@code nothing} when there was nothing of NAME to remove. */
    public record Result(String name, List<String> lines, boolean nothing) {
        public Result(String name, List<String> lines) {
            this(name, lines, false);
        }
    }

    /** Why there is nothing of NAME to remove (no plist, state dir or staging dir), or empty when there is something. */
    public static Optional<String> nothingToRemove(FleetEnv env, String name) {
        InstanceName.problem(name).ifPresent(p -> {
            throw FleetException.usage(p);
        });
        FleetLayout layout = env.layout();
        if (!Files.isDirectory(layout.root())) {
            return Optional.of("nothing to remove: the container root " + layout.root() + " does not exist");
        }
        Optional<Instance> instance = Lookup.find(Lookup.fleet(env), name);
        Path plist = instance.map(Instance::plist).orElse(env.plist(name));
        Path stateDir = instance.map(Instance::stateDir).filter(Path::isAbsolute).map(Path::normalize).orElse(layout.stateDir(name));
        if (Files.exists(plist, LinkOption.NOFOLLOW_LINKS) || Files.exists(stateDir, LinkOption.NOFOLLOW_LINKS)
                || !staging(layout.root(), name).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("nothing to remove: there is no instance '" + name + "' (no " + plist + ", no " + stateDir + ")");
    }

    public static Result run(FleetEnv env, String name, Mode mode, Path archive) {
        return run(env, name, mode, archive, false);
    }

    /**
     * The refusals of {@link #run} that need no lock and change nothing (a state dir outside the
     * root, one another plist uses, an existing archive), so a command can make them before it asks
     * for a confirmation.
     */
    public static void check(FleetEnv env, String name, Mode mode, Path archive, boolean allowOutsideRoot) {
        if (mode == Mode.ARCHIVE && Files.exists(archive, LinkOption.NOFOLLOW_LINKS)) {
            throw FleetException.operational(archive + " already exists; choose another file (nothing was changed)");
        }
        dev.openclawfleet.app.Audit.Fleet fleet = Lookup.fleet(env);
        Optional<Instance> instance = Lookup.find(fleet, name);
        Path plist = instance.map(Instance::plist).orElse(env.plist(name));
        Path stateDir = instance.map(Instance::stateDir).filter(Path::isAbsolute).map(Path::normalize).orElse(env.layout().stateDir(name));
        if (Files.exists(stateDir, LinkOption.NOFOLLOW_LINKS)) {
            Containment.require("remove-instance", name, stateDir, env.layout(), env.home(), allowOutsideRoot);
            refuseShared(fleet, name, plist, stateDir);
        }
    }

    public static Result run(FleetEnv env, String name, Mode mode, Path archive, boolean allowOutsideRoot) {
        InstanceName.problem(name).ifPresent(p -> {
            throw FleetException.usage(p);
        });
        FleetLayout layout = env.layout();
        if (!Files.isDirectory(layout.root())) {
            return new Result(name, List.of("nothing to remove: the container root " + layout.root() + " does not exist"), true);
        }
        if (mode == Mode.ARCHIVE && Files.exists(archive, LinkOption.NOFOLLOW_LINKS)) {
            throw FleetException.operational(archive + " already exists; choose another file (nothing was changed)");
        }
        try (var lock = env.lock(AddInstance.LOCK_PATIENCE)) {
            dev.openclawfleet.app.Audit.Fleet fleet = Lookup.fleet(env);
            Optional<Instance> instance = Lookup.find(fleet, name);
            Path plist = instance.map(Instance::plist).orElse(env.plist(name));
            Path stateDir = instance.map(Instance::stateDir).filter(Path::isAbsolute).map(Path::normalize).orElse(layout.stateDir(name));
            boolean hasPlist = Files.exists(plist, LinkOption.NOFOLLOW_LINKS);
            boolean hasState = Files.exists(stateDir, LinkOption.NOFOLLOW_LINKS);
            List<Path> staging = staging(layout.root(), name);
            if (!hasPlist && !hasState && staging.isEmpty()) {
                return new Result(name, List.of("nothing to remove: there is no instance '" + name + "' (no " + plist + ", no "
                        + stateDir + ")"), true);
            }
            if (hasState) {
                Containment.require("remove-instance", name, stateDir, layout, env.home(), allowOutsideRoot);
                refuseShared(fleet, name, plist, stateDir);
            }
            if (mode == Mode.TRASH) {
                PrivateDirs.require(layout.trash(), env.uid()); // refused here, before the job is touched
            }
            List<String> lines = new ArrayList<>();
            stopJob(env, name, instance, lines);
            List<Path> targets = new ArrayList<>();
            if (hasPlist) {
                targets.add(plist);
            }
            if (hasState) {
                targets.add(stateDir);
            }
            List<Path> links = targets.stream().filter(Files::isSymbolicLink).toList();
            try {
                switch (mode) {
                    case TRASH -> {
                        Path bin = PrivateDirs.createUnique(layout.trash(), name + "-"
                                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")), env.uid());
                        for (Path t : targets) {
                            move(t, bin.resolve(t.getFileName()));
                        }
                        lines.add("moved " + describe(targets, links) + " to " + bin);
                    }
                    case ARCHIVE -> {
                        List<TarGz.Source> sources = targets.stream().map(t -> new TarGz.Source(t.getFileName().toString(), t)).toList();
                        List<TarGz.Written> written;
                        try {
                            written = TarGz.write(archive, sources);
                        } catch (FileAlreadyExistsException e) {
                            throw FleetException.operational(archive + " appeared while remove-instance ran; it was not"
                                    + " overwritten and nothing was deleted");
                        }
                        TarGz.verify(archive, written); // read back and compared before anything is deleted
                        requireStateIn(written, hasState, stateDir, archive);
                        for (Path t : targets) {
                            Trees.delete(t);
                        }
                        lines.add("archived " + describe(targets, links) + " to " + archive + " (mode 0600, " + written.size()
                                + " entries, read back and checked) and deleted them");
                    }
                    case PURGE -> {
                        for (Path t : targets) {
                            Trees.delete(t);
                        }
                        lines.add("deleted " + describe(targets, links));
                    }
                }
                for (Path s : staging) {
                    Trees.delete(s);
                }
            } catch (IOException e) {
                throw FleetException.operational("remove-instance " + name + ": " + SafeFiles.ioReason(e) + " (what was not moved is still in place)");
            }
            return new Result(name, lines);
        }
    }

    /** Refuses when another instance uses the same state dir: removing it would take that instance's data too. */
    private static void refuseShared(dev.openclawfleet.app.Audit.Fleet fleet, String name, Path plist, Path stateDir) {
        for (Instance other : fleet.instances()) {
            if (!other.plist().toAbsolutePath().equals(plist.toAbsolutePath()) && other.stateDir() != null
                    && other.stateDir().toAbsolutePath().normalize().equals(stateDir.toAbsolutePath().normalize())) {
                throw FleetException.operational("remove-instance " + name + ": its state dir " + stateDir + " is also the state dir of "
                        + other.displayLabel() + " (" + other.plistPath() + "); nothing was changed. Point one of them at its own"
                        + " state dir first (`fleet audit` shows duplicate-state-dir)");
            }
        }
    }

    /** An archive of an existing state dir holds at least that folder's own entry; a link archived as nothing would be a silent loss. */
    private static void requireStateIn(List<TarGz.Written> written, boolean hasState, Path stateDir, Path archive) throws IOException {
        String folder = stateDir.getFileName() + "/";
        if (hasState && written.stream().noneMatch(w -> w.name().equals(folder))) {
            Files.deleteIfExists(archive);
            throw FleetException.operational(archive + " would not hold the state dir " + stateDir + " (it is not a folder fleet can read);"
                    + " nothing was deleted");
        }
    }

    private static void stopJob(FleetEnv env, String name, Optional<Instance> instance, List<String> lines) {
        ProcessRunner runner = env.runner();
        if (!runner.has("launchctl")) {
            lines.add("launchctl is not on PATH: no job was booted out");
            return;
        }
        Launchctl launchctl = env.launchctl();
        String label = FleetLayout.label(name);
        Launches.forget(env, label); // the instance goes: so does fleet's record of its last start
        if (!launchctl.bootout(label)) {
            return;
        }
        Integer port = instance.map(Instance::port).orElse(null);
        if (!Health.awaitGone(launchctl, label, port, Lifecycle.JOB_GONE, Lifecycle.PORT_RELEASED)) {
            throw FleetException.operational("booted out " + label + ", but it did not go away (or its port " + port
                    + " stayed in use); nothing was moved. Check `launchctl print " + env.domain() + "/" + label + "`");
        }
        lines.add("booted out " + label + (port == null ? "" : "; port " + port + " is free"));
    }

    /** Moves a file, tree or link (the link itself); across file systems by copying, then deleting the original. */
    static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, LinkOption.NOFOLLOW_LINKS);
        } catch (AtomicMoveNotSupportedException e) {
            Path tmp = to.resolveSibling(to.getFileName() + ".partial");
            copyTree(from, tmp);
            Files.move(tmp, to, StandardCopyOption.ATOMIC_MOVE);
            Trees.delete(from);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
            }
        }
    }

    private static List<Path> staging(Path root, String name) {
        List<Path> out = new ArrayList<>();
        try (var dirs = Files.newDirectoryStream(root, FleetLayout.STAGING_PREFIX + name + "-*")) {
            dirs.forEach(out::add);
        } catch (IOException ignored) {
            // nothing to clean
        }
        return out;
    }

    /** The targets, saying when one is a symbolic link (only the link is moved or deleted, never what it points at). */
    private static String describe(List<Path> targets, List<Path> links) {
        List<String> out = new ArrayList<>();
        for (Path t : targets) {
            out.add(t + (links.contains(t) ? " (a symbolic link: only the link was moved or deleted, what it points at was left in place)" : ""));
        }
        return String.join(" and ", out);
    }
}
