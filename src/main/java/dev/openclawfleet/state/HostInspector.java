package dev.openclawfleet.state;

import dev.openclawfleet.model.ConfigState;
import dev.openclawfleet.model.FleetLayout;
import dev.openclawfleet.model.HostState;
import dev.openclawfleet.model.Instance;
import dev.openclawfleet.model.InstanceState;
import dev.openclawfleet.model.JobKind;
import dev.openclawfleet.model.RootState;
import dev.openclawfleet.system.SafeFiles;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads what the state rules need from disk: each instance's state dir and config, and the
 * container root's own contents.
 */
public final class HostInspector {
    /** Entries that make the container root itself a live OpenClaw state dir (mixed-root-state). */
    public static final List<String> LIVE_STATE_ENTRIES = List.of(FleetLayout.CONFIG_FILE, "sessions", "agents", "credentials");

    private final long currentUid;

    public HostInspector(long currentUid) {
        this.currentUid = currentUid;
    }

    public HostState inspect(List<Instance> instances, Path root) {
        List<InstanceState> states = instances.parallelStream().map(this::inspect).toList();
        return new HostState(states, root(root));
    }

    InstanceState inspect(Instance instance) {
        InstanceState.DirState dir = null;
        if (instance.stateDir() != null && instance.stateDir().isAbsolute()) {
            int mode = SafeFiles.directoryMode(instance.stateDir());
            boolean exists = mode != -1;
            dir = new InstanceState.DirState(instance.stateDir(), exists, mode >= 0, Math.max(mode, 0));
        }
        ConfigState config = null;
        if (instance.kind() != JobKind.LEGACY && instance.configPath() != null && instance.configPath().isAbsolute()) {
            config = ConfigReader.read(instance.configPath(), currentUid);
        }
        return new InstanceState(instance, dir, config);
    }

    RootState root(Path root) {
        if (!Files.isDirectory(root)) {
            return new RootState(root, false, List.of(), List.of());
        }
        List<String> live = new ArrayList<>();
        List<Path> instanceDirs = new ArrayList<>();
        List<Path> staging = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (LIVE_STATE_ENTRIES.contains(name)) {
                    live.add(Files.isDirectory(entry) ? name + "/" : name);
                } else if (name.startsWith(FleetLayout.STATE_DIR_PREFIX) && Files.isDirectory(entry)) {
                    instanceDirs.add(entry.toAbsolutePath().normalize());
                } else if (name.startsWith(FleetLayout.STAGING_PREFIX) && Files.isDirectory(entry)) {
                    staging.add(entry.toAbsolutePath().normalize());
                }
            }
        } catch (IOException e) {
            return new RootState(root, true, List.of(), List.of());
        }
        live.addAll(gatewayLocks(root));
        live.sort(null);
        instanceDirs.sort(null);
        staging.sort(null);
        List<Path> unfinished = instanceDirs.stream().filter(d -> Files.exists(d.resolve(FleetLayout.PROVISIONING_MARKER))).toList();
        return new RootState(root, true, live, instanceDirs, staging, unfinished, SafeFiles.directoryMode(root));
    }

    /** Gateway lock files of a gateway that uses the root as its state dir: {@code tmp/openclaw-<uid>/gateway.*.lock}. */
    private static List<String> gatewayLocks(Path root) {
        List<String> out = new ArrayList<>();
        Path tmp = root.resolve("tmp");
        if (!Files.isDirectory(tmp)) {
            return out;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tmp, "openclaw-*")) {
            for (Path dir : dirs) {
                try (DirectoryStream<Path> locks = Files.newDirectoryStream(dir, "gateway.*.lock")) {
                    for (Path lock : locks) {
                        out.add(root.relativize(lock).toString());
                    }
                } catch (IOException ignored) {
                    // an unreadable lock dir is not evidence either way
                }
            }
        } catch (IOException ignored) {
            // same
        }
        return out;
    }
}
