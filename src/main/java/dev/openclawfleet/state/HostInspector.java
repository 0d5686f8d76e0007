package dev.openclawfleet.state;

import dev.openclawfleet.model.ConfigState;
import dev.openclawfleet.model.DirListing;
import dev.openclawfleet.model.FileFact;
import dev.openclawfleet.model.FleetLayout;
import dev.openclawfleet.model.GatewayCommand;
import dev.openclawfleet.model.GatewayEnvironment;
import dev.openclawfleet.model.HostAnswer;
import dev.openclawfleet.model.HostQuery;
import dev.openclawfleet.model.HostSnapshot;
import dev.openclawfleet.model.HostState;
import dev.openclawfleet.model.Instance;
import dev.openclawfleet.model.InstanceState;
import dev.openclawfleet.model.JobKind;
import dev.openclawfleet.model.Parallel;
import dev.openclawfleet.model.RootState;
import dev.openclawfleet.model.ServiceEnv;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the state rules need about a host, as queries and their reading: each instance's state dir,
 * config and the dotenv files OpenClaw loads, and the container root's own contents. Pure: a host
 * reader answered the queries first.
 */
public final class HostInspector {
    /** Entries that make the container root itself a live OpenClaw state dir (mixed-root-state). */
    public static final List<String> LIVE_STATE_ENTRIES = List.of(FleetLayout.CONFIG_FILE, "sessions", "agents", "credentials");
    static final String LOCKS_DIR = "tmp";

    private final long currentUid;

    public HostInspector(long currentUid) {
        this.currentUid = currentUid;
    }

    /** The container root's entries the state rules look at: live state, instance dirs, staging dirs, the lock folder. */
    public static HostQuery.ListDir rootListing(Path root) {
        List<String> globs = new ArrayList<>(LIVE_STATE_ENTRIES);
        globs.add(FleetLayout.STATE_DIR_PREFIX + "*");
        globs.add(FleetLayout.STAGING_PREFIX + "*");
        globs.add(LOCKS_DIR);
        globs.add(FleetLayout.FLEET_DIR);
        return new HostQuery.ListDir(root, globs, 0, false);
    }

    /**
     * What the root's listing leads to, as far as it is answered: each instance dir's provisioning
     * marker, and the gateway locks of a gateway that uses the root as its state dir
     * ({@code tmp/openclaw-<uid>/gateway.*.lock}).
     */
    public static List<HostQuery> rootQueries(Path root, HostSnapshot s) {
        List<HostQuery> out = new ArrayList<>();
        HostQuery.ListDir listing = rootListing(root);
        out.add(listing);
        if (!s.has(listing)) {
            return out;
        }
        // Each entry's queries in the entries' order; the 10,000 instance dirs' markers made on both cores.
        Parallel.stream(s.dir(listing).entries()).flatMap(e -> rootQueries(root, e, s).stream()).forEachOrdered(out::add);
        return out;
    }

    private static List<HostQuery> rootQueries(Path root, DirListing.Entry e, HostSnapshot s) {
        if (!e.fact().directory()) {
            return List.of();
        }
        List<HostQuery> out = new ArrayList<>(1);
        if (e.name().startsWith(FleetLayout.STATE_DIR_PREFIX)) {
            out.add(marker(root.resolve(e.name())));
        }
        if (e.name().equals(FleetLayout.FLEET_DIR)) {
            out.add(fixJournal(root));
        }
        if (e.name().equals(LOCKS_DIR)) {
            HostQuery.ListDir tmp = lockParents(root);
            out.add(tmp);
            if (s.has(tmp)) {
                for (DirListing.Entry d : s.dir(tmp).entries()) {
                    out.add(locks(root, d.name()));
                }
            }
        }
        return out;
    }

    private static HostQuery.ReadFile fixJournal(Path root) {
        return new HostQuery.ReadFile(root.resolve(FleetLayout.FLEET_DIR).resolve(FleetLayout.FIX_JOURNAL), 0);
    }

    private static HostQuery.ReadFile marker(Path instanceDir) {
        return new HostQuery.ReadFile(instanceDir.resolve(FleetLayout.PROVISIONING_MARKER), 0);
    }

    private static HostQuery.ListDir lockParents(Path root) {
        return new HostQuery.ListDir(root.resolve(LOCKS_DIR), List.of("openclaw-*"), 0, false);
    }

    private static HostQuery.ListDir locks(Path root, String dir) {
        return new HostQuery.ListDir(root.resolve(LOCKS_DIR).resolve(dir), List.of("gateway.*.lock"), 0, false);
    }

    /** The answers {@link #rootQueries} follows from, the very objects of the snapshot (null where not answered yet). */
    public static List<HostAnswer> rootAnswers(Path root, HostSnapshot s) {
        HostQuery.ListDir listing = rootListing(root);
        HostQuery.ListDir tmp = lockParents(root);
        return Arrays.asList(s.has(listing) ? s.dir(listing) : null, s.has(tmp) ? s.dir(tmp) : null);
    }

