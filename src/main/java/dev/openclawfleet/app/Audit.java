package dev.openclawfleet.app;

import dev.openclawfleet.audit.Checker;
import dev.openclawfleet.audit.KeyPositions;
import dev.openclawfleet.launchd.Launchctl;
import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.HostIdentity;
import dev.openclawfleet.model.HostReader;
import dev.openclawfleet.model.HostSnapshot;
import dev.openclawfleet.model.HostState;
import dev.openclawfleet.model.Instance;
import dev.openclawfleet.model.KeyLocator;
import dev.openclawfleet.model.LiveStatus;
import dev.openclawfleet.model.LiveThresholds;
import dev.openclawfleet.model.PlistFile;
import dev.openclawfleet.model.Redaction;
import dev.openclawfleet.model.Report;
import dev.openclawfleet.state.ConfigReader;
import dev.openclawfleet.model.Parallel;
import dev.openclawfleet.system.LocalReader;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * `fleet audit`: the gateway plists in the agents dir, their state dirs and configs, the container
 * root, and (unless offline) launchd and the live processes. A host reader (this Mac's, or the SSH
 * collector for another Mac) fills one snapshot of the host in a few rounds; the same pure code
 * reads the fleet off it and judges it. Every plist in the agents dir that may be OpenClaw's is
 * read, but only OpenClaw gateway jobs (and unreadable files that look like ours) are reported:
 * the rest of LaunchAgents is not our business.
 */
public final class Audit {
    public static final String OFFLINE_NOTE = "live launchd checks were not performed (offline audit)";
    public static final String NO_LAUNCHCTL_NOTE = "live launchd checks were skipped: `launchctl` is not on PATH (not a Mac?)";

    private Audit() {
    }

    /**
     * How the live part runs: skipped when offline; the domain kind (gui or user), call timeout,
     * crash-loop thresholds, the environment programs run with, and which jobs are printed
     * ({@link LiveProbe.Detail#ALL} unless a command asks for less).
     */
    public record LiveOptions(boolean offline, String domainKind, Duration timeout, LiveThresholds thresholds,
                              Map<String, String> env, LiveProbe.Detail detail) {
        public LiveOptions {
            detail = detail == null ? LiveProbe.Detail.ALL : detail;
        }

        public LiveOptions(boolean offline, String domainKind, Duration timeout, LiveThresholds thresholds, Map<String, String> env) {
            this(offline, domainKind, timeout, thresholds, env, LiveProbe.Detail.ALL);
        }

        public static LiveOptions none() {
            return new LiveOptions(true, "gui", Launchctl.DEFAULT_TIMEOUT, LiveThresholds.DEFAULT, Map.of());
        }

        /** The same options, printing only the jobs whose verdict needs it (what `fleet audit` does). */
        public LiveOptions withDetail(LiveProbe.Detail other) {
            return new LiveOptions(offline, domainKind, timeout, thresholds, env, other);
        }
    }

    /**
     * The result of reading a fleet: classified plists and the host state, before any rule runs;
     * {@code locators} find key paths in each plist's text, by plist path; {@code snapshot} is what
     * was read (null when the fleet was put together by hand).
     */
    public record Fleet(List<PlistFile> files, HostState host, List<String> problems, Map<String, KeyLocator> locators,
                        HostSnapshot snapshot) {
        public Fleet {
            locators = Map.copyOf(locators);
        }

        public Fleet(List<PlistFile> files, HostState host, List<String> problems, Map<String, KeyLocator> locators) {
            this(files, host, problems, locators, null);
        }

        public Fleet(List<PlistFile> files, HostState host, List<String> problems) {
            this(files, host, problems, Map.of(), null);
        }

        public List<Instance> instances() {
            return Checker.instances(files);
        }
    }

    /** The fleet on this Mac, without asking launchd. */
    public static Fleet read(Path agentsDir, Path root, long uid) {
        return read(new LocalReader(uid, null, Map.of(), Launchctl.DEFAULT_TIMEOUT), agentsDir, root);
    }

