package dev.openclawfleet.app;

import dev.openclawfleet.audit.Checker;
import dev.openclawfleet.audit.PlistClassifier;
import dev.openclawfleet.model.FleetLayout;
import dev.openclawfleet.model.HostState;
import dev.openclawfleet.model.Instance;
import dev.openclawfleet.model.JobKind;
import dev.openclawfleet.model.PlistFile;
import dev.openclawfleet.model.Report;
import dev.openclawfleet.state.HostInspector;
import dev.openclawfleet.state.ServiceEnvFile;
import dev.openclawfleet.system.PlistScanner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * `fleet audit`: the gateway plists in the agents dir, their state dirs and configs, and the
 * container root. Every plist in the agents dir is read, but only OpenClaw gateway jobs (and
 * unreadable files that look like ours) are reported: the rest of LaunchAgents is not our business.
 */
public final class Audit {
    public static final String OFFLINE_NOTE = "live launchd checks were not performed (offline audit)";

    private Audit() {
    }

    /** The result of reading a fleet from disk: classified plists and the host state, before any rule runs. */
    public record Fleet(List<PlistFile> files, HostState host, List<String> problems) {
        public List<Instance> instances() {
            return Checker.instances(files);
        }
    }

    public static Fleet read(Path agentsDir, Path root, long uid) {
        List<String> problems = new ArrayList<>();
        List<PlistFile> files = List.of();
        if (!Files.isDirectory(agentsDir)) {
            problems.add(agentsDir + ": the LaunchAgents directory does not exist (use --agents-dir)");
        } else {
            PlistScanner.Scan scan = new PlistScanner(uid).scan(List.of(agentsDir), false, PlistScanner::isPlistName);
            problems.addAll(scan.problems());
            files = scan.reads().stream().map(PlistClassifier::classify).filter(Audit::concernsTheFleet)
                    .map(Audit::withServiceEnvironment).toList();
        }
        HostState host = new HostInspector(uid).inspect(Checker.instances(files), root);
        return new Fleet(files, host, problems);
    }

    public static Report run(Path agentsDir, Path root, Set<String> ignored, long uid, List<String> notes) {
        Fleet fleet = read(agentsDir, root, uid);
        List<String> allNotes = new ArrayList<>(notes);
        if (!Files.isDirectory(root)) {
            allNotes.add("the container root " + root + " does not exist");
        }
        return Checker.report(fleet.files(), Checker.audit(fleet.files(), fleet.host()), ignored, allNotes, fleet.problems());
    }

    /** Gateways, and unreadable files whose name says they are OpenClaw's; never other software's plists. */
    static boolean concernsTheFleet(PlistFile file) {
        if (file instanceof PlistFile.Gateway) {
            return true;
        }
        if (file instanceof PlistFile.Unreadable) {
            String name = file.path().getFileName().toString().toLowerCase(Locale.ROOT);
            return name.startsWith(FleetLayout.LABEL_PREFIX) || name.contains("clawdbot") || name.contains("moltbot");
        }
        return false;
    }

    /** OpenClaw's own jobs keep their state dir and port in a service env file: read it. */
    static PlistFile withServiceEnvironment(PlistFile file) {
        if (file instanceof PlistFile.Gateway g && g.instance().kind() == JobKind.OPENCLAW
                && g.instance().command().envFile() != null && g.instance().command().envFile().startsWith("/")) {
            return new PlistFile.Gateway(PlistClassifier.withServiceEnvironment(g.instance(),
                    ServiceEnvFile.read(Path.of(g.instance().command().envFile()))));
        }
        return file;
    }
}
