package dev.openclawfleet.monitor;

import dev.openclawfleet.model.FleetLayout;
import dev.openclawfleet.model.LiveThresholds;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The LaunchAgent of fleet's own monitor, as an ordered key/value tree: launchd runs
 * {@code fleet metrics --textfile DIR} every {@code StartInterval} seconds (and once at load).
 * Its label is outside the {@code ai.openclaw.*} namespace of gateways, and it runs no gateway,
 * so the audit and lint never take it for one.
 */
public final class MonitorPlist {
    public static final String LABEL = "dev.openclawfleet.monitor";
    public static final String FILE_NAME = LABEL + ".plist";
    public static final String LOG = "monitor.log";
    public static final String ERR_LOG = "monitor.err.log";
    /** launchd will not start a job more often than its ThrottleInterval (10 s by default). */
    public static final int MIN_INTERVAL = 10;
    public static final int MAX_INTERVAL = 86_400;
    /** 0077: the logs launchd creates are the user's only. */
    static final long UMASK = 63;

    private MonitorPlist() {
    }

    /**
     * What the plist is made from, every path absolute: the command that runs fleet (java + jar,
     * or a launcher), the textfile dir, the fleet's root and agents dir, launchd domain and timeout,
     * crash-loop thresholds, the interval, notifications on or off, and the PATH the job runs with.
     */
    public record Spec(List<String> launcher, Path textfileDir, Path root, Path agentsDir, String domainKind, int timeoutSeconds,
                       LiveThresholds thresholds, int intervalSeconds, boolean notifications, String path) {
        public Spec {
            launcher = List.copyOf(launcher);
            if (launcher.isEmpty() || !Path.of(launcher.get(0)).isAbsolute()) {
                throw new IllegalArgumentException("the launcher must start with an absolute path");
            }
            for (Path p : List.of(textfileDir, root, agentsDir)) {
                if (!p.isAbsolute()) {
                    throw new IllegalArgumentException(p + " is not absolute");
                }
            }
            if (intervalSeconds < MIN_INTERVAL || intervalSeconds > MAX_INTERVAL) {
                throw new IllegalArgumentException("interval out of range");
            }
        }

        public Path fleetDir() {
            return root.resolve(FleetLayout.FLEET_DIR);
        }
    }

    public static Map<String, Object> of(Spec spec) {
        List<String> args = new ArrayList<>(spec.launcher());
        args.addAll(List.of("metrics", "--textfile", spec.textfileDir().toString(), "--root", spec.root().toString(),
                "--agents-dir", spec.agentsDir().toString(), "--domain", spec.domainKind(),
                "--timeout", Integer.toString(spec.timeoutSeconds())));
        if (!spec.thresholds().equals(LiveThresholds.DEFAULT)) {
            args.addAll(List.of("--crash-loop-runs", Integer.toString(spec.thresholds().runs()),
                    "--crash-loop-throttles", Integer.toString(spec.thresholds().throttles())));
        }
        if (spec.notifications()) {
            args.add("--notify");
        }
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("PATH", spec.path());

        Map<String, Object> plist = new LinkedHashMap<>();
        plist.put("Label", LABEL);
        plist.put("Comment", "openclaw-fleet monitor: refreshes " + spec.textfileDir().resolve(dev.openclawfleet.app.Metrics.TEXTFILE)
                + " every " + spec.intervalSeconds() + " s");
        plist.put("ProgramArguments", args);
        plist.put("EnvironmentVariables", env);
        plist.put("WorkingDirectory", spec.fleetDir().toString());
        plist.put("StandardOutPath", spec.fleetDir().resolve(LOG).toString());
        plist.put("StandardErrorPath", spec.fleetDir().resolve(ERR_LOG).toString());
        plist.put("RunAtLoad", Boolean.TRUE);
        plist.put("StartInterval", (long) spec.intervalSeconds());
        plist.put("ProcessType", "Background");
        plist.put("Umask", UMASK);
        return plist;
    }

    /**
     * The PATH the monitor runs with: the absolute entries of the installing shell's PATH (so the
     * monitor finds the same launchctl, lsof and ps as `fleet audit` in that shell), then launchd's
     * default folders.
     */
    public static String path(String shellPath) {
        java.util.LinkedHashSet<String> parts = new java.util.LinkedHashSet<>();
        if (shellPath != null) {
            for (String p : shellPath.split(":")) {
                if (p.startsWith("/") && !p.contains("\n")) {
                    parts.add(p);
                }
            }
        }
        parts.addAll(List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin"));
        return String.join(":", parts);
    }
}