    /** The fleet a host reader sees, without asking launchd. */
    public static Fleet read(HostReader reader, Path agentsDir, Path root) {
        HostIdentity id = reader.identity();
        FleetReading reading = new FleetReading(agentsDir, root, id.uid(), null, null);
        return reading.fleet(FleetReading.gather(reader, HostSnapshot.of(id), reading));
    }

    public static Report run(Path agentsDir, Path root, Set<String> ignored, long uid, LiveOptions live) {
        return run(local(uid, live), agentsDir, root, ignored, live);
    }

    /** The audit of the fleet a host reader sees: this Mac's, or another one's through SSH. */
    public static Report run(HostReader reader, Path agentsDir, Path root, Set<String> ignored, LiveOptions live) {
        return audit(reader, agentsDir, root, ignored, live).report();
    }

    /** A report with the facts it was judged on (the multi-host audit compares tokens across hosts). */
    public record Audited(Fleet fleet, Report report) {
    }

    static Audited audit(HostReader reader, Path agentsDir, Path root, Set<String> ignored, LiveOptions live) {
        ConfigReader.prepareInBackground();
        HostIdentity id = reader.identity();
        LiveProbe.Plan plan = plan(id, live);
        FleetReading reading = new FleetReading(agentsDir, root, id.uid(), plan, null);
        HostSnapshot s = FleetReading.gather(reader, HostSnapshot.of(id), reading);
        Fleet fleet = reading.fleet(s);
        return new Audited(fleet, judge(fleet, s, ignored, live, plan));
    }

    /** The audit of a fleet already read from disk (a command that looked at it first does not read it twice). */
    public static Report run(Fleet fleet, Path root, Set<String> ignored, long uid, LiveOptions live) {
        LocalReader reader = local(uid, live);
        HostIdentity id = reader.identity();
        LiveProbe.Plan plan = plan(id, live);
        HostSnapshot s = new HostSnapshot(id, fleet.snapshot() == null ? Map.of() : fleet.snapshot().answers());
        if (plan != null) {
            s = FleetReading.gather(reader, s, new FleetReading(null, root, uid, plan, fleet.files()));
        }
        return judge(fleet, s, ignored, live, plan);
    }

    private static LocalReader local(long uid, LiveOptions live) {
        return new LocalReader(uid, null, live.env(), live.timeout());
    }

    /** What the live part asks, or null when it does not run (offline, or no launchctl). */
    private static LiveProbe.Plan plan(HostIdentity id, LiveOptions live) {
        if (live.offline() || !id.has("launchctl")) {
            return null;
        }
        return new LiveProbe.Plan(Launchctl.domain(live.domainKind(), id.uid()), live.thresholds(), live.detail());
    }

    /** Every rule over the fleet and the snapshot's live facts. Pure. */
    static Report judge(Fleet fleet, HostSnapshot s, Set<String> ignored, LiveOptions live, LiveProbe.Plan plan) {
        List<String> notes = new ArrayList<>();
        List<String> problems = new ArrayList<>(fleet.problems());
        if (fleet.host().root() != null && !fleet.host().root().exists()) {
            notes.add("the container root " + fleet.host().root().root() + " does not exist");
        }
        List<Finding> findings = new ArrayList<>(Checker.audit(fleet.files(), fleet.host()));
        Map<String, LiveStatus> statuses = Map.of();
        if (live.offline()) {
            notes.add(OFFLINE_NOTE);
        } else if (plan == null) {
            notes.add(NO_LAUNCHCTL_NOTE);
        } else {
            LiveProbe.Result probe = LiveProbe.result(fleet.instances(), fleet.host(), s, plan);
            findings.addAll(Checker.live(probe.host()));
            notes.addAll(probe.notes());
            problems.addAll(probe.problems());
            statuses = probe.statuses();
        }
        // Last line of defence: no finding may carry a fleet token, whatever text (a log line, a ps
        // command line) a rule quoted.
        Redaction.Known secrets = new Redaction.Known(fleet.host().secrets());
        List<Finding> redacted = Parallel.stream(findings).map(f -> f.withText(secrets.apply(f.message()), secrets.apply(f.fix()))).toList();
        List<Finding> located = KeyPositions.locate(Checker.supersedeByLegacyService(redacted), fleet.locators());
        return Checker.report(fleet.files(), located, ignored, notes, problems).withLive(statuses);
    }
}
