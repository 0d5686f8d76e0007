package dev.openclawfleet.state;

import dev.openclawfleet.model.ConfigState;
import dev.openclawfleet.model.FleetLayout;
import dev.openclawfleet.model.GatewayCommand;
import dev.openclawfleet.model.GatewayEnvironment;
import dev.openclawfleet.model.HostState;
import dev.openclawfleet.model.Instance;
import dev.openclawfleet.model.InstanceState;
import dev.openclawfleet.model.JobKind;
import dev.openclawfleet.model.RootState;
import dev.openclawfleet.model.ServiceEnv;
import dev.openclawfleet.system.SafeFiles;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
        return inspect(instances, root, Map.of());
    }

    /** The same, with the wrapper env files the caller already read, by plist path. */
    public HostState inspect(List<Instance> instances, Path root, Map<Path, ServiceEnv> serviceEnvs) {
        List<InstanceState> states = instances.parallelStream().map(i -> inspect(i, serviceEnvs.get(i.plist()))).toList();
        return new HostState(states, root(root));
    }

    InstanceState inspect(Instance instance) {
        return inspect(instance, null);
    }

    InstanceState inspect(Instance instance, ServiceEnv serviceEnv) {
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
        return new InstanceState(instance, dir, config, serviceEnv, environment(instance, config, serviceEnv));
    }

    /**
     * The environment the gateway will see: the job's own (plist and wrapper env file), then, never
     * overriding it, what OpenClaw loads itself: {@code .env} in the working directory, {@code .env}
     * in the state dir, and the config's {@code env} block (OpenClaw's documented precedence).
     */
    static GatewayEnvironment environment(Instance instance, ConfigState config, ServiceEnv serviceEnv) {
        Map<String, String> variables = new LinkedHashMap<>(instance.environment());
        List<Path> files = new ArrayList<>();
        if (instance.kind() != JobKind.LEGACY) {
            Set<Path> dotenvs = new LinkedHashSet<>();
            instance.job().workingDirectory().filter(w -> w.startsWith("/")).ifPresent(w -> dotenvs.add(Path.of(w).normalize().resolve(".env")));
            if (instance.stateDir() != null && instance.stateDir().isAbsolute()) {
                dotenvs.add(instance.stateDir().resolve(".env"));
            }
            for (Path dotenv : dotenvs) {
                if (Files.isRegularFile(dotenv)) {
                    ServiceEnvFile.read(dotenv).forEach(variables::putIfAbsent);
                    files.add(dotenv);
                }
            }
            if (config instanceof ConfigState.Loaded loaded) {
                loaded.envUse().envBlock().forEach(variables::putIfAbsent);
            }
        }
        String unseen = null;
        GatewayCommand command = instance.command();
        if (command.form() == GatewayCommand.Form.USER_WRAPPER && (serviceEnv == null || serviceEnv.status() != ServiceEnv.Status.READ)) {
            unseen = "your wrapper " + command.wrapper() + " sets it";
        }
        boolean shellImport = "1".equals(variables.get("OPENCLAW_LOAD_SHELL_ENV"))
                || (config instanceof ConfigState.Loaded loaded && loaded.envUse().shellImport());
        if (shellImport) {
            unseen = "OpenClaw's login-shell import (env.shellEnv) provides it";
        }
        return new GatewayEnvironment(variables, files, unseen);
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
