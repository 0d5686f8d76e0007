package dev.openclawfleet.fix;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.openclawfleet.app.Audit;
import dev.openclawfleet.audit.PlistAge;
import dev.openclawfleet.model.ConfigState;
import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.FleetLayout;
import dev.openclawfleet.model.GatewayCommand;
import dev.openclawfleet.model.GatewayPorts;
import dev.openclawfleet.model.Instance;
import dev.openclawfleet.model.InstanceName;
import dev.openclawfleet.model.InstanceState;
import dev.openclawfleet.model.JobKind;
import dev.openclawfleet.model.JobStatus;
import dev.openclawfleet.model.LiveStatus;
import dev.openclawfleet.model.Report;
import dev.openclawfleet.model.SecretNames;
import dev.openclawfleet.model.Secret;
import dev.openclawfleet.model.Severity;
import dev.openclawfleet.provision.ConfigEdits;
import dev.openclawfleet.provision.ContractPlist;
import dev.openclawfleet.provision.EnvFileEdit;
import dev.openclawfleet.provision.FileChange;
import dev.openclawfleet.provision.PlistDraft;
import dev.openclawfleet.provision.PortAllocator;
import dev.openclawfleet.provision.Runtime;
import dev.openclawfleet.system.BackupDir;
import dev.openclawfleet.system.Executables;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntPredicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Turns an audit into a fix plan: one step per instance (or old job, stray process, migration) it
 * changes, root causes first, restarts last; every finding it does not fix gets a reason and a
 * recipe with real paths and values. It reads files only to know what they hold now (so that each
 * write can be checked against it later) and never changes anything; the same audit and files give
 * the same plan, with the tokens and the listening ports it is given.
 */
public final class FixPlanner {
    /** Rules whose fix for a fleet instance is to write its plist again from the contract. */
    static final Set<String> CONTRACT_RULES = Set.of("run-at-load", "keep-alive", "program-arguments", "state-dir-env", "log-path",
            "unexpanded-path", "program-not-absolute");
    static final Set<String> PORT_CLASHES = Set.of("duplicate-port", "derived-port-collision", "port-spacing");
    static final String TOKEN = "OPENCLAW_GATEWAY_TOKEN";
    /** Findings whose fix removes a job (an old one, or the root's own gateway, which becomes a fleet instance). */
    static final Set<String> REMOVALS = Set.of("mixed-root-state", "legacy-service");

    /** What the plan is made from, all read beforehand. */
    public record Input(Audit.Fleet fleet, Report report, FleetLayout layout, Path agentsDir, long uid, String domain, String home,
                        String pathEnv, Path cwd, boolean launchd, String as, Set<String> names, int basePort, IntPredicate listening,
                        Supplier<Secret> tokens, Path backupDir, FixJournal.Entry resumed) {
        public Input {
            names = Set.copyOf(names);
        }
    }

    /** A finding the planner cannot fix, with why and what to do instead. */
    static final class Unfixable extends RuntimeException {
        final String recipe;

        Unfixable(String why, String recipe) {
            super(why, null, false, false);
            this.recipe = recipe;
        }
    }

    /** What is to change about one instance, gathered from all its findings before any draft is made. */
    private static final class Intents {
        final Instance instance;
        final List<Finding> fixes = new ArrayList<>();
        boolean regenerate;
        Integer newPort;
        boolean plistPort;
        boolean configPort;
        boolean envFilePort;
        final Set<String> dropEnv = new LinkedHashSet<>();
        final List<int[]> dropArgs = new ArrayList<>();
        final Map<String, Object> setKeys = new LinkedHashMap<>();
        final Map<Integer, String> arguments = new TreeMap<>();
        boolean expandHome;
        boolean newToken;
        Secret movedToken;
        String movedTokenFrom;
        final Map<String, Secret> envVars = new LinkedHashMap<>();
        final Map<String, String> configPassword = new LinkedHashMap<>();
        boolean modeLocal;
        boolean createConfig;
        final List<Action.Chmod> chmods = new ArrayList<>();
        final List<Action.Trash> trash = new ArrayList<>();
        boolean restart;
        String restartWhy;

        Intents(Instance instance) {
            this.instance = instance;
        }

        void fixes(Finding f) {
            if (!fixes.contains(f)) {
                fixes.add(f);
            }
        }

        void restart(String why) {
            if (!restart) {
                restart = true;
                restartWhy = why;
            }
        }
    }

    private final Input in;
    private final Map<String, Intents> intents = new LinkedHashMap<>();
    private final List<Manual> manual = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Set<Finding> fixed = new LinkedHashSet<>();
    private final List<Step> early = new ArrayList<>();
    private final List<Step> late = new ArrayList<>();
    private final Set<String> removedOld = new HashSet<>();
    private final Set<String> finishing = new HashSet<>();
    private final List<Instance> movers = new ArrayList<>();
    private final Map<String, List<Finding>> moverFindings = new LinkedHashMap<>();
    private final Map<String, Secret> newTokens = new TreeMap<>();
    private RootMigration.Plan migration;
    private Finding migrationFinding;

    private FixPlanner(Input in) {
        this.in = in;
    }

    public static FixPlan plan(Input in) {
        return new FixPlanner(in).run();
    }