    /** Each instance's state dir, config, and the dotenv files OpenClaw loads for it. */
    public static List<HostQuery> instanceQueries(List<Instance> instances) {
        return instanceQueries(instances, Listed.NONE);
    }

    /**
     * Each instance's state dir (unless the container root's listing in {@code s} already holds its
     * fact: see {@link #listedInRoot}), config, and the dotenv files OpenClaw loads for it, in the
     * instances' order.
     */
    public static List<HostQuery> instanceQueries(List<Instance> instances, Path root, HostSnapshot s) {
        return instanceQueries(instances, listedInRoot(root, s));
    }

    private static List<HostQuery> instanceQueries(List<Instance> instances, Listed listed) {
        return Parallel.stream(instances).flatMap(i -> {
            List<HostQuery> out = new ArrayList<>(4);
            if (i.stateDir() != null && i.stateDir().isAbsolute() && listed.get(i.stateDir()) == null) {
                out.add(stateDir(i));
            }
            if (readsConfig(i)) {
                out.add(config(i));
            }
            dotenvs(i).forEach(p -> out.add(dotenv(p)));
            return out.stream();
        }).toList();
    }

    /**
     * The facts the container root's listing holds of its entries: a state dir in the root is
     * asked about once, in the listing, not again with a stat of its own (10,000 queries
     * fewer for 10,000 instances). Both readers answer a listed entry exactly as they answer a query
     * about its path (the same look at the link, then at what it points to). Only an exact path is
     * taken: a state dir written with other case or Unicode normalization than the name on disk is
     * asked about as before, since the Mac's file system may or may not find it. Empty for a
     * relative root, whose entries' paths depend on the reader's working directory.
     */
    static Listed listedInRoot(Path root, HostSnapshot s) {
        HostQuery.ListDir listing = root == null || !root.isAbsolute() ? null : rootListing(root);
        if (listing == null || !s.has(listing)) {
            return Listed.NONE;
        }
        Map<String, FileFact> byName = new HashMap<>();
        for (DirListing.Entry e : s.dir(listing).entries()) {
            byName.put(e.name(), e.fact());
        }
        return new Listed(root.normalize(), byName);
    }

    /** The root listing's facts of its entries, by name (no path per entry is kept: 10,000 of them would outlive a young collection). */
    record Listed(Path dir, Map<String, FileFact> byName) {
        static final Listed NONE = new Listed(null, Map.of());

        /** The fact of {@code path} when it is an entry of the listed folder, else null. */
        FileFact get(Path path) {
            if (byName.isEmpty() || path == null || path.getFileName() == null || !dir.equals(path.getParent())) {
                return null;
            }
            return byName.get(path.getFileName().toString());
        }
    }

    private static HostQuery.ReadFile stateDir(Instance i) {
        return new HostQuery.ReadFile(i.stateDir(), 0);
    }

    private static boolean readsConfig(Instance i) {
        return i.kind() != JobKind.LEGACY && i.configPath() != null && i.configPath().isAbsolute();
    }

    private static HostQuery.ReadFile config(Instance i) {
        return new HostQuery.ReadFile(i.configPath(), ConfigReader.MAX_CONFIG_BYTES);
    }

    private static HostQuery.ReadFile dotenv(Path p) {
        return new HostQuery.ReadFile(p, ServiceEnvFile.MAX_BYTES);
    }

    /** {@code .env} in the job's working directory, then in its state dir (OpenClaw's order); none for legacy jobs. */
    static Set<Path> dotenvs(Instance instance) {
        Set<Path> out = new LinkedHashSet<>();
        if (instance.kind() == JobKind.LEGACY) {
            return out;
        }
        instance.job().workingDirectory().filter(w -> w.startsWith("/")).ifPresent(w -> {
            try {
                out.add(Path.of(w).normalize().resolve(".env"));
            } catch (java.nio.file.InvalidPathException ignored) {
                // a working directory no file system can hold: nothing to read there
            }
        });
        if (instance.stateDir() != null && instance.stateDir().isAbsolute()) {
            out.add(instance.stateDir().resolve(".env"));
        }
        return out;
    }

    /** The state rules' view of the host, from a snapshot that answers every query above; {@code serviceEnvs} by plist path. */
    public HostState inspect(List<Instance> instances, Path root, Map<Path, ServiceEnv> serviceEnvs, HostSnapshot s) {
        Listed listed = listedInRoot(root, s);
        List<InstanceState> states = Parallel.stream(instances).map(i -> inspect(i, serviceEnvs.get(i.plist()), s, listed)).toList();
        return new HostState(states, root(root, s));
    }

    InstanceState inspect(Instance instance, ServiceEnv serviceEnv, HostSnapshot s) {
        return inspect(instance, serviceEnv, s, Listed.NONE);
    }

