package dev.openclawfleet.monitor;

import dev.openclawfleet.app.Metrics;
import dev.openclawfleet.launchd.Launchctl;
import dev.openclawfleet.model.ExitCodes;
import dev.openclawfleet.model.FleetException;
import dev.openclawfleet.model.FleetLayout;
import dev.openclawfleet.model.LaunchJob;
import dev.openclawfleet.model.LiveThresholds;
import dev.openclawfleet.model.ServiceRecord;
import dev.openclawfleet.model.Text;
import dev.openclawfleet.plist.PlistFormatException;
import dev.openclawfleet.plist.PlistParser;
import dev.openclawfleet.plist.PlistWriter;
import dev.openclawfleet.provision.FleetEnv;
import dev.openclawfleet.system.AtomicFiles;
import dev.openclawfleet.system.PrivateDirs;
import dev.openclawfleet.system.FileReadException;
import dev.openclawfleet.system.LogTail;
import dev.openclawfleet.system.SafeFiles;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * `fleet monitor install|uninstall|status`: fleet's own LaunchAgent, which launchd runs every
 * interval to refresh the metrics textfile. Install writes the plist (atomically, 0644) and
 * bootstraps it; uninstall boots it out and moves the plist to {@code <root>/.trash/}; status
 * reports launchd's view and the textfile's age.
 */
public final class Monitor {
    private static final int MAX_PLIST = 1 << 20;
    private static final Duration POLL = Duration.ofMillis(200);
    /** A textfile dir the user names, and a missing LaunchAgents dir, are created as other tools create them. */
    private static final java.util.Set<java.nio.file.attribute.PosixFilePermission> MODE_0755 = PosixFilePermissions.fromString("rwxr-xr-x");

    private Monitor() {
    }

    /** What one subcommand did: its lines for stdout and its exit code. */
    public record Outcome(int exitCode, List<String> lines) {
    }

    /** What `install` is asked for: textfile dir (null: {@code <root>/.fleet/textfile}), interval, notifications, launcher, how long to wait for the first refresh. */
    public record Install(Path textfileDir, int intervalSeconds, boolean notifications, Path launcher, Duration firstRefreshWait,
                          LiveThresholds thresholds) {
    }

    public static Path plist(FleetEnv env) {
        return env.agentsDir().resolve(MonitorPlist.FILE_NAME);
    }

    public static Outcome install(FleetEnv env, Install ask) {
        if (ask.intervalSeconds() < MonitorPlist.MIN_INTERVAL || ask.intervalSeconds() > MonitorPlist.MAX_INTERVAL) {
            throw FleetException.usage("--interval must be between " + MonitorPlist.MIN_INTERVAL + " (launchd's throttle) and "
                    + MonitorPlist.MAX_INTERVAL + " seconds");
        }
        List<String> launcher = Launcher.resolve(ask.launcher());
        Launchctl launchctl = env.launchctl();
        Path plist = plist(env);
        // A file at our path that is not our monitor stops the install before anything is created.
        Optional<byte[]> existing = installedBytes(plist);
        Path root = env.layout().root();
        long uid = env.uid();
        Path fleetDir = FleetDir.ensure(root, FleetLayout.FLEET_DIR, uid);
        Path textfileDir = ask.textfileDir() != null ? ask.textfileDir() : fleetDir.resolve("textfile");
        List<String> lines = new ArrayList<>();
        createDir(textfileDir, ask.textfileDir() == null ? AtomicFiles.MODE_0700 : MODE_0755, lines);
        MonitorPlist.Spec spec = new MonitorPlist.Spec(launcher, textfileDir, root, env.agentsDir().toAbsolutePath().normalize(),
                env.domainKind(), (int) Math.max(1, env.timeout().toSeconds()), ask.thresholds(), ask.intervalSeconds(), ask.notifications(),
                MonitorPlist.path(env.env().get("PATH")));
        byte[] bytes = PlistWriter.toXml(MonitorPlist.of(spec));
        createDir(env.agentsDir(), MODE_0755, lines);

        boolean loaded = launchctl.print(MonitorPlist.LABEL).isPresent();
        if (existing.isPresent() && Arrays.equals(existing.get(), bytes) && loaded) {
            lines.add("the monitor is already installed with these settings: " + plist);
            return new Outcome(ExitCodes.OK, lines);
        }
        if (loaded) {
            launchctl.bootout(MonitorPlist.LABEL);
            Health.awaitUnloaded(launchctl);
        }
        if (existing.isPresent()) {
            if (Arrays.equals(existing.get(), bytes)) {
                lines.add("kept " + plist + " (unchanged)");
            } else {
                lines.add("moved the previous " + plist.getFileName() + " to " + trash(root, uid, plist));
            }
        }
        Instant before = Instant.now();
        if (existing.isEmpty() || !Arrays.equals(existing.get(), bytes)) {
            try {
                AtomicFiles.write(plist, bytes, AtomicFiles.MODE_0644, false);
            } catch (IOException e) {
                throw FleetException.operational("cannot write " + plist + ": " + SafeFiles.ioReason(e));
            }
            lines.add("wrote " + plist + " (mode 0644)");
        }
        launchctl.enable(MonitorPlist.LABEL);
        launchctl.bootstrap(MonitorPlist.LABEL, plist.toAbsolutePath());
        Path textfile = textfileDir.resolve(Metrics.TEXTFILE);
        lines.add("loaded " + MonitorPlist.LABEL + ": every " + ask.intervalSeconds() + " s it refreshes " + textfile
                + (ask.notifications() ? " and notifies when an instance turns unhealthy" : ""));
        lines.add("logs: " + spec.fleetDir().resolve(MonitorPlist.LOG) + ", " + spec.fleetDir().resolve(MonitorPlist.ERR_LOG));
        if (ask.firstRefreshWait().isZero()) {
            return new Outcome(ExitCodes.OK, lines);
        }
        if (Health.awaitRefresh(textfile, before, ask.firstRefreshWait())) {
            lines.add("first refresh done: " + textfile);
            return new Outcome(ExitCodes.OK, lines);
        }
        lines.add("no refresh of " + textfile + " after " + ask.firstRefreshWait().toSeconds() + " s: see " + spec.fleetDir().resolve(MonitorPlist.ERR_LOG)
                + " and `fleet monitor status`");
        return new Outcome(ExitCodes.FINDINGS, lines);
    }

