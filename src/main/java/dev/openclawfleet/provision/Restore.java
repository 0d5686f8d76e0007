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
import dev.openclawfleet.system.PrivateDirs;
import dev.openclawfleet.system.TarGz;
import dev.openclawfleet.system.TarReader;
import dev.openclawfleet.model.Text;
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
    static final int MAX_MANIFEST_BYTES = 64 * 1024;

    private Restore() {
    }

    public record Options(Path archive, String as, boolean newToken, Integer port, String node, String entry, boolean start,
                          Duration waitLimit, Long maxBytes) {
        public Options(Path archive, String as, boolean newToken, Integer port, String node, String entry, boolean start,
                       Duration waitLimit) {
            this(archive, as, newToken, port, node, entry, start, waitLimit, null);
        }

        /** The default caps, or the user's --max-size (which also lifts the expansion-ratio check). */
        TarGz.Limits limits() {
            return maxBytes == null ? TarGz.Limits.DEFAULT : new TarGz.Limits(maxBytes, TarGz.Limits.DEFAULT.maxEntries(), 0, 0);
        }
    }

    /** What was restored, where, and on which port (with the backup's port when it changed). */
    public record Result(String name, int port, Integer originalPort, Path stateDir, Path config, Path plist, boolean newToken,
                         Health.Outcome health, List<String> warnings) {
        public Result {
            warnings = List.copyOf(warnings);
        }

        public Result(String name, int port, Integer originalPort, Path stateDir, Path config, Path plist, boolean newToken,
                      Health.Outcome health) {
            this(name, port, originalPort, stateDir, config, plist, newToken, health, List.of());
        }

        public boolean healthy() {
            return health != null && health.healthy();
        }
    }

    public static Result run(Options o, FleetEnv env) {
        try {
            SafeFiles.requireRegular(o.archive());
        } catch (FileReadException e) {
            throw FleetException.operational(o.archive() + " cannot be restored: " + e.getMessage());
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
        try (FleetLock lock = env.lock(AddInstance.LOCK_PATIENCE)) {
            restored = unpack(o, env);
        }
        if (!o.start()) {
            AddInstance.removeMarker(restored.stateDir());
            return restored;
        }
        Health.Outcome health = AddInstance.startNew(env, launchctl, restored.name(), restored.plist(), restored.stateDir(),
                restored.port(), o.waitLimit());
        return new Result(restored.name(), restored.port(), restored.originalPort(), restored.stateDir(), restored.config(),
                restored.plist(), restored.newToken(), health, restored.warnings());
    }

    private static Result unpack(Options o, FleetEnv env) {
        FleetLayout layout = env.layout();
        Path staging = layout.root().resolve(FleetLayout.STAGING_PREFIX + (o.as() == null ? "restore" : o.as()) + "-"
                + ProcessHandle.current().pid());
        PrivateDirs.createNew(staging, env.uid());
        try {
            JsonNode manifest;
            String original;
            String name;
            Path stateDir;
            Path plist;
            Audit.Fleet fleet;
            try (TarReader tar = TarReader.open(o.archive())) {
                manifest = manifestFirst(o.archive(), tar);
                if (manifest.path("format").asInt() != Backup.FORMAT) {
                    throw FleetException.operational(o.archive() + " has backup format " + Text.printable(manifest.path("format").asText("?"), 20)
                            + "; this version reads format " + Backup.FORMAT);
                }
                original = manifest.path("name").asText();
                if (InstanceName.problem(original).isPresent()) {
                    throw FleetException.operational(o.archive() + " is refused: its manifest names no valid instance");
                }
                name = o.as() != null ? o.as() : original;
                stateDir = layout.stateDir(name);
                plist = env.plist(name);
                fleet = Lookup.fleet(env);
                AddInstance.refuseExisting(name, stateDir, plist, fleet, env); // before anything is unpacked
                String stateName = FleetLayout.STATE_DIR_PREFIX + original;
                String plistName = FleetLayout.plistFileName(original);
                TarGz.extract(o.archive(), tar, staging, o.limits(), entry -> {
                    String top = entry.split("/", 2)[0];
                    if (!top.equals(stateName) && !entry.equals(plistName)) {
                        throw FleetException.operational(o.archive() + " is refused: entry '" + Text.printable(entry, 120) + "' is neither the state dir nor the plist"
                                + " its manifest names");
                    }
                    // The gateway's lock dir and the provisioning marker describe the old machine's processes, not the instance.
                    String rest = entry.length() > stateName.length() + 1 ? entry.substring(stateName.length() + 1) : "";
                    return top.equals(stateName) && (rest.equals("tmp") || rest.startsWith("tmp/") || rest.equals(FleetLayout.PROVISIONING_MARKER));
                });
            } catch (TarReader.BadArchive e) {
                throw FleetException.operational(o.archive() + " is refused: " + e.getMessage());
            }
            Path extracted = staging.resolve(FleetLayout.STATE_DIR_PREFIX + original);
            if (!Files.isDirectory(extracted, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw FleetException.operational(o.archive() + " does not hold the state dir its manifest names");
            }

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
            List<String> warnings = outsidePaths(config, layout.stateDir(name), layout);
            AtomicFiles.write(configFile, Json.pretty(config).getBytes(StandardCharsets.UTF_8), AtomicFiles.MODE_0600, true);
            for (String sub : List.of("logs", "workspace")) {
                PrivateDirs.require(extracted.resolve(sub), env.uid());
            }
            PrivateDirs.verify(extracted, env.uid());
            new AddInstance.Marker(name, port, ProcessHandle.current().pid(), Instant.now()).write(extracted);
            Files.move(extracted, stateDir, StandardCopyOption.ATOMIC_MOVE);
            Trees.delete(staging);

            byte[] bytes = PlistWriter.toXml(ContractPlist.of(new ContractPlist.Spec(layout, name, port, runtime.node(), runtime.entry())));
            AddInstance.writePlist(plist, bytes, name);
            return new Result(name, port, originalPort, stateDir, layout.configPath(name), plist, o.newToken(), null, warnings);
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

    /** "2G", "500M", "64K" or a byte count, for --max-size; a usage error otherwise. */
    public static long parseSize(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)(\\d{1,12})\\s*([kmgt]?)(?:i?b)?").matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw FleetException.usage("--max-size '" + Text.printable(text, 40) + "' is not a size (e.g. 500M, 4G)");
        }
        int shift = switch (m.group(2).toLowerCase(java.util.Locale.ROOT)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            default -> 0;
        };
        long value = Long.parseLong(m.group(1));
        if (value == 0 || value > (Long.MAX_VALUE >> shift)) {
            throw FleetException.usage("--max-size '" + Text.printable(text, 40) + "' is out of range");
        }
        return value << shift;
    }

    /** The manifest, which must be the archive's first entry: nothing is unpacked from a file that is not a fleet backup. */
    private static JsonNode manifestFirst(Path archive, TarReader tar) throws IOException {
        String notBackup = archive + " is not an openclaw-fleet backup (its first entry is not " + Backup.MANIFEST + "); nothing was unpacked";
        TarReader.Entry first;
        try {
            first = tar.next();
        } catch (TarReader.BadArchive e) {
            throw FleetException.operational(archive + " is refused: " + e.getMessage());
        }
        if (first == null || first.directory() || !first.name().equals(Backup.MANIFEST)) {
            throw FleetException.operational(notBackup);
        }
        if (first.size() > MAX_MANIFEST_BYTES) {
            throw FleetException.operational(archive + " is refused: its manifest is " + first.size() + " bytes, over the "
                    + (MAX_MANIFEST_BYTES >> 10) + " KiB a manifest can be");
        }
        byte[] bytes = tar.content().readNBytes((int) first.size());
        try {
            JsonNode json = ConfigReader.parse(bytes);
            if (json == null || !json.isObject() || !"openclaw-fleet".equals(json.path("tool").asText())) {
                throw FleetException.operational(notBackup);
            }
            return json;
        } catch (ConfigReader.ConfigSyntaxException e) {
            throw FleetException.operational(archive + " is refused: its manifest " + e.getMessage());
        }
    }

    /**
     * Config paths a restored instance keeps that point outside its state dir (an absolute
     * workspace such as /etc, extra skill dirs): kept, since they may be deliberate, but said.
     */
    static List<String> outsidePaths(ObjectNode config, Path stateDir, FleetLayout layout) {
        List<String> out = new java.util.ArrayList<>();
        JsonNode workspace = config.path("agents").path("defaults").path("workspace");
        checkInside("agents.defaults.workspace", workspace, stateDir, layout, out);
        JsonNode list = config.path("agents").path("list");
        for (int i = 0; i < list.size(); i++) {
            checkInside("agents.list[" + i + "].workspace", list.get(i).path("workspace"), stateDir, layout, out);
        }
        JsonNode extra = config.path("skills").path("load").path("extraDirs");
        for (int i = 0; i < extra.size(); i++) {
            checkInside("skills.load.extraDirs[" + i + "]", extra.get(i), stateDir, layout, out);
        }
        return out;
    }

    private static void checkInside(String key, JsonNode value, Path stateDir, FleetLayout layout, List<String> out) {
        if (!value.isTextual() || value.asText().isEmpty()) {
            return;
        }
        String text = value.asText();
        Path path;
        try {
            path = Path.of(text).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            out.add(key + " is not a usable path; check it in " + layout.configPath(stateDir.getFileName().toString()
                    .substring(FleetLayout.STATE_DIR_PREFIX.length())));
            return;
        }
        if (path.isAbsolute() && !path.startsWith(stateDir) && !path.equals(layout.sharedSkills())) {
            out.add(key + " is " + Text.printable(text, 160) + ", outside the restored instance's state dir " + stateDir
                    + ": kept as it was; change it if this Mac should not use that folder");
        }
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
