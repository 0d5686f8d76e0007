package dev.openclawfleet.fix;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openclawfleet.model.ConfigEnvUse;
import dev.openclawfleet.model.ConfigState;
import dev.openclawfleet.model.FleetLayout;
import dev.openclawfleet.model.GatewayPorts;
import dev.openclawfleet.model.Instance;
import dev.openclawfleet.model.InstanceName;
import dev.openclawfleet.model.InstanceState;
import dev.openclawfleet.model.LiveStatus;
import dev.openclawfleet.model.Secret;
import dev.openclawfleet.provision.PortAllocator;
import dev.openclawfleet.provision.Runtime;
import dev.openclawfleet.state.ConfigReader;
import dev.openclawfleet.system.FileReadException;
import dev.openclawfleet.system.SafeFiles;
import dev.openclawfleet.system.TreeCopy;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * Plans the migration of the container root's own state into {@code <root>/.openclaw-<name>}
 * ({@code --as NAME}, default {@code main}), or says why it cannot be done automatically.
 */
final class MigrationPlanner {
    static final String DEFAULT_GATEWAY = "ai.openclaw.gateway";
    /** Room kept free on the volume beyond the copy itself. */
    static final long SPARE_BYTES = 64L << 20;

    private MigrationPlanner() {
    }

    static RootMigration.Plan plan(FixPlanner.Input in, List<Instance> onRoot, boolean resume, FixPlanner planner) {
        Path root = in.layout().root();
        FixJournal.Migration journal = resume ? in.resumed().migration() : null;
        String name = journal != null ? journal.name() : in.as() == null ? "main" : in.as();
        String domain = in.domain();
        Path agents = in.agentsDir();
        if (onRoot.size() > 1) {
            throw new FixPlanner.Unfixable("several jobs use the root as their state dir (" + String.join(", ",
                    onRoot.stream().map(Instance::plistPath).toList()) + "), so fleet cannot tell whose state it is",
                    "keep one of them: move the other plists out of " + agents + ", then `fleet fix` again");
        }
        Instance old = onRoot.isEmpty() ? null : onRoot.get(0);
        String oldLabel = old != null ? old.label() : journal == null ? null : journal.oldLabel();
        Path oldPlist = old != null ? old.plist() : journal == null || journal.oldPlist() == null ? null : Path.of(journal.oldPlist());
        String recipe = RootMigration.recipe(root, name, domain, oldLabel, oldPlist, agents);
        InstanceName.problem(name).ifPresent(p -> {
            throw new FixPlanner.Unfixable("--as " + p, recipe);
        });
        if (old != null && !in.launchd()) {
            throw new FixPlanner.Unfixable("launchctl is not on PATH, so the gateway that uses the root cannot be stopped", recipe);
        }
        Path target = in.layout().stateDir(name);
        Path newPlist = in.layout().plist(agents, name);
        if (!resume) {
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new FixPlanner.Unfixable(target + " already exists", "choose another name: `fleet fix --as NAME`");
            }
            if (Files.exists(newPlist, LinkOption.NOFOLLOW_LINKS) || in.fleet().instances().stream().anyMatch(i -> FleetLayout.label(name).equals(i.label()))) {
                throw new FixPlanner.Unfixable("an instance called " + name + " exists already", "choose another name: `fleet fix --as NAME`");
            }
        }
        List<Path> entries = new ArrayList<>();
        List<Path> runtime = new ArrayList<>();
        List<String> staying = new ArrayList<>();
        try (DirectoryStream<Path> list = Files.newDirectoryStream(root)) {
            for (Path p : list) {
                String file = p.getFileName().toString();
                if (RootMigration.staysInRoot(file)) {
                    if (!file.startsWith(".openclaw-") && !file.startsWith(FleetLayout.FLEET_DIR) && !file.equals(FleetLayout.TRASH_DIR)) {
                        staying.add(file);
                    }
                } else if (RootMigration.runtimeOnly(file)) {
                    runtime.add(p);
                } else {
                    entries.add(p);
                }
            }
        } catch (IOException e) {
            throw new FixPlanner.Unfixable(root + " cannot be listed: " + SafeFiles.ioReason(e), recipe);
        }
        entries.sort(null);
        runtime.sort(null);
        staying.sort(null);
        long bytes = 0;
        int files = 0;
        for (Path p : entries) {
            try {
                TreeCopy.Census c = TreeCopy.census(p);
                if (!c.refused().isEmpty()) {
                    throw new FixPlanner.Unfixable(c.refused().get(0) + " is not a file, folder or link (a socket or FIFO?), which fleet"
                            + " does not copy", recipe);
                }
                bytes += c.bytes();
                files += c.files();
            } catch (IOException e) {
                throw new FixPlanner.Unfixable(p + " cannot be read: " + SafeFiles.ioReason(e), recipe);
            }
        }
        try {
            long free = Files.getFileStore(root).getUsableSpace();
            if (!Files.exists(target) && free < bytes + SPARE_BYTES) {
                throw new FixPlanner.Unfixable("the copy needs " + SafeFiles.humanSize(bytes) + " and " + root + "'s volume has "
                        + SafeFiles.humanSize(free) + " free (the originals are kept until you empty the trash)", recipe);
            }
        } catch (IOException e) {
            // free space unknown: the copy fails cleanly if it runs out, before anything is moved
        }
        Integer oldPid = old == null ? null : in.report().liveOf(old).map(LiveStatus::pid).orElse(null);
        Long stray = strayLockHolder(root, oldPid);
        if (stray != null) {
            throw new FixPlanner.Unfixable("pid " + stray + " holds the root's gateway lock outside launchd", "kill " + stray
                    + " (a gateway started by hand on the root's state), then `fleet fix` again");
        }
        List<Instance> others = in.fleet().instances().stream().filter(i -> i != old).toList();
        int port = port(in, root, old, others);
        Runtime rt = old != null ? planner.runtime(old).orElse(null) : null;
        if (rt == null) {
            try {
                rt = Runtime.forFleet(null, null, in.fleet().instances(), in.pathEnv(), in.cwd());
            } catch (RuntimeException e) {
                throw new FixPlanner.Unfixable("fleet cannot find node and OpenClaw's entry script for the new instance", recipe);
            }
        }
        Map<String, Secret> carried = carried(in, old);
        String stops = oldPid == null ? null : oldLabel + " (pid " + oldPid + ")";
        return new RootMigration.Plan(root, name, target, oldLabel, oldPlist, old == null ? null : old.port(), entries, runtime, staying,
                bytes, files, port, rt.node(), rt.entry(), newPlist, stops, domain, carried, resume);
    }

    /** The old job's port when it is free of every other instance, else a free one. */
    private static int port(FixPlanner.Input in, Path root, Instance old, List<Instance> others) {
        Integer wanted = old != null && old.port() != null && GatewayPorts.isUsableBase(old.port()) ? old.port() : configPort(root);
        Set<Integer> own = wanted == null ? Set.of() : Set.of(wanted, wanted + GatewayPorts.BROWSER_CONTROL_OFFSET, wanted + GatewayPorts.DEFAULT_CDP_OFFSET);
        IntPredicate busy = p -> !(old != null && own.contains(p)) && in.listening().test(p);
        if (wanted != null && PortAllocator.conflicts(wanted, others, busy).isEmpty()) {
            return wanted;
        }
        OptionalInt free = PortAllocator.allocate(in.basePort(), others, busy);
        if (free.isEmpty()) {
            throw new FixPlanner.Unfixable("no free base port from " + in.basePort(), null);
        }
        return free.getAsInt();
    }

    private static Integer configPort(Path root) {
        try {
            JsonNode json = ConfigReader.parse(SafeFiles.readRegular(root.resolve(FleetLayout.CONFIG_FILE), ConfigReader.MAX_CONFIG_BYTES));
            JsonNode port = json.path("gateway").path("port");
            return port.canConvertToInt() && GatewayPorts.isUsableBase(port.asInt()) ? port.asInt() : GatewayPorts.DEFAULT_BASE;
        } catch (FileReadException | ConfigReader.ConfigSyntaxException e) {
            return GatewayPorts.DEFAULT_BASE;
        }
    }

    /**
     * What the old job's environment gave the gateway that the new plist will not: its token
     * (OPENCLAW_GATEWAY_TOKEN wins over the config) and the variables the config's {@code ${VAR}} need.
     */
    private static Map<String, Secret> carried(FixPlanner.Input in, Instance old) {
        Map<String, Secret> out = new LinkedHashMap<>();
        if (old == null) {
            return out;
        }
        String token = old.environment().get(FixPlanner.TOKEN);
        if (token != null && !token.isBlank() && !token.contains("${")) {
            out.put("gateway.auth.token", Secret.of(token));
        }
        InstanceState s = in.fleet().host().instances().stream().filter(x -> x.instance() == old).findFirst().orElse(null);
        if (s != null && s.config() instanceof ConfigState.Loaded loaded) {
            for (ConfigEnvUse.Placeholder p : loaded.envUse().placeholders()) {
                String value = old.environment().get(p.variable());
                if (value != null && !loaded.envUse().envBlock().containsKey(p.variable())) {
                    out.put("env.vars." + p.variable(), Secret.of(value));
                }
            }
        }
        return out;
    }

    /** True when {@code pid} is the job's process or one of its descendants (OpenClaw's wrapper runs node as a child). */
    private static boolean underJob(long pid, Integer jobPid) {
        if (jobPid == null) {
            return false;
        }
        java.util.Optional<ProcessHandle> p = ProcessHandle.of(pid);
        while (p.isPresent()) {
            if (p.get().pid() == jobPid) {
                return true;
            }
            p = p.get().parent();
        }
        return false;
    }

    /** A live pid in the root's own gateway locks that is not the old job's: a gateway started by hand. */
    private static Long strayLockHolder(Path root, Integer jobPid) {
        Path tmp = root.resolve("tmp");
        if (!Files.isDirectory(tmp, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tmp, "openclaw-*")) {
            for (Path dir : dirs) {
                try (DirectoryStream<Path> locks = Files.newDirectoryStream(dir, "gateway.*.lock")) {
                    for (Path lock : locks) {
                        JsonNode json = ConfigReader.parse(SafeFiles.readRegular(lock, 64 * 1024));
                        long pid = json.path("pid").asLong(0);
                        if (pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && !underJob(pid, jobPid)) {
                            return pid;
                        }
                    }
                }
            }
        } catch (IOException | FileReadException | ConfigReader.ConfigSyntaxException e) {
            return null;
        }
        return null;
    }
}
