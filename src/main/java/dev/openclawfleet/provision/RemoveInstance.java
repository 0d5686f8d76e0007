package dev.openclawfleet.provision;

import dev.openclawfleet.launchd.Launchctl;
import dev.openclawfleet.model.FleetException;
import dev.openclawfleet.model.FleetLayout;
import dev.openclawfleet.model.Instance;
import dev.openclawfleet.model.InstanceName;
import dev.openclawfleet.system.FleetLock;
import dev.openclawfleet.system.ProcessRunner;
import dev.openclawfleet.system.TarGz;
import dev.openclawfleet.system.Trees;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
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
 * tar.gz with --archive. Files are deleted only with --purge.
 */
public final class RemoveInstance {
    private RemoveInstance() {
    }

    public enum Mode { TRASH, ARCHIVE, PURGE }

    /** Where things went, for the user. */
    public record Result(String name, List<String> lines) {
    }

    public static Result run(FleetEnv env, String name, Mode mode, Path archive) {
        InstanceName.problem(name).ifPresent(p -> {
            throw FleetException.usage(p);
        });
        FleetLayout layout = env.layout();
        if (!Files.isDirectory(layout.root())) {
            throw FleetException.operational("nothing to remove: the container root " + layout.root() + " does not exist");
        }
        if (mode == Mode.ARCHIVE && Files.exists(archive)) {
            throw FleetException.operational(archive + " already exists; choose another file (nothing was changed)");
        }
        try (FleetLock lock = FleetLock.acquire(layout.root(), AddInstance.LOCK_PATIENCE)) {
            Optional<Instance> instance = Lookup.find(Lookup.fleet(env), name);
            Path plist = instance.map(Instance::plist).orElse(env.plist(name));
            Path stateDir = instance.map(Instance::stateDir).filter(d -> d.isAbsolute() && d.getFileName() != null
                    && d.getFileName().toString().equals(FleetLayout.STATE_DIR_PREFIX + name)).orElse(layout.stateDir(name));
            boolean hasPlist = Files.exists(plist, LinkOption.NOFOLLOW_LINKS);
            boolean hasState = Files.exists(stateDir, LinkOption.NOFOLLOW_LINKS);
            List<Path> staging = staging(layout.root(), name);
            if (!hasPlist && !hasState && staging.isEmpty()) {
                throw FleetException.operational("nothing to remove: neither " + plist + " nor " + stateDir + " exists");
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
            try {
                switch (mode) {
                    case TRASH -> {
                        Path bin = layout.trash().resolve(name + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
                        Files.createDirectories(bin);
                        Files.setPosixFilePermissions(layout.trash(), dev.openclawfleet.system.AtomicFiles.MODE_0700);
                        Files.setPosixFilePermissions(bin, dev.openclawfleet.system.AtomicFiles.MODE_0700);
                        for (Path t : targets) {
                            move(t, bin.resolve(t.getFileName()));
                        }
                        lines.add("moved " + describe(targets) + " to " + bin);
                    }
                    case ARCHIVE -> {
                        List<TarGz.Source> sources = targets.stream().map(t -> new TarGz.Source(t.getFileName().toString(), t)).toList();
                        TarGz.write(archive, sources);
                        TarGz.list(archive); // read it back before deleting anything
                        for (Path t : targets) {
                            Trees.delete(t);
                        }
                        lines.add("archived " + describe(targets) + " to " + archive + " (mode 0600) and deleted them");
                    }
                    case PURGE -> {
                        for (Path t : targets) {
                            Trees.delete(t);
                        }
                        lines.add("deleted " + describe(targets));
                    }
                }
                for (Path s : staging) {
                    Trees.delete(s);
                }
            } catch (IOException e) {
                throw FleetException.operational("remove-instance " + name + ": " + dev.openclawfleet.system.SafeFiles.ioReason(e) + " (what was not moved is still in place)");
            }
            return new Result(name, lines);
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

    /** Moves a file or tree; across file systems by copying, then deleting the original. */
    static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
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

    private static String describe(List<Path> targets) {
        return String.join(" and ", targets.stream().map(Path::toString).toList());
    }
}