    private FixPlan run() {
        List<Finding> findings = in.report().findings();
        Map<String, Finding> byId = new LinkedHashMap<>();
        findings.forEach(f -> byId.put(f.id(), f));
        resumeMigration();
        // Old jobs go first: what is found about a job that goes away needs no fix of its own.
        for (Finding f : findings) {
            if (f.causedBy() == null && REMOVALS.contains(f.rule())) {
                handle(f);
            }
        }
        for (Finding f : findings) {
            if (f.causedBy() == null && f.severity() != Severity.INFO && !REMOVALS.contains(f.rule())) {
                if (goesAway(f)) {
                    fixed.add(f);
                } else {
                    handle(f);
                }
            }
        }
        movePorts();
        for (Finding f : findings) {
            if (f.causedBy() == null || f.severity() == Severity.INFO) {
                continue;
            }
            Finding root = byId.get(f.causedBy());
            if (root != null && fixed.contains(root)) {
                fixed.add(f);
                for (Instance i : instances(f)) {
                    if (status(i) != JobStatus.STOPPED && !i.kind().equals(JobKind.LEGACY) && !removedOld.contains(i.plistPath())) {
                        intents(i).restart("it follows from " + root.rule());
                    }
                }
            } else if (!skipped(f)) {
                manual.add(new Manual(f, "it follows from " + (root == null ? "another finding" : root.rule() + " [" + root.id() + "]")
                        + ", which fleet fix does not change", ""));
            }
        }
        resumePending();
        holdBackBrokenStarts();
        List<Step> steps = new ArrayList<>();
        if (migration != null) {
            steps.add(new Step(List.of(migrationFinding), "migrate the container root's own state into " + migration.target()
                    + " as instance " + migration.name(), List.of(new Action.Migrate(migration))));
        }
        steps.addAll(early);
        List<Step> perInstance = new ArrayList<>();
        List<Action> starts = new ArrayList<>();
        for (Intents i : intents.values()) {
            materialize(i).ifPresent(perInstance::add);
        }
        perInstance.sort(Comparator.comparingInt(s -> rootOrder(s.fixes())));
        steps.addAll(perInstance);
        steps.addAll(late);
        for (Intents i : intents.values()) {
            start(i, perInstance).ifPresent(starts::add);
        }
        if (migration != null) {
            starts.add(new Action.Start(migration.name(), migration.label(), migration.newPlist(), migration.port(),
                    List.of("enable " + in.domain() + "/" + migration.label(), "bootstrap " + in.domain() + " " + migration.newPlist()),
                    "the migrated instance"));
        }
        if (!starts.isEmpty()) {
            steps.add(new Step(List.of(), "start or restart what changed, one at a time, waiting for each as `fleet start` does", starts));
        }
        return new FixPlanWithTokens(steps, manual, in.backupDir(), notes, in.resumed(), newTokens).plan();
    }

    /**
     * An instance that is not loaded and still has an error fix cannot change (a shared state dir, a
     * broken config) is not started: it would only crash-loop, or fight the instance it clashes with.
     */
    private void holdBackBrokenStarts() {
        Map<String, Finding> blockers = new LinkedHashMap<>();
        for (Manual m : manual) {
            if (m.finding().severity() == Severity.ERROR) {
                instances(m.finding()).forEach(i -> blockers.putIfAbsent(i.plistPath(), m.finding()));
            }
        }
        for (Intents it : intents.values()) {
            Finding blocker = blockers.get(it.instance.plistPath());
            if (!it.restart || blocker == null || status(it.instance) != JobStatus.NOT_LOADED) {
                continue;
            }
            it.restart = false;
            for (Finding f : List.copyOf(it.fixes)) {
                if (f.rule().equals("not-loaded")) {
                    it.fixes.remove(f);
                    fixed.remove(f);
                    manual.add(new Manual(f, "fleet fix does not start an instance that still has an error it cannot fix (" + blocker.rule()
                            + ")", "fix that first, then `fleet start " + it.instance.name() + "`"));
                }
            }
        }
    }

    /** The plan and the tokens it gives out (by instance name), kept apart from anything printed. */
    record FixPlanWithTokens(List<Step> steps, List<Manual> manual, Path backupDir, List<String> notes, FixJournal.Entry resumed,
                             Map<String, Secret> tokens) {
        FixPlan plan() {
            return new FixPlan(steps, manual, backupDir, notes, resumed, tokens);
        }
    }

    // ---- findings ------------------------------------------------------------------------------------------------

    /** A finding only about jobs this plan removes (an old job, the root's gateway that is migrated): it goes with them. */
    private boolean goesAway(Finding f) {
        List<Instance> about = instances(f);
        return !about.isEmpty() && about.stream().allMatch(i -> removedOld.contains(i.plistPath()));
    }

    private boolean skipped(Finding f) {
        if (!in.names().isEmpty() && f.instances().stream().noneMatch(in.names()::contains)) {
            return true;
        }
        return false;
    }

    private void handle(Finding f) {
        if (skipped(f) || fixed.contains(f)) {
            return;
        }
        List<Instance> about = instances(f);
        Optional<Instance> stopped = about.stream().filter(i -> status(i) == JobStatus.STOPPED).findFirst();
        if (stopped.isPresent() && !f.rule().equals("legacy-service")) {
            manual.add(new Manual(f, stopped.get().name() + " is stopped on purpose, and fleet fix leaves stopped instances alone",
                    "`fleet start " + stopped.get().name() + "`, then `fleet fix` again (or fix it by hand: " + f.fix().replace(" (or `fleet fix`)", "")
                            + ")"));
            return;
        }
        try {
            switch (f.rule()) {
                case "plist-permissions" -> plistPermissions(f, one(f, about));
                case "state-permissions" -> statePermissions(f, one(f, about));
                case "root-permissions" -> rootPermissions(f);
                case "run-at-load", "keep-alive", "program-arguments", "state-dir-env", "log-path", "unexpanded-path",
                     "program-not-absolute" -> contract(f, one(f, about));
                case "inline-secret" -> inlineSecret(f, one(f, about));
                case "token-missing" -> tokenMissing(f, one(f, about));
                case "duplicate-token" -> duplicateToken(f, about);
                case "gateway-mode" -> gatewayMode(f, one(f, about));
                case "config-missing" -> configMissing(f, one(f, about));
                case "port-mismatch" -> portMismatch(f, one(f, about));
                case "duplicate-port", "derived-port-collision", "port-spacing" -> portClash(f, about);
                case "mixed-root-state" -> mixedRoot(f, about);
                case "legacy-service" -> legacyService(f, about);
                case "stale-lock" -> staleLock(f, one(f, about));
                case "unmanaged-gateway" -> unmanaged(f, one(f, about));
                case "not-loaded", "not-running" -> startIt(f, one(f, about));
                case "disabled" -> enable(f, one(f, about));
                case "provisioning-incomplete" -> provisioning(f, about);
                // The journal's restarts and migration are planned by resumePending and resumeMigration.
                case "fix-unfinished" -> fixed.add(f);
                default -> manual.add(Recipes.manual(f, context()));
            }
        } catch (Unfixable u) {
            manual.add(new Manual(f, u.getMessage(), u.recipe == null ? Recipes.manual(f, context()).recipe() : u.recipe));
        }
    }

    Recipes.Context context() {
        return new Recipes.Context(in.fleet(), in.report(), in.layout(), in.agentsDir(), in.domain(), in.basePort(), in.listening());
    }

    private static Instance one(Finding f, List<Instance> about) {
        if (about.size() != 1) {
            throw new Unfixable(about.isEmpty() ? "fleet cannot tell which plist it is about"
                    : "several plists are named " + f.instances().get(0) + " (see duplicate-label)", null);
        }
        return about.get(0);
    }

