package dev.openclawfleet.provision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openclawfleet.app.Audit;
import dev.openclawfleet.launchd.Launchctl;
import dev.openclawfleet.model.ConfigState;
import dev.openclawfleet.model.FleetException;
import dev.openclawfleet.model.FleetLayout;
import dev.openclawfleet.model.InstanceName;
import dev.openclawfleet.model.InstanceState;
import dev.openclawfleet.model.Secret;
import dev.openclawfleet.plist.PlistWriter;
import dev.openclawfleet.render.Json;
import dev.openclawfleet.state.ConfigReader;
import dev.openclawfleet.system.AtomicFiles;
import dev.openclawfleet.system.FileReadException;
import dev.openclawfleet.system.FleetLock;
import dev.openclawfleet.system.PortProbe;
import dev.openclawfleet.system.SafeFiles;
import dev.openclawfleet.system.TarGz;
import dev.openclawfleet.system.Trees;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * `fleet restore FILE`: an instance from a backup, made to fit this Mac: the plist is generated
 * again for this machine's root, node and entry; the port is kept when free and reallocated when
 * taken; paths in the config follow the new state dir; the token is kept unless --new-token. It
 * never overwrites: an existing label, plist or state dir stops it before anything is written.
 */
public final class Restore {
    private Restore() {
    }

    public record Options(Path archive, String as, boolean newToken, Integer port, String node, String entry, boolean start,
                          Duration waitLimit) {
    }

    /** What was restored, where, and on which port (with the backup's port when it changed). */
    public record Result(String name, int port, Integer originalPort, Path stateDir, Path config, Path plist, boolean newToken,
                         Health.Outcome health) {
        public boolean healthy() {
            return health != null && health.healthy();
        }
    }

    public static Result run(Options o, FleetEnv env) {
        if (!Files.isRegularFile(o.archive())) {
            throw FleetException.operational(o.archive() + ": no such file");
        }
        if (o.as() != null) {
            InstanceName.problem(o.as()).ifPresent(p -> {
                throw FleetException.usage("--as: " + p);
            });
        }
        FleetLayout layout = env.layout();
        Launchctl launchctl = o.start() ? env.launchctl() : null;
        AddInstance.createRoot(layout.root());
        Result restored;
        try (FleetLock lock = FleetLock.acquire(layout.root(), AddInstance.LOCK_PATIENCE)) {
            restored = unpack(o, env);
        }
        if (!o.start()) {
            AddInstance.removeMarker(restored.stateDir());
            return restored;
        }
        Health.Outcome health = AddInstance.startNew(env, launchctl, restored.name(), restored.plist(), restored.stateDir(),
                restored.port(), o.waitLimit());
        return new Result(restored.name(), restored.port(), restored.originalPort(), restored.stateDir(), restored.config(),
                restored.plist(), restored.newToken(), health);
    }

    private static Result unpack(Options o, FleetEnv env) {
        FleetLayout layout = env.layout();
        Path staging = layout.root().resolve(FleetLayout.STAGING_PREFIX + (o.as() == null ? "restore" : o.as()) + "-"
                + ProcessHandle.current().pid());
        try {
            Files.createDirectory(staging);
            Files.setPosixFilePermissions(staging, AtomicFiles.MODE_0700);
            TarGz.extract(o.archive(), staging);
            JsonNode manifest = readJson(staging.resolve(Backup.MANIFEST), o.archive() + " is not an openclaw-fleet backup (no "
                    + Backup.MANIFEST + ")");
            if (manifest.path("format").asInt() != Backup.FORMAT) {
                throw FleetException.operational(o.archive() + " has backup format " + manifest.path("format").asText("?")
                        + "; this version reads format " + Backup.FORMAT);
            }
            String original = manifest.path("name").asText();
            Path extracted = staging.resolve(FleetLayout.STATE_DIR_PREFIX + original);
            if (InstanceName.problem(original).isPresent() || !Files.isDirectory(extracted)) {
                throw FleetException.operational(o.archive() + " does not hold the state dir its manifest names");
            }
            String name = o.as() != null ? o.as() : original;
            Path stateDir = layout.stateDir(name);
            Path plist = env.plist(name);
            Audit.Fleet fleet = Lookup.fleet(env);
            AddInstance.refuseExisting(name, stateDir, plist, fleet, env);

            Runtime runtime = runtime(o, env, fleet, staging.resolve(FleetLayout.plistFileName(original)));
            Integer originalPort = manifest.path("port").canConvertToInt() ? manifest.path("port").asInt() : null;
            PortProbe probe = PortProbe.snapshot(env.runner(), env.timeout());
            int port;
            if (o.port() != null) {
                port = AddInstance.checkedPort(o.port(), fleet.instances(), probe);
            } else if (originalPort != null && PortAllocator.conflicts(originalPort, fleet.instances(), probe::inUse).isEmpty()) {
                port = originalPort;
            } else {
                port = AddInstance.allocate(originalPort != null ? originalPort : dev.openclawfleet.model.GatewayPorts.DEFAULT_BASE,
                        fleet.instances(), probe);
            }

            Path configFile = extracted.resolve(FleetLayout.CONFIG_FILE);
            ObjectNode config = (ObjectNode) readJson(configFile, o.archive() + " holds no readable openclaw.json");
            Secret token = adjust(config, layout, name, port, Path.of(manifest.path("stateDir").asText("/nonexistent")), o.newToken());
            if (!o.newToken()) {
                refuseSharedToken(token, fleet);
            }
            AtomicFiles.write(configFile, Json.pretty(config).getBytes(StandardCharsets.UTF_8), AtomicFiles.MODE_0600, true);
            for (String sub : List.of("logs", "workspace")) {
                Path dir = extracted.resolve(sub);
                if (!Files.isDirectory(dir)) {
                    Files.setPosixFilePermissions(Files.createDirectory(dir), AtomicFiles.MODE_0700);
                }
            }
            Files.setPosixFilePermissions(extracted, AtomicFiles.MODE_0700);
            new AddInstance.Marker(name, port, ProcessHandle.current().pid(), Instant.now()).write(extracted);
            Files.move(extracted, stateDir, StandardCopyOption.ATOMIC_MOVE);
            Trees.delete(staging);

            byte[] bytes = PlistWriter.toXml(ContractPlist.of(new ContractPlist.Spec(layout, name, port, runtime.node(), runtime.entry())));
            AddInstance.writePlist(plist, bytes, name);
            return new Result(name, port, originalPort, stateDir, layout.configPath(name), plist, o.newToken(), null);
        } catch (IOException e) {
            throw FleetException.operational("restore from " + o.archive() + " failed: " + dev.openclawfleet.system.SafeFiles.ioReason(e));
        } finally {
            try {
                Trees.delete(staging);
            } catch (IOException ignored) {
                // a leftover staging dir is reported by the audit (provisioning-incomplete)
            }
        }
    }

