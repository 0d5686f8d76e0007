package dev.openclawfleet.provision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openclawfleet.app.Audit;
import dev.openclawfleet.launchd.Launchctl;
import dev.openclawfleet.model.ConfigState;
import dev.openclawfleet.model.FleetException;
import dev.openclawfleet.model.FleetLayout;
import dev.openclawfleet.model.Instance;
import dev.openclawfleet.model.InstanceName;
import dev.openclawfleet.model.InstanceState;
import dev.openclawfleet.model.JobKind;
import dev.openclawfleet.model.RootState;
import dev.openclawfleet.plist.PlistWriter;
import dev.openclawfleet.render.Json;
import dev.openclawfleet.state.ConfigReader;
import dev.openclawfleet.system.AtomicFiles;
import dev.openclawfleet.system.FileReadException;
import dev.openclawfleet.system.FleetLock;
import dev.openclawfleet.system.PortProbe;
import dev.openclawfleet.system.PrivateDirs;
import dev.openclawfleet.system.SafeFiles;
import dev.openclawfleet.system.Trees;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * `fleet add-instance NAME`: a complete, isolated instance in one step. The state dir is built in
 * a staging dir and renamed into place, so it appears whole or not at all; a marker inside it stays
 * until the instance is healthy, so an interrupted run is finished by running it again, and a
 * half-made instance never audits clean. A lock in the container root serialises concurrent runs.
 */
public final class AddInstance {
    static final Duration LOCK_PATIENCE = Duration.ofSeconds(120);

    private AddInstance() {
    }

    /** What the user asked for. {@code port} null means "allocate one from basePort". */
    public record Options(String name, Integer port, int basePort, String node, String entry, String from, boolean start,
                          boolean dryRun, Duration waitLimit) {
    }

    /**
     * What was (or, in a dry run, would be) done. {@code health} is null when nothing was started;
     * {@code droppedCredentials} are the credential keys --from did not copy (dotted).
     */
    public record Result(String name, int port, Path stateDir, Path config, Path plist, List<String> plan, boolean resumed,
                         Health.Outcome health, boolean alreadyComplete, List<String> droppedCredentials) {
        public Result {
            droppedCredentials = droppedCredentials == null ? List.of() : List.copyOf(droppedCredentials);
        }

        public Result(String name, int port, Path stateDir, Path config, Path plist, List<String> plan, boolean resumed,
                      Health.Outcome health, boolean alreadyComplete) {
            this(name, port, stateDir, config, plist, plan, resumed, health, alreadyComplete, List.of());
        }

        public Result(String name, int port, Path stateDir, Path config, Path plist, List<String> plan, boolean resumed,
                      Health.Outcome health) {
            this(name, port, stateDir, config, plist, plan, resumed, health, false);
        }

        public boolean healthy() {
            return health != null && health.healthy();
        }
    }

    public static Result run(Options o, FleetEnv env) {
        return run(o, env, false);
    }

    /** The same, for a caller that already holds the fleet lock ({@code fleet fix} finishing an interrupted add). */
    public static Result run(Options o, FleetEnv env, boolean lockHeld) {
        InstanceName.problem(o.name()).ifPresent(p -> {
            throw FleetException.usage(p);
        });
        FleetLayout layout = env.layout();
        String name = o.name();
        Launchctl launchctl = o.start() && !o.dryRun() ? env.launchctl() : null;
        if (!o.dryRun()) {
            createRoot(layout.root());
        }
        Prepared prepared;
        try (FleetLock lock = o.dryRun() || lockHeld ? null : env.lock(LOCK_PATIENCE)) {
            Optional<Result> complete = alreadyComplete(o, env);
            if (complete.isPresent()) {
                return complete.get();
            }
            prepared = prepare(o, env);
            if (o.dryRun()) {
                return prepared.result(null);
            }
            create(prepared, env);
        }
        if (!o.start()) {
            removeMarker(prepared.stateDir);
            return prepared.result(null);
        }
        return prepared.result(startNew(env, launchctl, name, prepared.plist, prepared.stateDir, prepared.port, o.waitLimit()));
    }