    /** The instances a finding names; for a name several plists share, the one whose plist (or state) it points at. */
    List<Instance> instances(Finding f) {
        List<Instance> out = new ArrayList<>();
        for (String name : f.instances()) {
            List<Instance> named = in.fleet().instances().stream().filter(i -> i.name().equals(name)).toList();
            if (named.size() == 1) {
                out.add(named.get(0));
            } else if (named.size() > 1) {
                named.stream().filter(i -> i.plistPath().equals(f.path())).findFirst().ifPresentOrElse(out::add, () -> out.addAll(named));
            }
        }
        return out;
    }

    private JobStatus status(Instance i) {
        return in.report().liveOf(i).map(LiveStatus::status).orElse(null);
    }

    private Intents intents(Instance i) {
        return intents.computeIfAbsent(i.plistPath(), k -> new Intents(i));
    }

    private InstanceState state(Instance i) {
        return in.fleet().host().instances().stream().filter(s -> s.instance().plistPath().equals(i.plistPath())).findFirst()
                .orElseThrow(() -> new Unfixable("fleet has no state for " + i.name(), null));
    }

    private void requireNotLegacy(Instance i) {
        if (i.kind() == JobKind.LEGACY) {
            throw new Unfixable(i.displayLabel() + " is a job from before the rename: fleet fix removes such jobs only when they clash"
                    + " with an instance (legacy-service)", "move " + i.plistPath() + " to the trash if you no longer use it: launchctl bootout "
                    + in.domain() + "/" + i.displayLabel() + "; mv " + i.plistPath() + " ~/.Trash/");
        }
    }

    private void plistPermissions(Finding f, Instance i) {
        if (i.facts() == null || !i.facts().ownedByCurrentUser()) {
            throw new Unfixable("it belongs to " + (i.facts() == null ? "someone else" : i.facts().owner()) + ", and only its owner or root"
                    + " can change it", "sudo chown \"$USER\" " + i.plistPath() + " && chmod 644 " + i.plistPath());
        }
        refuseLink(i.plist());
        intents(i).chmods.add(new Action.Chmod(i.plist(), i.facts().mode(), 0644, false));
        intents(i).fixes(f);
        fixed.add(f);
        if (status(i) == JobStatus.NOT_LOADED) {
            intents(i).restart("launchd can load it now");
        }
    }

    private void statePermissions(Finding f, Instance i) {
        InstanceState s = state(i);
        Path path = Path.of(f.path());
        refuseLink(path);
        requireReach(i, path);
        Intents it = intents(i);
        if (s.stateDir() != null && path.equals(s.stateDir().path())) {
            it.chmods.add(new Action.Chmod(path, s.stateDir().mode(), 0700, true));
        } else if (s.config() instanceof ConfigState.Loaded loaded && path.equals(loaded.path())) {
            if (!loaded.facts().ownedByCurrentUser()) {
                throw new Unfixable("it belongs to " + loaded.facts().owner(), "sudo chown \"$USER\" " + path + " && chmod 600 " + path);
            }
            it.chmods.add(new Action.Chmod(path, loaded.facts().mode(), 0600, false));
        } else {
            throw new Unfixable("fleet cannot tell which file it is about", null);
        }
        it.fixes(f);
        fixed.add(f);
    }

    private void rootPermissions(Finding f) {
        Path root = in.layout().root();
        refuseLink(root);
        int mode = dev.openclawfleet.system.SafeFiles.directoryMode(root);
        if (mode < 0) {
            throw new Unfixable("the container root cannot be read", null);
        }
        early.add(new Step(List.of(f), "the container root " + root, List.of(new Action.Chmod(root, mode, 0700, true))));
        fixed.add(f);
    }

    private void contract(Finding f, Instance i) {
        requireNotLegacy(i);
        Intents it = intents(i);
        if (i.kind() == JobKind.FLEET) {
            if (!it.regenerate) {
                regenerationProblem(i).ifPresent(why -> {
                    throw new Unfixable(why, null);
                });
            }
            it.regenerate = true;
            it.fixes(f);
            fixed.add(f);
            it.restart("its plist changed");
            return;
        }
        // OpenClaw's own jobs: only the key the finding is about changes.
        switch (f.rule()) {
            case "run-at-load" -> it.setKeys.put("RunAtLoad", Boolean.TRUE);
            case "keep-alive" -> {
                if (f.severity() != Severity.ERROR) {
                    throw new Unfixable("a KeepAlive dictionary may be deliberate (conditions of your own)",
                            "replace KeepAlive's dictionary in " + i.plistPath() + " with <true/> if the gateway should always run");
                }
                it.setKeys.put("KeepAlive", Boolean.TRUE);
            }
            case "program-not-absolute" -> absoluteArguments(f, i, it);
            case "unexpanded-path" -> {
                if (in.home() == null) {
                    throw new Unfixable("HOME is not set, so fleet cannot write ~ out", null);
                }
                if (!onlyHomeReferences(i)) {
                    throw new Unfixable("it uses a $VARIABLE other than HOME, whose value under launchd fleet cannot know", null);
                }
                it.expandHome = true;
            }
            default -> throw new Unfixable("this is the fleet contract, which OpenClaw's own jobs do not follow", null);
        }
        it.fixes(f);
        fixed.add(f);
        it.restart("its plist changed");
    }

    private void absoluteArguments(Finding f, Instance i, Intents it) {
        List<String> args = i.job().programArguments().orElse(List.of());
        GatewayCommand c = i.command();
        boolean any = false;
        for (int k = 0; k < args.size(); k++) {
            String arg = args.get(k);
            if (arg.startsWith("/") || arg.startsWith("~") || arg.startsWith("$") || arg.startsWith("-")) {
                continue;
            }
            String absolute = null;
            if (k == 0 || arg.equals(c.node())) {
                absolute = Executables.find(arg, in.pathEnv()).map(Path::toString).orElse(null);
            } else if (arg.equals(c.entry())) {
                Optional<String> cwd = i.job().workingDirectory().filter(w -> w.startsWith("/"));
                Path resolved = cwd.map(w -> Path.of(w).resolve(arg).normalize()).orElse(null);
                absolute = resolved != null && Files.isRegularFile(resolved) ? resolved.toString() : null;
            } else {
                continue;
            }
            if (absolute == null) {
                throw new Unfixable("'" + arg + "' cannot be found " + (k == 0 || arg.equals(c.node()) ? "on your PATH" : "from the job's"
                        + " WorkingDirectory"), "write the absolute path of " + arg + " into ProgramArguments[" + k + "] of " + i.plistPath()
                        + " (`command -v " + arg + "` shows it)");
            }
            it.arguments.put(k, absolute);
            any = true;
        }
        if (!any) {
            throw new Unfixable("fleet cannot tell which argument is meant", null);
        }
    }