    /**
     * --node/--entry, else what the fleet here runs, else what the backed-up plist ran when those
     * files exist on this Mac too, else what is on PATH.
     */
    private static Runtime runtime(Options o, FleetEnv env, Audit.Fleet fleet, Path backedUpPlist) {
        boolean peers = fleet.instances().stream().anyMatch(i -> i.kind() == dev.openclawfleet.model.JobKind.FLEET && i.command().node() != null);
        if ((o.node() == null || o.entry() == null) && !peers && Files.isRegularFile(backedUpPlist)) {
            try {
                Object parsed = dev.openclawfleet.plist.PlistParser.parse(SafeFiles.readRegular(backedUpPlist, 1 << 20));
                if (parsed instanceof java.util.Map<?, ?> map) {
                    @SuppressWarnings("unchecked")
                    dev.openclawfleet.model.LaunchJob job = new dev.openclawfleet.model.LaunchJob((java.util.Map<String, Object>) map);
                    dev.openclawfleet.model.GatewayCommand command = dev.openclawfleet.audit.GatewayCommands.parse(job.programArguments().orElse(null));
                    String node = o.node() != null ? o.node() : command.node();
                    String entry = o.entry() != null ? o.entry() : command.entry();
                    if (node != null && entry != null && Files.isExecutable(Path.of(node)) && Files.isRegularFile(Path.of(entry))) {
                        return Runtime.resolve(node, entry, env.env().get("PATH"), env.cwd());
                    }
                }
            } catch (FileReadException | dev.openclawfleet.plist.PlistFormatException | java.nio.file.InvalidPathException e) {
                // fall through to PATH
            }
        }
        return Runtime.forFleet(o.node(), o.entry(), fleet.instances(), env.env().get("PATH"), env.cwd());
    }

    /** Fits the config to its new home; returns the token it will use. */
    static Secret adjust(ObjectNode config, FleetLayout layout, String name, int port, Path oldStateDir, boolean newToken) {
        ObjectNode gateway = InstanceConfig.object(config, "gateway");
        gateway.put("port", port);
        ObjectNode auth = InstanceConfig.object(gateway, "auth");
        Secret token;
        if (newToken || !auth.path("token").isTextual() || auth.path("token").asText().isBlank()) {
            token = Tokens.generate();
            auth.put("mode", "token");
            auth.put("token", token.reveal());
        } else {
            token = Secret.of(auth.path("token").asText());
        }
        ObjectNode defaults = InstanceConfig.object(InstanceConfig.object(config, "agents"), "defaults");
        String workspace = defaults.path("workspace").asText("");
        if (workspace.isEmpty() || workspace.startsWith(oldStateDir.toString())) {
            defaults.put("workspace", layout.workspace(name).toString());
        }
        JsonNode extra = config.path("skills").path("load").path("extraDirs");
        if (extra instanceof ArrayNode dirs && InstanceConfig.hasSharedSkills(layout)) {
            for (int i = 0; i < dirs.size(); i++) {
                if (dirs.get(i).asText().endsWith("/shared/skills")) {
                    dirs.set(i, Json.object().textNode(layout.sharedSkills().toString()));
                }
            }
        }
        return token;
    }

    private static void refuseSharedToken(Secret token, Audit.Fleet fleet) {
        for (InstanceState s : fleet.host().instances()) {
            if (s.config() instanceof ConfigState.Loaded loaded && token.equals(loaded.config().token())) {
                throw FleetException.operational("the backup's gateway token is already used by " + s.instance().name()
                        + " on this Mac: pass --new-token to give the restored instance its own (nothing was changed)");
            }
        }
    }

    private static JsonNode readJson(Path file, String whenMissing) {
        if (!Files.isRegularFile(file)) {
            throw FleetException.operational(whenMissing);
        }
        try {
            JsonNode json = ConfigReader.parse(SafeFiles.readRegular(file, ConfigReader.MAX_CONFIG_BYTES));
            if (!json.isObject()) {
                throw FleetException.operational(file.getFileName() + " in the backup is not a JSON object");
            }
            return json;
        } catch (FileReadException | ConfigReader.ConfigSyntaxException e) {
            throw FleetException.operational(file.getFileName() + " in the backup: " + e.getMessage());
        }
    }


}