    /**
     * Loads a freshly made instance and waits for it: enable, bootstrap (with launchd's retries), then
     * health; the provisioning marker goes only once it is healthy.
     */
    static Health.Outcome startNew(FleetEnv env, Launchctl launchctl, String name, Path plist, Path stateDir, int port, Duration wait) {
        launchctl.enable(FleetLayout.label(name));
        Faults.pause(env.env(), "enabled", env.layout().root());
        long offset = Launches.errLogSize(env.layout().stderrLog(name).toString());
        launchctl.bootstrap(FleetLayout.label(name), plist);
        long runs = Launches.remember(env, launchctl, FleetLayout.label(name), 0, offset, "add-instance");
        Faults.pause(env.env(), "bootstrapped", env.layout().root());
        Health.Outcome health = Health.awaitHealthy(launchctl, FleetLayout.label(name), port, wait, env.progress(), runs,
                new PortOwners(env.runner(), env.timeout()));
        env.progress().accept("");
        if (health.healthy()) {
            removeMarker(stateDir);
            Faults.pause(env.env(), "healthy", env.layout().root());
        }
        return health;
    }

    /** Everything decided before anything is written. */
    private record Prepared(String name, int port, Path stateDir, Path config, Path plist, byte[] plistBytes, ObjectNode configJson,
                            boolean resume, List<String> plan, List<String> dropped) {
        Result result(Health.Outcome health) {
            return new Result(name, port, stateDir, config, plist, plan, resume, health, false, dropped);
        }
    }

    private static Prepared prepare(Options o, FleetEnv env) {
        FleetLayout layout = env.layout();
        String name = o.name();
        Path stateDir = layout.stateDir(name);
        Path plist = env.plist(name);
        Audit.Fleet fleet = Audit.read(env.agentsDir(), layout.root(), env.uid());
        List<Instance> others = fleet.instances().stream().filter(i -> !i.plist().toAbsolutePath().equals(plist.toAbsolutePath())).toList();
        Optional<Marker> marker = Marker.read(stateDir);
        boolean resume = marker.isPresent();
        if (resume) {
            marker.get().refuseIfRunning(name);
        } else {
            refuseExisting(name, stateDir, plist, fleet, env);
        }

        int port;
        if (resume) {
            port = marker.get().port();
        } else {
            PortProbe probe = PortProbe.snapshot(env.runner(), env.timeout());
            port = o.port() != null ? checkedPort(o.port(), others, probe) : allocate(o.basePort(), others, probe);
        }
        Runtime runtime = Runtime.forFleet(o.node(), o.entry(), fleet.instances(), env.env().get("PATH"), env.cwd());
        byte[] plistBytes = PlistWriter.toXml(ContractPlist.of(new ContractPlist.Spec(layout, name, port, runtime.node(), runtime.entry())));
        ObjectNode config = null;
        List<String> dropped = List.of();
        if (!resume) {
            InstanceConfig.Shared shared = o.from() == null ? null : InstanceConfig.shared(configOf(o.from(), fleet, env));
            ObjectNode base = shared == null ? null : shared.config();
            dropped = shared == null ? List.of() : shared.droppedCredentials();
            config = InstanceConfig.create(layout, name, port, Tokens.generate(), base, InstanceConfig.hasSharedSkills(layout));
        }
        List<String> plan = plan(env, name, port, stateDir, plist, resume, o, runtime);
        return new Prepared(name, port, stateDir, layout.configPath(name), plist, plistBytes, config, resume, plan, dropped);
    }