    private boolean onlyHomeReferences(Instance i) {
        List<String> values = new ArrayList<>();
        i.job().keys().values().forEach(v -> collectStrings(v, values));
        return values.stream().filter(v -> v.contains("$") || v.startsWith("~")).allMatch(v -> !PlistDraft.expand(v, in.home()).equals(v)
                && !PlistDraft.expand(v, in.home()).contains("$"));
    }

    private static void collectStrings(Object v, List<String> out) {
        if (v instanceof String s) {
            out.add(s);
        } else if (v instanceof List<?> l) {
            l.forEach(x -> collectStrings(x, out));
        } else if (v instanceof Map<?, ?> m) {
            m.values().forEach(x -> collectStrings(x, out));
        }
    }

    /** Why a fleet instance's plist cannot be written again from the contract, or empty when it can. */
    Optional<String> regenerationProblem(Instance i) {
        String label = i.label();
        if (label == null || !label.startsWith(FleetLayout.LABEL_PREFIX) || !InstanceName.isValid(label.substring(FleetLayout.LABEL_PREFIX.length()))) {
            return Optional.of("its Label is not ai.openclaw.<name> with a valid name, so fleet cannot tell which instance it is");
        }
        if (Files.isSymbolicLink(i.plist()) || (i.facts() != null && !i.facts().ownedByCurrentUser())) {
            return Optional.of(i.plistPath() + " is a symbolic link or someone else's: fleet does not write it");
        }
        String name = label.substring(FleetLayout.LABEL_PREFIX.length());
        Path contractDir = in.layout().stateDir(name);
        Path current = i.stateDir() == null ? null : i.stateDir().toAbsolutePath().normalize();
        boolean currentExists = current != null && Files.exists(current, LinkOption.NOFOLLOW_LINKS);
        if (!contractDir.equals(current) && (currentExists || !Files.isDirectory(contractDir, LinkOption.NOFOLLOW_LINKS))) {
            return Optional.of("its state dir is " + (current == null ? "not set" : current) + ", not " + contractDir
                    + (currentExists ? ", and fleet does not move an instance's state on its own" : ", which does not exist"));
        }
        if (runtime(i).isEmpty()) {
            return Optional.of("fleet cannot find node and OpenClaw's entry script for it (not in its plist, not in another fleet"
                    + " instance, not on your PATH)");
        }
        if (port(i) == null) {
            return Optional.of("its --port is missing or unusable and its config names no port either");
        }
        return Optional.empty();
    }