    private InstanceState inspect(Instance instance, ServiceEnv serviceEnv, HostSnapshot s, Listed listed) {
        InstanceState.DirState dir = null;
        if (instance.stateDir() != null && instance.stateDir().isAbsolute()) {
            // The state dir's own stat when it was asked (its fact is then the one the queries saw), else the root listing's.
            HostQuery.ReadFile q = stateDir(instance);
            FileFact fromListing = s.has(q) ? null : listed.get(instance.stateDir());
            int mode = directoryMode(fromListing != null ? fromListing : s.file(q));
            dir = new InstanceState.DirState(instance.stateDir(), mode != -1, mode >= 0, Math.max(mode, 0));
        }
        ConfigState config = null;
        if (readsConfig(instance)) {
            config = ConfigReader.of(instance.configPath(), s.file(config(instance)), currentUid);
        }
        return new InstanceState(instance, dir, config, serviceEnv, environment(instance, config, serviceEnv, s));
    }

    /** Permission bits of a directory (following links), -1 when nothing is there, -2 when it is not a directory. */
    static int directoryMode(FileFact f) {
        if (!f.kind().exists()) {
            return -1;
        }
        return f.directory() ? f.mode() & 07777 : -2;
    }

    /**
     * The environment the gateway will see: the job's own (plist and wrapper env file), then, never
     * overriding it, what OpenClaw loads itself: {@code .env} in the working directory, {@code .env}
     * in the state dir, and the config's {@code env} block (OpenClaw's documented precedence).
     */
    static GatewayEnvironment environment(Instance instance, ConfigState config, ServiceEnv serviceEnv, HostSnapshot s) {
        Map<String, String> variables = new LinkedHashMap<>(instance.environment());
        List<Path> files = new ArrayList<>();
        if (instance.kind() != JobKind.LEGACY) {
            for (Path dotenv : dotenvs(instance)) {
                FileFact f = s.file(dotenv(dotenv));
                if (f.regular()) {
                    ServiceEnvFile.variables(f).forEach(variables::putIfAbsent);
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

    RootState root(Path root, HostSnapshot s) {
        DirListing listing = s.dir(rootListing(root));
        if (!listing.dir().directory()) {
            return new RootState(root, false, List.of(), List.of());
        }
        if (listing.problem() != null) {
            return new RootState(root, true, List.of(), List.of());
        }
        List<String> live = new ArrayList<>();
        List<Path> instanceDirs = new ArrayList<>();
        List<Path> staging = new ArrayList<>();
        List<Path> unfinished = new ArrayList<>();
        // An entry's name is one plain component (never "." or ".."): resolved against the absolute, normal root it is normal too.
        Path absolute = root.toAbsolutePath().normalize();
        List<DirListing.Entry> entries = listing.entries();
        // Each instance dir's marker looked up on every core (10,000 look-ups were one core's work), used in order below.
        List<Boolean> marked = Parallel.stream(entries).map(e -> e.name().startsWith(FleetLayout.STATE_DIR_PREFIX) && e.fact().directory()
                && s.file(marker(root.resolve(e.name()))).kind().exists()).toList();
        for (int k = 0; k < entries.size(); k++) {
            DirListing.Entry entry = entries.get(k);
            String name = entry.name();
            if (LIVE_STATE_ENTRIES.contains(name)) {
                live.add(entry.fact().directory() ? name + "/" : name);
            } else if (name.startsWith(FleetLayout.STATE_DIR_PREFIX) && entry.fact().directory()) {
                Path dir = absolute.resolve(name);
                instanceDirs.add(dir);
                if (marked.get(k)) {
                    unfinished.add(dir);
                }
            } else if (name.startsWith(FleetLayout.STAGING_PREFIX) && entry.fact().directory()) {
                staging.add(absolute.resolve(name));
            }
        }
        live.addAll(gatewayLocks(root, listing, s));
        live.sort(null);
        instanceDirs.sort(null);
        staging.sort(null);
        unfinished.sort(null);
        boolean fixUnfinished = listing.entries().stream().anyMatch(e -> e.name().equals(FleetLayout.FLEET_DIR) && e.fact().directory())
                && s.file(fixJournal(root)).kind().exists();
        return new RootState(root, true, live, instanceDirs, staging, unfinished, directoryMode(listing.dir()), fixUnfinished);
    }

    /** Gateway lock files of a gateway that uses the root as its state dir: {@code tmp/openclaw-<uid>/gateway.*.lock}. */
    private static List<String> gatewayLocks(Path root, DirListing listing, HostSnapshot s) {
        List<String> out = new ArrayList<>();
        boolean tmp = listing.entries().stream().anyMatch(e -> e.name().equals(LOCKS_DIR) && e.fact().directory());
        if (!tmp) {
            return out;
        }
        for (DirListing.Entry dir : s.dir(lockParents(root)).entries()) {
            for (DirListing.Entry lock : s.dir(locks(root, dir.name())).entries()) {
                out.add(LOCKS_DIR + "/" + dir.name() + "/" + lock.name());
            }
        }
        return out;
    }
}