    /**
     * The instance as this run would make it, already there and finished (no provisioning marker):
     * the rerun after a kill -9 that landed once it was healthy, or a repeated command. Its plist is
     * byte for byte what this run would write for its port, its state dir is the contract's and its
     * config loads; an explicit --port must match. Anything less is not "complete" and falls
     * through to the usual checks, which refuse it.
     */
    private static Optional<Result> alreadyComplete(Options o, FleetEnv env) {
        FleetLayout layout = env.layout();
        Path stateDir = layout.stateDir(o.name());
        Path plist = env.plist(o.name());
        if (!Files.isDirectory(stateDir, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                || Files.exists(stateDir.resolve(FleetLayout.PROVISIONING_MARKER), java.nio.file.LinkOption.NOFOLLOW_LINKS)
                || !Files.isRegularFile(plist, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        Audit.Fleet fleet = Audit.read(env.agentsDir(), layout.root(), env.uid());
        Optional<InstanceState> state = fleet.host().instances().stream()
                .filter(s -> s.instance().plist().toAbsolutePath().equals(plist.toAbsolutePath())).findFirst();
        if (state.isEmpty() || state.get().instance().kind() != JobKind.FLEET || state.get().instance().port() == null
                || !FleetLayout.label(o.name()).equals(state.get().instance().label())
                || !stateDir.equals(state.get().instance().stateDir())
                || !(state.get().config() instanceof ConfigState.Loaded loaded) || loaded.config().token() == null
                || !state.get().instance().port().equals(loaded.config().port())) {
            return Optional.empty();
        }
        int port = state.get().instance().port();
        if (o.port() != null && o.port() != port) {
            return Optional.empty();
        }
        try {
            Runtime runtime = Runtime.forFleet(o.node(), o.entry(), fleet.instances(), env.env().get("PATH"), env.cwd());
            byte[] expected = PlistWriter.toXml(ContractPlist.of(new ContractPlist.Spec(layout, o.name(), port, runtime.node(), runtime.entry())));
            if (!Arrays.equals(SafeFiles.readRegular(plist, 1 << 20), expected)) {
                return Optional.empty();
            }
        } catch (FileReadException | FleetException e) {
            return Optional.empty();
        }
        return Optional.of(new Result(o.name(), port, stateDir, layout.configPath(o.name()), plist,
                List.of("nothing to do: " + o.name() + " already exists as asked (port " + port + ")"), false, null, true));
    }

    static void refuseExisting(String name, Path stateDir, Path plist, Audit.Fleet fleet, FleetEnv env) {
        String label = FleetLayout.label(name);
        for (Instance i : fleet.instances()) {
            if (label.equals(i.label())) {
                throw FleetException.operational("the label " + label + " is already used by " + i.plistPath()
                        + ": choose another name, or remove that instance first (`fleet remove-instance " + name + "`)");
            }
        }
        if (Files.exists(plist, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw FleetException.operational(plist + " already exists: choose another name, or remove it first");
        }
        if (Files.exists(stateDir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw FleetException.operational("the state dir " + stateDir + " already exists and was not made by an unfinished"
                    + " add-instance: choose another name, or move it away first (nothing was changed)");
        }
        RootState root = fleet.host().root();
        if (root != null && !root.liveStateEntries().isEmpty()) {
            throw FleetException.operational("the container root " + root.root() + " holds live gateway state itself ("
                    + String.join(", ", root.liveStateEntries()) + "): a gateway uses it as its state dir, and adding .openclaw-*"
                    + " instances next to it mixes container and state. Migrate it first: `fleet fix` moves that state into "
                    + root.root().resolve(".openclaw-main") + " as instance main (`fleet fix --as NAME` for another name), checking"
                    + " every file before anything is moved; then add " + name + ". Nothing was changed");
        }
    }

    static int checkedPort(int port, List<Instance> others, PortProbe probe) {
        if (!dev.openclawfleet.model.GatewayPorts.isUsableBase(port)) {
            throw FleetException.usage("--port " + port + " is out of range 1-" + dev.openclawfleet.model.GatewayPorts.HIGHEST_BASE);
        }
        List<String> conflicts = PortAllocator.conflicts(port, others, probe::inUse);
        if (!conflicts.isEmpty()) {
            throw FleetException.usage("--port " + port + " cannot be used: " + String.join("; ", conflicts)
                    + " (leave --port out to get a free one)");
        }
        return port;
    }

    static int allocate(int base, List<Instance> others, PortProbe probe) {
        OptionalInt port = PortAllocator.allocate(base, others, probe::inUse);
        if (port.isEmpty()) {
            throw FleetException.operational("no free base port from " + base + " up to " + dev.openclawfleet.model.GatewayPorts.HIGHEST_BASE
                    + " in steps of 20: pass --port or --base-port");
        }
        return port.getAsInt();
    }

    private static JsonNode configOf(String from, Audit.Fleet fleet, FleetEnv env) {
        InstanceState source = fleet.host().instances().stream().filter(s -> s.instance().name().equals(from)).findFirst()
                .orElseThrow(() -> FleetException.usage("--from " + from + ": no such instance in " + env.agentsDir()
                        + " (`fleet list` shows them)"));
        if (!(source.config() instanceof ConfigState.Loaded)) {
            throw FleetException.operational("--from " + from + ": its config " + (source.config() == null ? "is unknown"
                    : source.config().path() + " cannot be read") + "; `fleet audit` says why");
        }
        try {
            return ConfigReader.parse(SafeFiles.readRegular(source.config().path(), ConfigReader.MAX_CONFIG_BYTES));
        } catch (FileReadException | ConfigReader.ConfigSyntaxException e) {
            throw FleetException.operational("--from " + from + ": " + source.config().path() + ": " + e.getMessage());
        }
    }

    private static List<String> plan(FleetEnv env, String name, int port, Path stateDir, Path plist, boolean resume, Options o,
                                     Runtime runtime) {
        List<String> plan = new ArrayList<>();
        String label = FleetLayout.label(name);
        if (resume) {
            plan.add("resume  the unfinished add-instance of " + name + " (port " + port + ")");
        } else {
            plan.add("mkdir   0700 " + stateDir + "   (built as " + FleetLayout.STAGING_PREFIX + name + "-PID, then renamed)");
            plan.add("mkdir   0700 " + stateDir.resolve("logs"));
            plan.add("mkdir   0700 " + stateDir.resolve("workspace"));
            plan.add("write   0600 " + env.layout().configPath(name) + "   (gateway.mode local, port " + port
                    + ", bind loopback, auth token: a new random 32-byte token" + (o.from() == null ? "" : ", settings from " + o.from())
                    + (InstanceConfig.hasSharedSkills(env.layout()) ? ", skills.load.extraDirs " + env.layout().sharedSkills() : "") + ")");
            plan.add("write   0600 " + stateDir.resolve(FleetLayout.PROVISIONING_MARKER) + "   (removed once the instance is healthy)");
        }
        plan.add("write   0644 " + plist + "   (node " + runtime.node() + ", entry " + runtime.entry() + ")");
        if (o.start()) {
            plan.add("run     launchctl enable " + env.domain() + "/" + label);
            plan.add("run     launchctl bootstrap " + env.domain() + " " + plist);
            plan.add("wait    until " + label + " runs and 127.0.0.1:" + port + " listens (up to " + o.waitLimit().toSeconds() + " s)");
        }
        plan.add("audit   the fleet");
        return plan;
    }

    private static void create(Prepared p, FleetEnv env) {
        Path root = env.layout().root();
        try {
            if (!p.resume) {
                cleanStaleStaging(root, p.name);
                Path staging = PrivateDirs.createNew(root.resolve(FleetLayout.STAGING_PREFIX + p.name + "-" + ProcessHandle.current().pid()),
                        env.uid());
                for (String sub : List.of("logs", "workspace")) {
                    PrivateDirs.createNew(staging.resolve(sub), env.uid());
                }
                AtomicFiles.write(staging.resolve(FleetLayout.CONFIG_FILE), Json.pretty(p.configJson).getBytes(StandardCharsets.UTF_8),
                        AtomicFiles.MODE_0600, false);
                new Marker(p.name, p.port, ProcessHandle.current().pid(), Instant.now()).write(staging);
                Faults.pause(env.env(), "staged", root);
                Files.move(staging, p.stateDir, StandardCopyOption.ATOMIC_MOVE);
                Faults.pause(env.env(), "state-created", root);
            } else {
                new Marker(p.name, p.port, ProcessHandle.current().pid(), Instant.now()).write(p.stateDir);
                for (String sub : List.of("logs", "workspace")) {
                    PrivateDirs.require(p.stateDir.resolve(sub), env.uid());
                }
            }
            writePlist(p);
            Faults.pause(env.env(), "plist-written", root);
        } catch (IOException e) {
            throw FleetException.operational("add-instance " + p.name + ": " + dev.openclawfleet.system.SafeFiles.ioReason(e)
                    + " (rerun `fleet add-instance " + p.name + "` to finish, or `fleet remove-instance " + p.name + "`)");
        }
    }

    private static void writePlist(Prepared p) throws IOException {
        writePlist(p.plist, p.plistBytes, p.name);
    }

    /** Writes a new plist (0644, atomically); an identical one is left alone, a different one is never replaced. */
    static void writePlist(Path plist, byte[] bytes, String name) throws IOException {
        Path agents = plist.toAbsolutePath().getParent();
        if (!Files.isDirectory(agents)) {
            // A fresh account has no ~/Library/LaunchAgents yet; launchd wants it 0755 (openclaw-facts.md).
            Files.createDirectories(agents, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x")));
        }
        if (Files.exists(plist)) {
            if (Arrays.equals(Files.readAllBytes(plist), bytes)) {
                return;
            }
            throw FleetException.operational(plist + " exists and differs from what add-instance would write: move it away"
                    + " (or `fleet remove-instance " + name + "`) and run add-instance again");
        }
        try {
            AtomicFiles.write(plist, bytes, AtomicFiles.MODE_0644, false);
        } catch (FileAlreadyExistsException e) {
            throw FleetException.operational(plist + " appeared while add-instance ran; nothing was overwritten");
        }
    }

    /** Staging dirs of this name left by a run that died before renaming its state dir into place. */
    static void cleanStaleStaging(Path root, String name) throws IOException {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, FleetLayout.STAGING_PREFIX + name + "-*")) {
            for (Path dir : dirs) {
                String pid = dir.getFileName().toString().substring((FleetLayout.STAGING_PREFIX + name + "-").length());
                if (pid.chars().allMatch(Character::isDigit) && !pid.isEmpty()
                        && ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false)) {
                    throw FleetException.operational("another add-instance of " + name + " is running (pid " + pid + ")");
                }
                Trees.delete(dir);
            }
        }
    }

    static void removeMarker(Path stateDir) {
        try {
            Files.deleteIfExists(stateDir.resolve(FleetLayout.PROVISIONING_MARKER));
        } catch (IOException e) {
            throw FleetException.operational(stateDir.resolve(FleetLayout.PROVISIONING_MARKER) + ": cannot remove: "
                    + dev.openclawfleet.system.SafeFiles.ioReason(e));
        }
    }

    static void createRoot(Path root) {
        if (Files.isDirectory(root)) {
            return;
        }
        try {
            Files.createDirectories(root.getParent());
            // Created with its final mode: a chmod afterwards would leave it open to others for a moment under umask 000.
            Files.createDirectory(root, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(AtomicFiles.MODE_0700));
            if (!Files.getPosixFilePermissions(root, java.nio.file.LinkOption.NOFOLLOW_LINKS).equals(AtomicFiles.MODE_0700)) {
                Files.getFileAttributeView(root, java.nio.file.attribute.PosixFileAttributeView.class, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                        .setPermissions(AtomicFiles.MODE_0700);
            }
        } catch (FileAlreadyExistsException e) {
            // created by a concurrent run
        } catch (IOException e) {
            throw FleetException.operational(root + ": cannot create the container root: " + dev.openclawfleet.system.SafeFiles.ioReason(e));
        }
    }

    /** The provisioning marker: which run made the state dir, for which port; present until the instance is healthy. */
    record Marker(String name, int port, long pid, Instant startedAt) {
        void write(Path stateDir) throws IOException {
            ObjectNode json = Json.object();
            json.put("name", name);
            json.put("port", port);
            json.put("pid", pid);
            json.put("startedAt", startedAt.toString());
            AtomicFiles.write(stateDir.resolve(FleetLayout.PROVISIONING_MARKER), Json.pretty(json).getBytes(StandardCharsets.UTF_8),
                    AtomicFiles.MODE_0600, true);
        }

        static Optional<Marker> read(Path stateDir) {
            Path file = stateDir.resolve(FleetLayout.PROVISIONING_MARKER);
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            try {
                JsonNode json = ConfigReader.parse(SafeFiles.readRegular(file, 64 * 1024));
                return Optional.of(new Marker(json.path("name").asText(), json.path("port").asInt(), json.path("pid").asLong(),
                        Instant.parse(json.path("startedAt").asText(Instant.EPOCH.toString()))));
            } catch (FileReadException | ConfigReader.ConfigSyntaxException | java.time.format.DateTimeParseException e) {
                throw FleetException.operational(file + " is unreadable (" + e.getMessage() + "): remove the instance with"
                        + " `fleet remove-instance " + stateDir.getFileName().toString().substring(FleetLayout.STATE_DIR_PREFIX.length()) + "`");
            }
        }

        void refuseIfRunning(String name) {
            if (pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                throw FleetException.operational("another add-instance of " + name + " is running (pid " + pid + ")");
            }
        }
    }

}
