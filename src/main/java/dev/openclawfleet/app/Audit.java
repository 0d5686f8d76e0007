package dev.openclawfleet.app;

import dev.openclawfleet.audit.Checker;
import dev.openclawfleet.audit.KeyPositions;
import dev.openclawfleet.audit.PlistClassifier;
import dev.openclawfleet.launchd.Launchctl;
import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.FleetLayout;
import dev.openclawfleet.model.HostState;
import dev.openclawfleet.model.Instance;
import dev.openclawfleet.model.JobKind;
import dev.openclawfleet.model.KeyLocator;
import dev.openclawfleet.model.LiveStatus;
import dev.openclawfleet.model.LiveThresholds;
import dev.openclawfleet.model.PlistFile;
import dev.openclawfleet.model.Report;
import dev.openclawfleet.model.ServiceEnv;
import dev.openclawfleet.state.HostInspector;
import dev.openclawfleet.state.ServiceEnvFile;
import dev.openclawfleet.system.PlistScanner;
import dev.openclawfleet.system.ProcessRunner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * `fleet audit`: the gateway plists in the agents dir, their state dirs and configs, the container
 * root, and (unless offline) launchd and the live processes. Every plist in the agents dir is
 * read, but only OpenClaw gateway jobs (and unreadable files that look like ours) are reported:
 * the rest of LaunchAgents is not our business.
 */
public final class Audit {
    public static final String OFFLINE_NOTE = "live launchd checks were not performed (offline audit)";
    public static final String NO_LAUNCHCTL_NOTE = "live launchd checks were skipped: `launchctl` is not on PATH (not a Mac?)";

    private Audit() {
    }

    /** How the live part runs: skipped when offline; the domain kind (gui or user), call timeout and crash-loop thresholds. */
    public record LiveOptions(boolean offline, String domainKind, Duration timeout, LiveThresholds thresholds,
                              Map<String, String> env) {
        public static LiveOptions none() {
            return new LiveOptions(true, "gui", Launchctl.DEFAULT_TIMEOUT, LiveThresholds.DEFAULT, Map.of());
        }
    }

    /**
     * The result of reading a fleet from disk: classified plists and the host state, before any rule
     * runs; {@code locators} find key paths in each plist's text, by plist path.
     */
    public record Fleet(List<PlistFile> files, HostState host, List<String> problems, Map<String, KeyLocator> locators) {
        public Fleet {
            locators = Map.copyOf(locators);
        }

        public Fleet(List<PlistFile> files, HostState host, List<String> problems) {
            this(files, host, problems, Map.of());
        }

        public List<Instance> instances() {
            return Checker.instances(files);
        }
    }

    public static Fleet read(Path agentsDir, Path root, long uid) {
        List<String> problems = new ArrayList<>();
        List<PlistFile> files = List.of();
        Map<String, KeyLocator> locators = Map.of();
        if (!Files.isDirectory(agentsDir)) {
            problems.add(agentsDir + ": the LaunchAgents directory does not exist (use --agents-dir)");
        } else {
            PlistScanner.Mapped<Classified> scan = new PlistScanner(uid).scan(List.of(agentsDir), false, PlistScanner::isPlistName,
                    Classified::of);
            problems.addAll(scan.problems());
            files = Classified.files(scan.items(), Audit::concernsTheFleet);
            locators = Classified.locators(scan.items(), Audit::concernsTheFleet);
        }
        Map<Path, ServiceEnv> wrapperEnvs = new HashMap<>();
        files = files.stream().map(f -> withServiceEnvironment(f, wrapperEnvs)).toList();
        HostState host = new HostInspector(uid).inspect(Checker.instances(files), root, wrapperEnvs);
        return new Fleet(files, host, problems, locators);
    }

    public static Report run(Path agentsDir, Path root, Set<String> ignored, long uid, LiveOptions live) {
        return run(read(agentsDir, root, uid), root, ignored, uid, live);
    }

    /** The audit of a fleet already read from disk (a command that looked at it first does not read it twice). */
    public static Report run(Fleet fleet, Path root, Set<String> ignored, long uid, LiveOptions live) {
        List<String> notes = new ArrayList<>();
        List<String> problems = new ArrayList<>(fleet.problems());
        if (!Files.isDirectory(root)) {
            notes.add("the container root " + root + " does not exist");
        }
        List<Finding> findings = new ArrayList<>(Checker.audit(fleet.files(), fleet.host()));
        Map<String, LiveStatus> statuses = Map.of();
        if (live.offline()) {
            notes.add(OFFLINE_NOTE);
        } else {
            ProcessRunner runner = new ProcessRunner(live.env());
            if (!runner.has("launchctl")) {
                notes.add(NO_LAUNCHCTL_NOTE);
            } else {
                Launchctl launchctl = new Launchctl(runner, Launchctl.domain(live.domainKind(), uid), live.timeout(), Launchctl.RETRY_WINDOW);
                LiveProbe.Result probe = LiveProbe.probe(fleet.instances(), fleet.host(), runner, launchctl, live.thresholds(), uid,
                        tmpDir(live.env()), live.timeout());
                findings.addAll(Checker.live(probe.host()));
                notes.addAll(probe.notes());
                problems.addAll(probe.problems());
                statuses = probe.statuses();
            }
        }
        // Last line of defence: no finding may carry a fleet token, whatever text (a log line, a ps
        // command line) a rule quoted.
        List<dev.openclawfleet.model.Secret> secrets = fleet.host().secrets();
        findings.replaceAll(f -> f.withText(dev.openclawfleet.model.Redaction.knownOnly(f.message(), secrets),
                dev.openclawfleet.model.Redaction.knownOnly(f.fix(), secrets)));
        List<Finding> located = KeyPositions.locate(Checker.supersedeByLegacyService(findings), fleet.locators());
        return Checker.report(fleet.files(), located, ignored, notes, problems).withLive(statuses);
    }

    /** The per-user temporary dir launchd gives agents ($TMPDIR), where old OpenClaw releases kept their locks. */
    static String tmpDir(Map<String, String> env) {
        String tmp = env.get("TMPDIR");
        return tmp == null || tmp.isBlank() ? "/tmp" : tmp;
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

    /**
     * A wrapper hands the gateway the variables of its env file: OpenClaw's service env file (state
     * dir, port, token) or a user wrapper's secrets file. Read it, keep what was found for the state
     * rules, and resolve the instance again with those variables.
     */
    static PlistFile withServiceEnvironment(PlistFile file, Map<Path, ServiceEnv> found) {
        if (!(file instanceof PlistFile.Gateway g) || g.instance().kind() == JobKind.LEGACY || g.instance().command().envFile() == null) {
            return file;
        }
        Instance i = g.instance();
        Path envFile = envFile(i);
        if (envFile == null) {
            return file;
        }
        ServiceEnv env = ServiceEnvFile.facts(envFile, i.command().openClawWrapper());
        found.put(i.plist(), env);
        return new PlistFile.Gateway(PlistClassifier.withServiceEnvironment(i, env.variables()));
    }

    /** The env file as an absolute path: as written, or against the job's WorkingDirectory; null when neither works. */
    private static Path envFile(Instance i) {
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
