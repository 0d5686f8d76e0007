package dev.openclawfleet.app;

import dev.openclawfleet.audit.Checker;
import dev.openclawfleet.audit.PlistClassifier;
import dev.openclawfleet.model.DirListing;
import dev.openclawfleet.model.FleetLayout;
import dev.openclawfleet.model.HostAnswer;
import dev.openclawfleet.model.HostQuery;
import dev.openclawfleet.model.HostReader;
import dev.openclawfleet.model.HostSnapshot;
import dev.openclawfleet.model.HostState;
import dev.openclawfleet.model.Instance;
import dev.openclawfleet.model.JobKind;
import dev.openclawfleet.model.KeyLocator;
import dev.openclawfleet.model.PlistFile;
import dev.openclawfleet.model.ServiceEnv;
import dev.openclawfleet.plist.PlistReads;
import dev.openclawfleet.state.HostInspector;
import dev.openclawfleet.model.Parallel;
import dev.openclawfleet.state.ServiceEnvFile;
import dev.openclawfleet.system.PlistScanner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One host's fleet as queries and their reading, whatever reader answers them: the plists in the
 * agents dir that may be OpenClaw's, the env files their wrappers read, the state dirs, configs and
 * dotenv files, the container root, and (with a live plan) the live probe's queries. Each round's
 * queries follow from the answers so far ({@link #wanted}); once every query is answered,
 * {@link #fleet} reads the fleet off the snapshot. Pure, apart from {@link #gather}.
 */
final class FleetReading {
    /** More rounds than the deepest chain of queries (listing, env file, state dir, lock dir) ever needs. */
    static final int MAX_ROUNDS = 8;

    private final Path agentsDir;
    private final Path root;
    private final long uid;
    private final LiveProbe.Plan live;
    private final List<PlistFile> given;
    private DirListing parsedFrom;
    private Plists parsed;
    private List<PlistFile> resolvedFrom;
    private Resolved resolved;
    private List<HostAnswer> rootFrom;
    private List<HostQuery> rootQueries;

    /**
     * A reading of the fleet in {@code agentsDir} and {@code root} for the user {@code uid}; {@code live}
     * null for no live part; {@code given} the fleet's plists when they were read already (then only
     * the live part is asked).
     */
    FleetReading(Path agentsDir, Path root, long uid, LiveProbe.Plan live, List<PlistFile> given) {
        this.agentsDir = agentsDir;
        this.root = root;
        this.uid = uid;
        this.live = live;
        this.given = given;
    }

    /** Asks {@code reader} round after round until the snapshot answers every query this reading wants. */
    static HostSnapshot gather(HostReader reader, HostSnapshot start, FleetReading reading) {
        HostSnapshot s = start;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            List<HostQuery> missing = s.missing(reading.wanted(s));
            if (missing.isEmpty()) {
                return s;
            }
            s = s.with(reader.answer(missing));
        }
        throw new IllegalStateException("the host's facts were still incomplete after " + MAX_ROUNDS + " rounds");
    }

    /** The plist files that concern the fleet, before their wrappers' env files are read; the locators; the scan's problems. */
    record Plists(List<PlistFile> files, Map<String, KeyLocator> locators, List<String> problems) {
    }

    static HostQuery.ListDir agents(Path agentsDir) {
        return new HostQuery.ListDir(agentsDir, List.of("*.plist"), PlistScanner.MAX_PLIST_BYTES, true, true);
    }

    /** Every query that can be asked with what {@code s} answers so far. */
    List<HostQuery> wanted(HostSnapshot s) {
        List<HostQuery> out = new ArrayList<>();
        if (given == null) {
            out.add(agents(agentsDir));
            out.addAll(rootQueries(s));
        }
        if (live != null) {
            out.addAll(LiveProbe.commands(s, live));
        }
        List<PlistFile> files = given;
        if (files == null) {
            if (!s.has(agents(agentsDir))) {
                return out;
            }
            files = plists(s).files();
        }
        if (live != null) {
            out.addAll(LiveProbe.details(Checker.instances(files), root, s, live));
        }
        List<Instance> instances;
        if (given == null) {
            List<HostQuery> envFiles = envFiles(files);
            out.addAll(envFiles);
            if (!s.missing(envFiles).isEmpty()) {
                return out;
            }
            Resolved r = resolved(files, s);
            instances = r.instances();
            out.addAll(r.queries());
        } else {
            instances = Checker.instances(files);
        }
        if (live != null) {
            out.addAll(LiveProbe.locks(instances, s.identity().uid(), s.identity().tmpDir()));
        }
        return out;
    }

    /** The fleet as the snapshot shows it; the snapshot answers every query {@link #wanted} asks. */
    Audit.Fleet fleet(HostSnapshot s) {
        Plists p = plists(s);
        Resolved r = resolved(p.files(), s);
        HostState host = new HostInspector(uid).inspect(r.instances(), root, r.wrapperEnvs(), s);
        return new Audit.Fleet(r.files(), host, p.problems(), p.locators(), s);
    }

    /** The plists resolved with their wrappers' env files, their instances, and what the state rules will ask about them. */
    private record Resolved(List<PlistFile> files, Map<Path, ServiceEnv> wrapperEnvs, List<Instance> instances, List<HostQuery> queries) {
    }

    /**
     * {@code files} resolved with their env files, which {@code s} answers; worked out once per parse:
     * once an answer is in the snapshot it never changes, and each round (and the reading of the fleet)
     * would otherwise resolve 10,000 plists and make 40,000 queries again.
     */
    private Resolved resolved(List<PlistFile> files, HostSnapshot s) {
        if (files != resolvedFrom) {
            Map<Path, ServiceEnv> wrapperEnvs = new HashMap<>();
            List<PlistFile> withEnvs = withServiceEnvironments(files, s, wrapperEnvs);
            List<Instance> instances = Checker.instances(withEnvs);
            resolved = new Resolved(withEnvs, wrapperEnvs, instances, HostInspector.instanceQueries(instances, root, s));
            resolvedFrom = files;
        }
        return resolved;
    }

    /**
     * The container root's queries, worked out again only when an answer they follow from is new:
     * each round would otherwise make the 10,000 instance dirs' marker queries anew.
     */
    private List<HostQuery> rootQueries(HostSnapshot s) {
        List<HostAnswer> from = HostInspector.rootAnswers(root, s);
        if (!sameAnswers(from, rootFrom)) {
            rootQueries = HostInspector.rootQueries(root, s);
            rootFrom = from;
        }
        return rootQueries;
    }

    /** Whether each answer is the very one of before (an answer in a snapshot never changes; a new one is a new object). */
    private static boolean sameAnswers(List<HostAnswer> now, List<HostAnswer> before) {
        if (before == null || now.size() != before.size()) {
            return false;
        }
        for (int i = 0; i < now.size(); i++) {
            if (now.get(i) != before.get(i)) {
                return false;
            }
        }
        return true;
    }

    /** The env files the gateways' wrappers read, in the plists' order. */
    private static List<HostQuery> envFiles(List<PlistFile> files) {
        return Parallel.stream(files).map(FleetReading::envFile).flatMap(Optional::stream).map(q -> (HostQuery) q).toList();
    }

    /** The plists of the agents dir that concern the fleet, parsed once per listing. */
    Plists plists(HostSnapshot s) {
        DirListing listing = s.dir(agents(agentsDir));
        if (listing == parsedFrom) {
            return parsed;
        }
        List<String> problems = new ArrayList<>();
        List<PlistFile> files = List.of();
        Map<String, KeyLocator> locators = Map.of();
        if (!listing.dir().directory()) {
            problems.add(agentsDir + ": the LaunchAgents directory does not exist (use --agents-dir)");
        } else {
            if (listing.problem() != null) {
                problems.add(agentsDir + ": " + listing.problem());
            }
            // Classified as each file is parsed: the parsed trees of 10,000 plists are not all kept at once.
            List<Classified> items = listing.entries().parallelStream()
                    .map(e -> Classified.of(e.read() != null ? e.read() : PlistReads.of(agentsDir.resolve(e.name()), e.fact(), uid))).toList();
            files = Classified.files(items, FleetReading::concernsTheFleet);
            locators = Classified.locators(items, FleetReading::concernsTheFleet);
        }
        parsed = new Plists(files, locators, problems);
        parsedFrom = listing;
        return parsed;
    }

    /** Gateways, helper jobs in OpenClaw's namespace, and unreadable files whose name says they are OpenClaw's; never other software's plists. */
    static boolean concernsTheFleet(PlistFile file) {
        if (file instanceof PlistFile.Gateway || file instanceof PlistFile.Helper) {
            return true;
        }
        if (file instanceof PlistFile.Unreadable) {
            String name = file.path().getFileName().toString().toLowerCase(Locale.ROOT);
            return name.startsWith(FleetLayout.LABEL_PREFIX) || name.contains("clawdbot") || name.contains("moltbot");
        }
        return false;
    }

    /** The query for the env file a gateway's wrapper hands it, when it has one. */
    static Optional<HostQuery.ReadFile> envFile(PlistFile file) {
        if (!(file instanceof PlistFile.Gateway g) || g.instance().kind() == JobKind.LEGACY || g.instance().command().envFile() == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(envFilePath(g.instance())).map(p -> new HostQuery.ReadFile(p, ServiceEnvFile.MAX_BYTES));
    }

    /**
     * A wrapper hands the gateway the variables of its env file: OpenClaw's service env file (state
     * dir, port, token) or a user wrapper's secrets file. Keep what was found for the state rules
     * (in {@code found}, by plist path), and resolve the instance again with those variables.
     */
    private static List<PlistFile> withServiceEnvironments(List<PlistFile> files, HostSnapshot s, Map<Path, ServiceEnv> found) {
        List<WithEnv> each = Parallel.stream(files).map(f -> {
            Optional<HostQuery.ReadFile> q = envFile(f);
            if (q.isEmpty()) {
                return new WithEnv(f, null);
            }
            Instance i = ((PlistFile.Gateway) f).instance();
            ServiceEnv env = ServiceEnvFile.of(q.get().path(), s.file(q.get()), i.command().openClawWrapper());
            return new WithEnv(new PlistFile.Gateway(PlistClassifier.withServiceEnvironment(i, env.variables())), env);
        }).toList();
        List<PlistFile> out = new ArrayList<>(each.size());
        for (WithEnv w : each) {
            out.add(w.file());
            if (w.env() != null) {
                found.put(w.file().path(), w.env());
            }
        }
        return java.util.Collections.unmodifiableList(out);
    }

    /** A plist resolved with its wrapper's env file, and that file (null when it has none). */
    private record WithEnv(PlistFile file, ServiceEnv env) {
    }

    /** The env file as an absolute path: as written, or against the job's WorkingDirectory; null when neither works. */
    private static Path envFilePath(Instance i) {
        String file = i.command().envFile();
        try {
            if (file.startsWith("/")) {
                return Path.of(file).normalize();
            }
            String cwd = i.job().workingDirectory().orElse(null);
            return cwd != null && cwd.startsWith("/") ? Path.of(cwd).resolve(file).normalize() : null;
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
    }
}