    /** node and the entry script for a regenerated plist: its own when they exist, else a peer's or PATH's. */
    Optional<Runtime> runtime(Instance i) {
        GatewayCommand c = i.command();
        String node = c.node() == null ? null : PlistDraft.expand(c.node(), in.home());
        String entry = c.entry() == null ? null : PlistDraft.expand(c.entry(), in.home());
        Path nodePath = null;
        Path entryPath = null;
        if (node != null && node.startsWith("/") && Files.isExecutable(Path.of(node))) {
            nodePath = Path.of(node);
        } else if (node != null && !node.contains("/") && !node.contains("$")) {
            nodePath = Executables.find(node, in.pathEnv()).orElse(null);
        }
        if (entry != null && entry.startsWith("/") && Files.isRegularFile(Path.of(entry))) {
            entryPath = Path.of(entry);
        } else if (entry != null && !entry.startsWith("/") && !entry.contains("$")) {
            Path resolved = i.job().workingDirectory().filter(w -> w.startsWith("/")).map(w -> Path.of(w).resolve(entry).normalize()).orElse(null);
            entryPath = resolved != null && Files.isRegularFile(resolved) ? resolved : null;
        }
        if (nodePath != null && entryPath != null) {
            return Optional.of(new Runtime(nodePath, entryPath));
        }
        try {
            return Optional.of(Runtime.forFleet(nodePath == null ? null : nodePath.toString(), entryPath == null ? null : entryPath.toString(),
                    in.fleet().instances().stream().filter(x -> x != i).toList(), in.pathEnv(), in.cwd()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The port a regenerated plist keeps: its own --port, else the config's. */
    private Integer port(Instance i) {
        if (i.port() != null && GatewayPorts.isUsableBase(i.port())) {
            return i.port();
        }
        InstanceState s = state(i);
        if (s.config() instanceof ConfigState.Loaded loaded && loaded.config().port() != null && GatewayPorts.isUsableBase(loaded.config().port())) {
            return loaded.config().port();
        }
        return null;
    }

    private void inlineSecret(Finding f, Instance i) {
        requireNotLegacy(i);
        InstanceState s = state(i);
        if (!(s.config() instanceof ConfigState.Loaded loaded)) {
            throw new Unfixable("its config " + (s.config() == null ? "is unknown" : s.config().path() + " cannot be read")
                    + ", so the secret has nowhere safe to go", null);
        }
        refuseLink(loaded.path());
        requireReach(i, loaded.path());
        if (i.kind() == JobKind.FLEET && regenerationProblem(i).isPresent()) {
            throw new Unfixable(regenerationProblem(i).get(), null);
        }
        Intents it = intents(i);
        boolean placeholder = loaded.config().token() != null && loaded.config().token().reveal().contains("${");
        boolean worldReadable = i.facts() != null && i.facts().worldReadable();
        for (Map.Entry<String, String> e : i.job().environment().entrySet()) {
            if (!SecretNames.isSecret(e.getKey()) || e.getValue().isBlank() || !worldReadable) {
                continue;
            }
            it.dropEnv.add(e.getKey());
            if (e.getKey().equals(TOKEN) && !placeholder) {
                it.movedToken = Secret.of(e.getValue());
                it.movedTokenFrom = "the plist's " + TOKEN;
            } else {
                it.envVars.put(e.getKey(), Secret.of(e.getValue()));
            }
        }
        List<String> args = i.job().programArguments().orElse(List.of());
        for (int k = 0; k < args.size(); k++) {
            String arg = args.get(k);
            String flag = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            boolean inline = arg.contains("=");
            String value = inline ? arg.substring(arg.indexOf('=') + 1) : k + 1 < args.size() ? args.get(k + 1) : null;
            if (!flag.startsWith("--") || !SecretNames.isSecret(flag.substring(2).replace('-', '_')) || value == null || value.isBlank()) {
                if (arg.matches("[A-Za-z_][A-Za-z0-9_]*=.+") && SecretNames.isSecret(flag)) {
                    it.dropArgs.add(new int[]{k, 1});
                    it.envVars.put(flag, Secret.of(value));
                }
                continue;
            }
            switch (flag) {
                case "--token" -> {
                    it.movedToken = Secret.of(value);
                    it.movedTokenFrom = "the --token argument";
                }
                case "--password" -> it.configPassword.put("gateway.auth.password", value);
                default -> throw new Unfixable("fleet does not know where OpenClaw reads " + flag + " from in its config",
                        "remove " + flag + " and its value from ProgramArguments of " + i.plistPath() + " and set it in " + loaded.path());
            }
            it.dropArgs.add(new int[]{k, inline ? 1 : 2});
            k += inline ? 0 : 1;
        }
        it.fixes(f);
        fixed.add(f);
        it.restart("its secret moved into its config");
    }

    private void tokenMissing(Finding f, Instance i) {
        requireNotLegacy(i);
        configLoaded(i);
        Intents it = intents(i);
        it.newToken = true;
        it.fixes(f);
        fixed.add(f);
        it.restart("its config changed");
    }

    private ConfigState.Loaded configLoaded(Instance i) {
        InstanceState s = state(i);
        if (!(s.config() instanceof ConfigState.Loaded loaded)) {
            throw new Unfixable("its config " + (s.config() == null ? "is unknown" : s.config().path() + " cannot be read"), null);
        }
        refuseLink(loaded.path());
        requireReach(i, loaded.path());
        return loaded;
    }

    private void duplicateToken(Finding f, List<Instance> group) {
        if (group.size() < 2) {
            throw new Unfixable("fleet cannot tell which instances share it", null);
        }
        Instance keep = PlistAge.oldest(group);
        List<Instance> others = group.stream().filter(i -> i != keep).sorted(Comparator.comparing(Instance::plistPath)).toList();
        for (Instance i : others) {
            requireNotLegacy(i);
            if (status(i) == JobStatus.STOPPED) {
                throw new Unfixable(i.name() + " is stopped on purpose, and fleet fix leaves stopped instances alone", null);
            }
            tokenSource(i);
        }
        for (Instance i : others) {
            Intents it = intents(i);
            it.newToken = true;
            if (i.job().environment().containsKey(TOKEN)) {
                it.dropEnv.add(TOKEN); // the plist's variable wins over the config: it goes
            }
            it.fixes(f);
            it.restart("it has a new token");
        }
        fixed.add(f);
    }

    /** Refuses a token fleet cannot replace in the config alone (a service env file, a .env, a ${VAR}). */
    private void tokenSource(Instance i) {
        InstanceState s = state(i);
        String fromEnv = s.environment().get(TOKEN);
        if (fromEnv != null && !i.job().environment().containsKey(TOKEN)) {
            throw new Unfixable(i.name() + "'s token comes from " + TOKEN + " in "
                    + (s.serviceEnv() != null && s.serviceEnv().variables().containsKey(TOKEN) ? s.serviceEnv().path()
                    : s.environment().files().isEmpty() ? "its environment" : s.environment().files().get(0)),
                    "give " + TOKEN + " a new value there (`openssl rand -hex 32`), then `fleet restart " + i.name() + "`");
        }
        ConfigState.Loaded loaded = configLoaded(i);
        if (fromEnv == null && loaded.config().token() != null && loaded.config().token().reveal().contains("${")) {
            throw new Unfixable(i.name() + "'s config reads its token from a variable", "give that variable a new value, then `fleet restart "
                    + i.name() + "`");
        }
    }

    private void gatewayMode(Finding f, Instance i) {
        requireNotLegacy(i);
        configLoaded(i);
        Intents it = intents(i);
        it.modeLocal = true;
        it.fixes(f);
        fixed.add(f);
        it.restart("its config changed");
    }

    private void configMissing(Finding f, Instance i) {
        if (i.kind() != JobKind.FLEET || i.stateDir() == null || !Files.isDirectory(i.stateDir(), LinkOption.NOFOLLOW_LINKS)
                || port(i) == null || !i.configPath().equals(i.stateDir().resolve(FleetLayout.CONFIG_FILE))) {
            throw new Unfixable("fleet writes a new config only for a fleet instance whose state dir exists", null);
        }
        requireReach(i, i.configPath());
        Intents it = intents(i);
        it.createConfig = true;
        it.fixes(f);
        fixed.add(f);
        it.restart("it has a config now");
    }

    private void portMismatch(Finding f, Instance i) {
        requireNotLegacy(i);
        if (i.port() == null || !GatewayPorts.isUsableBase(i.port())) {
            throw new Unfixable("its --port is missing or unusable, so there is no port that wins", null);
        }
        InstanceState s = state(i);
        Intents it = intents(i);
        String envPort = i.job().environment().get("OPENCLAW_GATEWAY_PORT");
        if (envPort != null && !envPort.strip().equals(i.port().toString())) {
            refuseWritablePlist(i);
            it.plistPort = true;
        }
        if (s.serviceEnv() != null && s.serviceEnv().variables().containsKey("OPENCLAW_GATEWAY_PORT")
                && !s.serviceEnv().variables().get("OPENCLAW_GATEWAY_PORT").strip().equals(i.port().toString())) {
            refuseLink(s.serviceEnv().path());
            requireReach(i, s.serviceEnv().path());
            it.envFilePort = true;
        }
        if (s.config() instanceof ConfigState.Loaded loaded && !Objects.equals(loaded.config().port(), i.port())
                && (loaded.config().port() != null || loaded.config().portText() != null)) {
            refuseLink(loaded.path());
            requireReach(i, loaded.path());
            it.configPort = true;
        }
        if (!it.plistPort && !it.envFilePort && !it.configPort) {
            throw new Unfixable("the other port comes from a place fleet does not write (a .env file)", null);
        }
        it.fixes(f);
        fixed.add(f);
        it.restart("its ports changed");
    }

    private void refuseWritablePlist(Instance i) {
        try {
            PlistDraft.requireWritable(i);
        } catch (RuntimeException e) {
            throw new Unfixable(e.getMessage(), null);
        }
    }

    private void portClash(Finding f, List<Instance> group) {
        List<Instance> members = group.stream().filter(i -> i.kind() != JobKind.LEGACY).toList();
        if (members.size() < 2) {
            throw new Unfixable("fleet cannot tell which instances clash", null);
        }
        Instance keep = PlistAge.oldest(members);
        for (Instance i : members) {
            if (i == keep || movers.contains(i)) {
                continue;
            }
            if (status(i) == JobStatus.STOPPED) {
                throw new Unfixable(i.name() + " is stopped on purpose, and fleet fix leaves stopped instances alone",
                        "before `fleet start " + i.name() + "`, move it: `fleet set-port " + i.name() + " --auto`");
            }
            if (!in.names().isEmpty() && !in.names().contains(i.name())) {
                throw new Unfixable("the instance to move is " + i.name() + ", which you did not name", "`fleet fix " + i.name() + "`");
            }
            refuseWritablePlist(i);
            if (i.port() == null) {
                throw new Unfixable(i.name() + " has no usable --port", null);
            }
            movers.add(i);
        }
        for (Instance i : members) {
            if (movers.contains(i)) {
                moverFindings.computeIfAbsent(i.plistPath(), k -> new ArrayList<>()).add(f);
            }
        }
        fixed.add(f);
    }

    /** Gives every instance that must move a free base port 20 or more from all others, planned and existing. */
    private void movePorts() {
        List<Instance> placed = new ArrayList<>(in.fleet().instances().stream().filter(i -> !movers.contains(i)).toList());
        for (Instance i : movers.stream().sorted(PlistAge.OLDEST_FIRST).toList()) {
            Set<Integer> own = Set.of(i.port(), i.port() + GatewayPorts.BROWSER_CONTROL_OFFSET, i.port() + GatewayPorts.DEFAULT_CDP_OFFSET);
            IntPredicate busy = p -> !own.contains(p) && in.listening().test(p);
            OptionalInt port = PortAllocator.allocate(in.basePort(), placed, busy);
            if (port.isEmpty()) {
                moverFindings.get(i.plistPath()).forEach(f -> {
                    fixed.remove(f);
                    manual.add(new Manual(f, "no free base port from " + in.basePort() + " up, in steps of 20", "`fleet set-port " + i.name()
                            + " P` with a free port P"));
                });
                continue;
            }
            Intents it = intents(i);
            it.newPort = port.getAsInt();
            moverFindings.get(i.plistPath()).forEach(it::fixes);
            it.restart("it moved to port " + it.newPort);
            placed.add(withPort(i, it.newPort));
        }
    }

    static Instance withPort(Instance i, int port) {
        return new Instance(i.name(), i.label(), i.plist(), i.facts(), i.job(), i.kind(), i.command(), i.environment(), port, i.stateDir(),
                i.stateDirSource(), i.configPath());
    }

    private void mixedRoot(Finding f, List<Instance> onRoot) {
        if (migration != null) {
            fixed.add(f);
            migrationFinding = f;
            return;
        }
        migration = MigrationPlanner.plan(in, onRoot, false, this);
        migrationFinding = f;
        fixed.add(f);
        for (Instance i : onRoot) {
            removedOld.add(i.plistPath());
        }
    }

    private void resumeMigration() {
        FixJournal.Entry resumed = in.resumed();
        if (resumed == null || resumed.migration() == null || "done".equals(resumed.migration().phase())) {
            return;
        }
        List<Instance> onRoot = in.fleet().instances().stream().filter(i -> resumed.migration().oldPlist() != null
                && i.plistPath().equals(resumed.migration().oldPlist())).toList();
        try {
            migration = MigrationPlanner.plan(in, onRoot, true, this);
            onRoot.forEach(i -> removedOld.add(i.plistPath()));
            Finding root = in.report().findings().stream().filter(f -> f.rule().equals("mixed-root-state")).findFirst().orElse(null);
            migrationFinding = root != null ? root : new Finding("mixed-root-state", Severity.ERROR, List.of(), in.layout().root().toString(),
                    "an earlier `fleet fix` did not finish moving the container root's state into " + migration.target(), "");
            if (root != null) {
                fixed.add(root);
            }
        } catch (Unfixable u) {
            notes.add("the migration an earlier `fleet fix` started cannot go on: " + u.getMessage());
        }
    }

    private void legacyService(Finding f, List<Instance> about) {
        Instance old = about.stream().filter(i -> i.kind() == JobKind.LEGACY || MigrationPlanner.DEFAULT_GATEWAY.equals(i.label()))
                .findFirst().orElseThrow(() -> new Unfixable("fleet cannot tell which job is the old one", null));
        if (removedOld.contains(old.plistPath())) {
            fixed.add(f);
            return;
        }
        if (!in.launchd()) {
            throw new Unfixable("launchctl is not on PATH, so the old job cannot be booted out", null);
        }
        List<Action> actions = new ArrayList<>();
        Integer pid = in.report().liveOf(old).map(LiveStatus::pid).orElse(null);
        String target = in.domain() + "/" + old.displayLabel();
        actions.add(new Action.Launchctl(List.of("bootout", target), pid == null ? null : old.displayLabel() + " (pid " + pid + ")"));
        actions.add(new Action.Launchctl(List.of("disable", target), null));
        actions.add(new Action.Trash(old.plist(), "the old job's plist"));
        early.add(new Step(List.of(f), "remove the old job " + old.displayLabel() + " (" + old.plistPath() + ")", actions));
        removedOld.add(old.plistPath());
        fixed.add(f);
        for (Instance member : about) {
            if (member != old && status(member) != JobStatus.RUNNING && status(member) != JobStatus.STOPPED) {
                intents(member).restart("the old job no longer fights it");
            }
        }
    }

    private void staleLock(Finding f, Instance i) {
        String lock = f.evidence("lock");
        if (f.severity() == Severity.ERROR || lock == null) {
            throw new Unfixable("its pid now belongs to another process, so fleet does not remove it while that runs", null);
        }
        requireReach(i, Path.of(lock));
        Intents it = intents(i);
        it.trash.add(new Action.Trash(Path.of(lock), "a lock whose pid " + f.evidence("pid") + " is gone; checked again just before"));
        it.fixes(f);
        fixed.add(f);
        if (status(i) != JobStatus.RUNNING) {
            it.restart("its stale lock is gone");
        }
    }

    private void unmanaged(Finding f, Instance i) {
        String pid = f.evidence("pid");
        if (pid == null || !in.launchd()) {
            throw new Unfixable(pid == null ? "fleet does not know its pid" : "launchctl is not on PATH", null);
        }
        early.add(new Step(List.of(f), "stop the gateway outside launchd that serves " + i.name(),
                List.of(new Action.StopProcess(Long.parseLong(pid), f.evidence("command"), 20))));
        fixed.add(f);
        intents(i).restart("the stray gateway is gone");
    }

    private void startIt(Finding f, Instance i) {
        requireNotLegacy(i);
        if (!in.launchd()) {
            throw new Unfixable("launchctl is not on PATH", null);
        }
        Intents it = intents(i);
        it.fixes(f);
        fixed.add(f);
        it.restart(f.rule().equals("not-loaded") ? "launchd had not loaded it" : "it was not running");
    }

    private void enable(Finding f, Instance i) {
        if (!in.launchd() || i.label() == null) {
            throw new Unfixable("launchctl is not on PATH", null);
        }
        late.add(new Step(List.of(f), i.name() + ": enable its label so it loads at the next login too",
                List.of(new Action.Launchctl(List.of("enable", in.domain() + "/" + i.label()), null))));
        fixed.add(f);
    }

    private void provisioning(Finding f, List<Instance> about) {
        Path path = Path.of(f.path());
        String file = path.getFileName().toString();
        if (file.startsWith(FleetLayout.STAGING_PREFIX)) {
            early.add(new Step(List.of(f), "clear away a staging dir nothing uses", List.of(new Action.Trash(path,
                    "left by an interrupted add-instance or restore; `fleet add-instance` or `fleet restore` makes what it was for"))));
            fixed.add(f);
            return;
        }
        if (!in.launchd()) {
            throw new Unfixable("launchctl is not on PATH, so the instance cannot be started", null);
        }
        Instance owner = about.size() == 1 ? about.get(0) : null;
        String name = owner != null ? owner.name() : nameOfStateDir(f.message());
        if (name == null || !InstanceName.isValid(name)) {
            throw new Unfixable("fleet cannot tell the instance's name", null);
        }
        String node = owner == null ? null : owner.command().node();
        String entry = owner == null ? null : owner.command().entry();
        late.add(new Step(List.of(f), "finish adding " + name, List.of(new Action.FinishAdd(name, node, entry,
                owner != null && owner.port() != null ? owner.port() : 0))));
        finishing.add(name);
        fixed.add(f);
    }

    private String nameOfStateDir(String message) {
        for (Path dir : in.fleet().host().root() == null ? List.<Path>of() : in.fleet().host().root().unfinishedDirs()) {
            if (message.contains(dir.toString())) {
                return dir.getFileName().toString().substring(FleetLayout.STATE_DIR_PREFIX.length());
            }
        }
        return null;
    }

    /**
     * Fix changes files only where fleet may act (docs/safety.md): inside the container root (not its
     * trash), in OpenClaw's own {@code $HOME/.openclaw-<profile>} of a profile job, and the plists of
     * the LaunchAgents folder. A state dir, config or lock a plist names anywhere else is the user's.
     */
    private void requireReach(Instance i, Path path) {
        Path p = path.toAbsolutePath().normalize();
        Path root = in.layout().root();
        boolean inRoot = p.startsWith(root) && !p.equals(root) && !p.startsWith(in.layout().trash());
        Path home = in.home() == null ? null : Path.of(in.home());
        boolean profile = i != null && i.kind() != JobKind.FLEET && home != null && i.stateDir() != null
                && dev.openclawfleet.provision.Containment.of(i.stateDir(), in.layout(), home, i.name())
                == dev.openclawfleet.provision.Containment.Place.OPENCLAW_PROFILE && p.startsWith(i.stateDir().toAbsolutePath().normalize());
        if (!inRoot && !profile) {
            throw new Unfixable(p + " is outside the container root " + root + (i == null ? "" : " and is not OpenClaw's own "
                    + (home == null ? "~" : home) + "/.openclaw-" + i.name()) + ": fleet fix changes nothing there", null);
        }
    }

    private static void refuseLink(Path path) {
        if (Files.isSymbolicLink(path)) {
            throw new Unfixable(path + " is a symbolic link: fleet never changes anything through a link", null);
        }
    }

    // ---- steps ---------------------------------------------------------------------------------------------------

    /** The drafts of one instance's files made from its intents, as one step. */
    private Optional<Step> materialize(Intents it) {
        Instance i = it.instance;
        List<Action> actions = new ArrayList<>(it.chmods);
        actions.addAll(it.trash);
        int port = it.newPort != null ? it.newPort : i.port() == null ? 0 : i.port();
        String said = it.newPort != null ? "port " + i.port() + " -> " + it.newPort : null;
        if (it.regenerate || it.newPort != null || it.plistPort || !it.dropEnv.isEmpty() || !it.dropArgs.isEmpty() || !it.setKeys.isEmpty()
                || !it.arguments.isEmpty() || it.expandHome) {
            PlistDraft draft = PlistDraft.of(i);
            if (it.regenerate) {
                Runtime runtime = runtime(i).orElseThrow();
                int keep = it.newPort != null ? it.newPort : port(i);
                draft.regenerate(new ContractPlist.Spec(in.layout(), i.name(), keep, runtime.node(), runtime.entry()), it.dropEnv, in.home(),
                        "written again from the fleet contract (node " + runtime.node() + ", entry " + runtime.entry() + ", port " + keep
                                + "), keeping the keys you added" + (it.dropEnv.isEmpty() ? "" : ", without " + String.join(", ", it.dropEnv)));
            } else {
                it.setKeys.forEach((k, v) -> draft.set(k, v, k + " true"));
                it.arguments.forEach((k, v) -> draft.argument(k, v, "ProgramArguments[" + k + "] " + v));
                if (it.expandHome) {
                    expandHome(draft);
                }
                it.dropEnv.forEach(name -> draft.removeEnv(name, "EnvironmentVariables." + name + " removed (moved into the config)"));
                it.dropArgs.stream().sorted(Comparator.comparingInt((int[] a) -> a[0]).reversed())
                        .forEach(a -> draft.removeArguments(a[0], a[1], "a secret argument removed (moved into the config)"));
                if (it.newPort != null || it.plistPort) {
                    draft.port(port, said != null ? said : "OPENCLAW_GATEWAY_PORT " + port);
                }
            }
            FileChange change = draft.change();
            if (!java.util.Arrays.equals(change.before(), change.after())) {
                actions.add(new Action.Write(change));
            }
        }
        InstanceState s = in.fleet().host().instances().stream().filter(x -> x.instance() == i).findFirst().orElse(null);
        boolean configWork = it.newToken || it.movedToken != null || !it.envVars.isEmpty() || !it.configPassword.isEmpty() || it.modeLocal
                || it.configPort || it.newPort != null || it.createConfig;
        if (configWork && i.configPath() != null && (it.createConfig || (s != null && s.config() instanceof ConfigState.Loaded))) {
            ConfigEdits edits = it.createConfig ? ConfigEdits.of(i.configPath(), null) : ConfigEdits.of(i.configPath());
            JsonNodeFactory json = JsonNodeFactory.instance;
            if (it.createConfig) {
                edits.set("gateway.mode", json.textNode("local"), "a new config: gateway.mode \"local\"")
                        .set("gateway.port", json.numberNode(port), "gateway.port " + port)
                        .set("gateway.bind", json.textNode("loopback"), "gateway.bind \"loopback\"")
                        .set("gateway.auth.mode", json.textNode("token"), "gateway.auth.mode \"token\"")
                        .set("agents.defaults.workspace", json.textNode(i.stateDir().resolve("workspace").toString()), "agents.defaults.workspace");
                it.newToken = true;
            }
            if (it.modeLocal) {
                edits.set("gateway.mode", json.textNode("local"), "gateway.mode \"local\"");
            }
            if (it.configPort || (it.newPort != null && edits.get("gateway.port") != null)) {
                edits.set("gateway.port", json.numberNode(port), "gateway.port " + port);
            }
            if (it.newToken) {
                Secret token = in.tokens().get();
                newTokens.put(i.name(), token);
                edits.set("gateway.auth.token", json.textNode(token.reveal()), "gateway.auth.token: a new random token (never shown;"
                        + " its fingerprint is printed once it is in place)");
            } else if (it.movedToken != null) {
                edits.set("gateway.auth.token", json.textNode(it.movedToken.reveal()), "gateway.auth.token: the token from " + it.movedTokenFrom);
            }
            it.configPassword.forEach((k, v) -> edits.set(k, json.textNode(v), k + ": the value from the plist's arguments"));
            it.envVars.forEach((k, v) -> edits.set("env.vars." + k, json.textNode(v.reveal()), "env.vars." + k + ": the value from the plist"));
            FileChange change = edits.change();
            if (edits.changed()) {
                actions.add(new Action.Write(change));
            }
        }
        if ((it.envFilePort || it.newPort != null) && s != null && s.serviceEnv() != null
                && s.serviceEnv().variables().containsKey("OPENCLAW_GATEWAY_PORT")) {
            EnvFileEdit.set(s.serviceEnv().path(), "OPENCLAW_GATEWAY_PORT", Integer.toString(port)).ifPresent(c -> actions.add(new Action.Write(c)));
        }
        if (actions.isEmpty()) {
            return Optional.empty();
        }
        String rules = it.fixes.stream().map(Finding::rule).distinct().collect(Collectors.joining(", "));
        return Optional.of(new Step(it.fixes, i.name() + (rules.isEmpty() ? "" : ": " + rules), actions));
    }

    @SuppressWarnings("unchecked")
    private void expandHome(PlistDraft draft) {
        Map<String, Object> keys = new LinkedHashMap<>(draft.keys());
        keys.forEach((k, v) -> {
            Object expanded = expandDeep(v);
            if (!Objects.equals(expanded, v)) {
                draft.set(k, expanded, k + " with ~ and $HOME written out");
            }
        });
    }

    private Object expandDeep(Object v) {
        if (v instanceof String s) {
            return PlistDraft.expand(s, in.home());
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(expandDeep(x)));
            return out;
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put((String) k, expandDeep(x)));
            return out;
        }
        return v;
    }

    /** The start (or restart) an instance needs at the end, with the launchctl calls it makes. */
    private Optional<Action> start(Intents it, List<Step> perInstance) {
        Instance i = it.instance;
        if (!it.restart || finishing.contains(i.name()) || removedOld.contains(i.plistPath()) || status(i) == JobStatus.STOPPED
                || i.label() == null) {
            return Optional.empty();
        }
        if (!in.launchd()) {
            notes.add("launchctl is not on PATH: restart " + i.name() + " yourself once this Mac's launchd can (`fleet restart " + i.name() + "`)");
            return Optional.empty();
        }
        String target = in.domain() + "/" + i.label();
        boolean plistChanged = perInstance.stream().flatMap(s -> s.actions().stream())
                .anyMatch(a -> a instanceof Action.Write w && w.change().path().equals(i.plist()));
        boolean loaded = status(i) != JobStatus.NOT_LOADED;
        List<String> calls = !loaded ? List.of("enable " + target, "bootstrap " + in.domain() + " " + i.plist().toAbsolutePath())
                : plistChanged ? List.of("enable " + target, "bootout " + target, "bootstrap " + in.domain() + " " + i.plist().toAbsolutePath())
                : List.of("enable " + target, "kickstart -k " + target);
        return Optional.of(new Action.Start(i.name(), i.label(), i.plist(), it.newPort != null ? it.newPort : i.port(), calls, it.restartWhy));
    }

    private void resumePending() {
        FixJournal.Entry resumed = in.resumed();
        if (resumed == null) {
            return;
        }
        for (FixJournal.Pending p : resumed.pending()) {
            in.fleet().instances().stream().filter(i -> i.plistPath().equals(p.plist()) && status(i) != JobStatus.STOPPED).findFirst()
                    .ifPresent(i -> intents(i).restart("an earlier `fleet fix` changed it and did not restart it"));
        }
    }

    /** Where the first of a step's findings comes in the report (roots keep report order). */
    private int rootOrder(List<Finding> fixes) {
        List<Finding> all = in.report().findings();
        return fixes.stream().mapToInt(all::indexOf).filter(x -> x >= 0).min().orElse(Integer.MAX_VALUE);
    }

    /** Where a backup of {@code path} goes, for the printed plan. */
    static Path backupOf(Path backupDir, Path path) {
        return BackupDir.where(backupDir, path);
    }
}