    /**
     * Boots the job out and moves its plist to the trash; removes the textfile it kept, so
     * node_exporter stops exporting a frozen fleet. No `launchctl disable`: with the plist gone
     * launchd has nothing to load at the next login, and a disabled override would linger in its
     * database and make a later install fail with error 119 until enabled again.
     */
    public static Outcome uninstall(FleetEnv env, boolean keepTextfile) {
        Path plist = plist(env);
        Launchctl launchctl = env.launchctl();
        List<String> lines = new ArrayList<>();
        Optional<Installed> installed = readInstalled(plist);
        boolean loaded = launchctl.print(MonitorPlist.LABEL).isPresent();
        if (installed.isEmpty() && !loaded && !Files.exists(plist, LinkOption.NOFOLLOW_LINKS)) {
            lines.add("the monitor is not installed (no " + plist + ")");
            return new Outcome(ExitCodes.OK, lines);
        }
        if (loaded) {
            launchctl.bootout(MonitorPlist.LABEL);
            Health.awaitUnloaded(launchctl);
            lines.add("booted out " + MonitorPlist.LABEL);
        }
        if (Files.exists(plist, LinkOption.NOFOLLOW_LINKS)) {
            lines.add("moved " + plist + " to " + trash(env.layout().root(), env.uid(), plist));
        }
        Optional<Path> textfile = installed.flatMap(Installed::textfile);
        if (textfile.isPresent() && !keepTextfile) {
            try {
                if (Files.isRegularFile(textfile.get(), LinkOption.NOFOLLOW_LINKS) && Files.deleteIfExists(textfile.get())) {
                    lines.add("removed " + textfile.get() + " (node_exporter no longer exports the fleet)");
                }
            } catch (IOException e) {
                lines.add("could not remove " + textfile.get() + ": " + SafeFiles.ioReason(e));
            }
        }
        return new Outcome(ExitCodes.OK, lines);
    }

    /** launchd's state of the job and how fresh its textfile is; exit 1 when the monitor is not doing its job. */
    public static Outcome status(FleetEnv env, Instant now) {
        Path plist = plist(env);
        List<String> lines = new ArrayList<>();
        Optional<Installed> installed = readInstalled(plist);
        Launchctl launchctl = env.launchctl();
        Optional<ServiceRecord> record = launchctl.print(MonitorPlist.LABEL);
        boolean disabled = Boolean.TRUE.equals(launchctl.printDisabled().get(MonitorPlist.LABEL));
        boolean ok = true;
        if (installed.isEmpty()) {
            lines.add("plist      not installed (no " + plist + "); `fleet monitor install` installs it");
            ok = false;
        } else {
            lines.add("plist      " + plist);
        }
        if (record.isEmpty()) {
            lines.add("launchd    not loaded" + (disabled ? ", disabled" : ""));
            ok = false;
        } else {
            ServiceRecord r = record.get();
            StringBuilder s = new StringBuilder("launchd    loaded, ").append(r.state() == null ? "state unknown" : r.state());
            r.pidValue().ifPresent(pid -> s.append(", pid ").append(pid));
            s.append(", runs ").append(r.runs() == null ? "?" : r.runs());
            r.exitCode().ifPresent(code -> s.append(", last exit ").append(code));
            r.value("run interval").ifPresent(v -> s.append(", run interval ").append(v));
            if (disabled) {
                s.append(", disabled");
            }
            lines.add(s.toString());
            if (r.exitCode().orElse(0) != 0) {
                ok = false;
            }
        }
        installed.ifPresent(i -> {
            i.interval().ifPresent(n -> lines.add("interval   " + n + " s" + (i.notifications() ? ", notifications on" : "")));
        });
        Optional<Path> textfile = installed.flatMap(Installed::textfile);
        if (textfile.isPresent()) {
            long interval = installed.get().interval().orElse(60L);
            Optional<Instant> modified = modified(textfile.get());
            if (modified.isEmpty()) {
                lines.add("textfile   " + textfile.get() + " does not exist yet");
                ok = false;
            } else {
                long age = Math.max(0, Duration.between(modified.get(), now).toSeconds());
                boolean stale = age > 3 * interval;
                lines.add("textfile   " + textfile.get() + ", refreshed " + age + " s ago" + (stale ? " (stale: over 3 intervals)" : ""));
                ok &= !stale;
            }
        }
        Path errLog = env.layout().root().resolve(FleetLayout.FLEET_DIR).resolve(MonitorPlist.ERR_LOG);
        if (installed.isPresent()) {
            LogTail.lastLines(errLog, 1).ifPresent(l -> lines.add("last error " + Text.printable(l.get(0), 300)));
        }
        return new Outcome(ok ? ExitCodes.OK : ExitCodes.FINDINGS, lines);
    }

    /** The installed plist's textfile dir, interval and notify flag, read back from its arguments. */
    record Installed(List<String> arguments, Optional<Long> interval) {
        Optional<Path> textfile() {
            int i = arguments.indexOf("--textfile");
            return i >= 0 && i + 1 < arguments.size() ? Optional.of(Path.of(arguments.get(i + 1)).resolve(Metrics.TEXTFILE)) : Optional.empty();
        }

        boolean notifications() {
            return arguments.contains("--notify");
        }
    }

    @SuppressWarnings("unchecked")
    static Optional<Installed> readInstalled(Path plist) {
        if (!Files.exists(plist, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            Object root = PlistParser.parse(SafeFiles.readRegular(plist, MAX_PLIST));
            if (!(root instanceof Map<?, ?> map)) {
                throw FleetException.operational(plist + " is not a launchd job; move it away");
            }
            LaunchJob job = new LaunchJob((Map<String, Object>) map);
            if (!job.label().map(MonitorPlist.LABEL::equals).orElse(false)) {
                throw FleetException.operational(plist + " is not fleet's monitor (its Label is not " + MonitorPlist.LABEL
                        + "); fleet does not replace or remove it: move it away");
            }
            return Optional.of(new Installed(job.programArguments().orElse(List.of()), job.integer("StartInterval")));
        } catch (FileReadException | PlistFormatException e) {
            throw FleetException.operational(plist + ": " + e.getMessage() + "; move it away and run again");
        }
    }

    private static Optional<byte[]> installedBytes(Path plist) {
        if (readInstalled(plist).isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(SafeFiles.readRegular(plist, MAX_PLIST));
        } catch (FileReadException e) {
            throw FleetException.operational(plist + ": " + e.getMessage());
        }
    }

    private static Optional<Instant> modified(Path file) {
        try {
            return Optional.of(Files.getLastModifiedTime(file).toInstant());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void createDir(Path dir, java.util.Set<java.nio.file.attribute.PosixFilePermission> mode, List<String> lines) {
        if (Files.isDirectory(dir)) {
            return;
        }
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(mode));
            lines.add("created " + dir);
        } catch (IOException e) {
            throw FleetException.operational("cannot create " + dir + ": " + SafeFiles.ioReason(e));
        }
    }

    /**
     * Moves {@code file} into a new {@code <root>/.trash/monitor-<time>/} folder; across file
     * systems it is copied, compared and only then deleted. Returns where it went.
     */
    static Path trash(Path root, long uid, Path file) {
        Path trash = FleetDir.ensure(root, ".trash", uid);
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path bin = PrivateDirs.createUnique(trash, "monitor-" + stamp, uid);
        try {
            Path target = bin.resolve(file.getFileName());
            try {
                Files.move(file, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.copy(file, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                if (!Arrays.equals(Files.readAllBytes(file), Files.readAllBytes(target))) {
                    throw new IOException("the copy in the trash differs from " + file + "; nothing was removed");
                }
                Files.delete(file);
            }
            return target;
        } catch (IOException e) {
            throw FleetException.operational("cannot move " + file + " to " + trash + ": " + SafeFiles.ioReason(e));
        }
    }

    /** The waits of install and uninstall. */
    static final class Health {
        private Health() {
        }

        static void awaitUnloaded(Launchctl launchctl) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (launchctl.print(MonitorPlist.LABEL).isPresent()) {
                if (System.nanoTime() > deadline) {
                    throw FleetException.operational("launchd still lists " + MonitorPlist.LABEL + " 30 s after bootout");
                }
                sleep();
            }
        }

        static boolean awaitRefresh(Path textfile, Instant after, Duration limit) {
            long deadline = System.nanoTime() + limit.toNanos();
            while (System.nanoTime() < deadline) {
                if (modified(textfile).filter(m -> !m.isBefore(after)).isPresent()) {
                    return true;
                }
                sleep();
            }
            return false;
        }

        private static void sleep() {
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw FleetException.operational("interrupted");
            }
        }
    }
}
