package dev.openclawfleet.fix;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openclawfleet.launchd.Launchctl;
import dev.openclawfleet.model.ConfigState;
import dev.openclawfleet.model.FleetException;
import dev.openclawfleet.model.GatewayPorts;
import dev.openclawfleet.model.Instance;
import dev.openclawfleet.model.InstanceState;
import dev.openclawfleet.model.ProcessInfo;
import dev.openclawfleet.model.Redaction;
import dev.openclawfleet.model.Secret;
import dev.openclawfleet.provision.AddInstance;
import dev.openclawfleet.provision.FleetEnv;
import dev.openclawfleet.provision.Health;
import dev.openclawfleet.provision.Lifecycle;
import dev.openclawfleet.provision.Lookup;
import dev.openclawfleet.provision.Tokens;
import dev.openclawfleet.state.ConfigReader;
import dev.openclawfleet.system.AtomicFiles;
import dev.openclawfleet.system.BackupDir;
import dev.openclawfleet.system.FileReadException;
import dev.openclawfleet.system.FleetLock;
import dev.openclawfleet.system.Ps;
import dev.openclawfleet.system.SafeFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Carries out a fix plan, step by step, holding the fleet lock: every file is copied into the
 * backup folder before it is changed, writes are atomic, each change is checked against what the
 * plan saw (a file someone changed since is left alone and the run stops), and the fix journal
 * records what a rerun after a kill -9 must still do. A failed step stops the run; what was done
 * stays done and is listed.
 */
public final class FixExecutor {
    static final Duration LOCK_PATIENCE = Duration.ofSeconds(120);

    private FixExecutor() {
    }

    /** What one step did: one line per action, and whether it went through. */
    public record StepResult(int number, Step step, boolean ok, List<String> lines) {
        public StepResult {
            lines = List.copyOf(lines);
        }
    }

    /** What the run did: the backup folder used, each step's result, the new tokens' fingerprints, and the failure that stopped it. */
    public record Result(Path backupDir, List<StepResult> steps, Map<String, String> fingerprints, String failure) {
        public Result {
            steps = List.copyOf(steps);
            fingerprints = Map.copyOf(fingerprints);
        }

        public boolean completed() {
            return failure == null;
        }
    }

    public static Result run(FixPlan plan, FleetEnv env, Duration wait, Consumer<String> progress) {
        Path root = env.layout().root();
        try (FleetLock lock = env.lock(LOCK_PATIENCE)) {
            BackupDir backups = plan.resumed() != null && Files.isDirectory(plan.resumed().backupDir(), LinkOption.NOFOLLOW_LINKS)
                    ? BackupDir.existing(plan.resumed().backupDir(), env.uid())
                    : BackupDir.create(env.layout().trash(), plan.backupDir().getFileName().toString(), env.uid());
            FixJournal.Entry[] journal = {new FixJournal.Entry(ProcessHandle.current().pid(), Instant.now(), backups.dir(), pending(plan),
                    migration(plan))};
            FixJournal.write(root, env.uid(), journal[0]);
            Launchctl launchctl = env.runner().has("launchctl") ? env.launchctl() : null;
            List<StepResult> results = new ArrayList<>();
            String failure = null;
            int n = 0;
            for (Step step : plan.steps()) {
                n++;
                List<String> lines = new ArrayList<>();
                try {
                    for (Action action : step.actions()) {
                        progress.accept(n + "/" + plan.steps().size() + ": " + firstLine(action.describe()));
                        int before = lines.size();
                        String done = execute(action, env, launchctl, backups, wait, journal, lines);
                        if (done != null) {
                            lines.add(done);
                        }
                        log(backups, action, lines.size() > before ? String.join("; ", lines.subList(before, lines.size())) : null);
                    }
                    results.add(new StepResult(n, step, lines.stream().noneMatch(l -> l.startsWith("failed")), lines));
                } catch (FleetException | IOException e) {
                    String why = e instanceof IOException io ? SafeFiles.ioReason(io) : e.getMessage();
                    lines.add("failed: " + why);
                    results.add(new StepResult(n, step, false, lines));
                    failure = "step " + n + " (" + step.title() + ") failed: " + why;
                    break;
                }
            }
            progress.accept("");
            if (failure == null) {
                FixJournal.delete(root);
            }
            return new Result(backups.dir(), results, fingerprints(plan, env), failure);
        }
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }

    private static List<FixJournal.Pending> pending(FixPlan plan) {
        List<FixJournal.Pending> out = new ArrayList<>();
        for (Step s : plan.steps()) {
            for (Action a : s.actions()) {
                if (a instanceof Action.Start start) {
                    out.add(new FixJournal.Pending(start.name(), start.label(), start.plist().toString()));
                }
            }
        }
        return out;
    }

    private static FixJournal.Migration migration(FixPlan plan) {
        for (Step s : plan.steps()) {
            for (Action a : s.actions()) {
                if (a instanceof Action.Migrate m) {
                    FixJournal.Migration earlier = plan.resumed() == null ? null : plan.resumed().migration();
                    return new FixJournal.Migration(m.plan().name(), m.plan().oldLabel(),
                            m.plan().oldPlist() == null ? null : m.plan().oldPlist().toString(),
                            earlier == null ? "planned" : earlier.phase(), earlier == null ? null : earlier.staging());
                }
            }
        }
        return null;
    }

    /** Runs one action; returns what was done in one line, or null when there was nothing to do. */
    private static String execute(Action action, FleetEnv env, Launchctl launchctl, BackupDir backups, Duration wait,
                                  FixJournal.Entry[] journal, List<String> lines) throws IOException {
        if (action instanceof Action.Chmod c) {
            return chmod(c, backups);
        }
        if (action instanceof Action.Write w) {
            return w.change().apply(backups) ? "wrote " + w.change().path() + " (" + w.change().octal() + ")"
                    + (w.change().commentsLost() ? "; its JSON5 comments could not be kept: the backup " + backups.where(w.change().path())
                    + " has them" : "") : null;
        }
        if (action instanceof Action.Trash t) {
            return trash(t, backups);
        }
        if (action instanceof Action.Launchctl l) {
            return launchctl(l, launchctl);
        }
        if (action instanceof Action.StopProcess s) {
            return stop(s, env);
        }
        if (action instanceof Action.Migrate m) {
            RootMigration migration = new RootMigration(m.plan(), env, launchctl, backups, Tokens::generate, journal[0].migration(),
                    progress -> {
                        journal[0] = journal[0].withMigration(progress);
                        FixJournal.write(env.layout().root(), env.uid(), journal[0]);
                    });
            lines.addAll(migration.run());
            return null;
        }
        if (action instanceof Action.FinishAdd f) {
            AddInstance.Result r = AddInstance.run(new AddInstance.Options(f.name(), null, GatewayPorts.DEFAULT_BASE, f.node(), f.entry(),
                    null, true, false, wait), env, true);
            return r.healthy() ? "finished " + f.name() + ": listening on 127.0.0.1:" + r.port()
                    : "failed: " + f.name() + " is not healthy: " + (r.health() == null ? "not started" : r.health().why());
        }
        return start((Action.Start) action, env, launchctl, wait, journal);
    }

    private static String chmod(Action.Chmod c, BackupDir backups) throws IOException {
        if (Files.isSymbolicLink(c.path())) {
            throw FleetException.operational(c.path() + " is now a symbolic link: left alone (fleet never changes a mode through a link)");
        }
        int mode = ((Number) Files.getAttribute(c.path(), "unix:mode", LinkOption.NOFOLLOW_LINKS)).intValue() & 07777;
        if (mode == c.to()) {
            return null;
        }
        if (mode != c.from()) {
            throw FleetException.operational(c.path() + " changed since the plan was made (its mode is " + String.format("%04o", mode)
                    + " now); it was left as it is: run the command again");
        }
        if (!c.directory()) {
            backups.save(c.path());
        }
        Files.getFileAttributeView(c.path(), PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setPermissions(PosixFilePermissions.fromString(rwx(c.to())));
        return String.format("chmod %04o -> %04o %s", c.from(), c.to(), c.path());
    }

    static String rwx(int mode) {
        StringBuilder out = new StringBuilder();
        for (int shift = 6; shift >= 0; shift -= 3) {
            int bits = (mode >> shift) & 7;
            out.append((bits & 4) != 0 ? 'r' : '-').append((bits & 2) != 0 ? 'w' : '-').append((bits & 1) != 0 ? 'x' : '-');
        }
        return out.toString();
    }

    private static String trash(Action.Trash t, BackupDir backups) throws IOException {
        if (!Files.exists(t.path(), LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        if (t.path().getFileName().toString().endsWith(".lock")) {
            Long pid = lockPid(t.path());
            if (pid != null && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                return "left " + t.path() + " in place: its pid " + pid + " runs again (it may hold the lock now)";
            }
        }
        Path to = backups.take(t.path());
        return "moved " + t.path() + " to " + to;
    }

    private static Long lockPid(Path lock) {
        try {
            JsonNode json = ConfigReader.parse(SafeFiles.readRegular(lock, 64 * 1024));
            return json.path("pid").canConvertToLong() ? json.path("pid").asLong() : null;
        } catch (FileReadException | ConfigReader.ConfigSyntaxException e) {
            return null;
        }
    }

    private static String launchctl(Action.Launchctl l, Launchctl launchctl) {
        if (launchctl == null) {
            throw FleetException.operational("`launchctl` is not on PATH: launchd exists only on macOS");
        }
        String target = l.args().get(1);
        String label = target.substring(target.lastIndexOf('/') + 1);
        switch (l.args().get(0)) {
            case "bootout" -> {
                if (!launchctl.bootout(label)) {
                    return label + " was not loaded";
                }
                if (!Health.awaitGone(launchctl, label, null, Lifecycle.JOB_GONE, Lifecycle.PORT_RELEASED)) {
                    throw FleetException.operational("booted out " + label + ", but launchd still lists it after "
                            + Lifecycle.JOB_GONE.toSeconds() + " s");
                }
                return "booted out " + label;
            }
            case "disable" -> {
                launchctl.disable(label);
                return "disabled " + label;
            }
            case "enable" -> {
                launchctl.enable(label);
                return "enabled " + label;
            }
            default -> throw new IllegalStateException("no such launchctl action " + l.args());
        }
    }

    /** Stops a gateway outside launchd, but only while its pid still runs the command line the audit saw. */
    private static String stop(Action.StopProcess s, FleetEnv env) {
        Optional<ProcessInfo> now = Ps.processes(env.runner(), env.timeout()).stream().filter(p -> p.pid() == s.pid()).findFirst();
        if (now.isEmpty()) {
            return "pid " + s.pid() + " is already gone";
        }
        if (s.command() != null && !Redaction.redact(now.get().command().strip(), List.of()).equals(s.command())) {
            return "failed: pid " + s.pid() + " now runs something else; it was left alone";
        }
        ProcessHandle process = ProcessHandle.of(s.pid()).orElse(null);
        if (process == null) {
            return "pid " + s.pid() + " is already gone";
        }
        process.destroy();
        if (gone(env, s.pid(), Duration.ofSeconds(s.graceSeconds()))) {
            return "stopped pid " + s.pid() + " (SIGTERM)";
        }
        process.destroyForcibly();
        if (gone(env, s.pid(), Duration.ofSeconds(5))) {
            return "stopped pid " + s.pid() + " (SIGKILL after " + s.graceSeconds() + " s)";
        }
        throw FleetException.operational("pid " + s.pid() + " did not stop, even after SIGKILL");
    }

    private static boolean gone(FleetEnv env, long pid, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)
                    || Ps.processes(env.runner(), env.timeout()).stream().noneMatch(p -> p.pid() == pid)) {
                return true;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private static String start(Action.Start s, FleetEnv env, Launchctl launchctl, Duration wait, FixJournal.Entry[] journal) {
        if (launchctl == null) {
            throw FleetException.operational("`launchctl` is not on PATH: launchd exists only on macOS");
        }
        Instance i = Lookup.fleet(env).instances().stream().filter(x -> x.plistPath().equals(s.plist().toString())
                || x.plist().toAbsolutePath().equals(s.plist().toAbsolutePath())).findFirst()
                .orElseThrow(() -> FleetException.operational(s.plist() + " is gone: " + s.name() + " was not started"));
        // The plan reloads an instance whose plist it wrote: kickstart -k would run launchd's old copy of the job.
        boolean reload = s.calls().stream().anyMatch(c -> c.startsWith("bootout "));
        Lifecycle.Outcome outcome = Lifecycle.restart(env, launchctl, i, wait, reload);
        List<FixJournal.Pending> left = journal[0].pending().stream().filter(p -> !p.plist().equals(s.plist().toString())).toList();
        journal[0] = journal[0].withPending(left);
        FixJournal.write(env.layout().root(), env.uid(), journal[0]);
        return outcome.ok() ? outcome.message() : "failed: " + outcome.message();
    }

    /** The fingerprint of each new token that is now in its instance's config. */
    private static Map<String, String> fingerprints(FixPlan plan, FleetEnv env) {
        Map<String, String> out = new LinkedHashMap<>();
        if (plan.tokens().isEmpty()) {
            return out;
        }
        for (InstanceState s : Lookup.fleet(env).host().instances()) {
            Secret planned = plan.tokens().get(s.instance().name());
            if (planned != null && s.config() instanceof ConfigState.Loaded loaded && planned.equals(loaded.config().token())) {
                out.put(s.instance().name(), planned.fingerprint());
            }
        }
        return out;
    }

    /** A line per action in {@code fix.log} in the backup folder, to see later what was done (never a secret). */
    private static void log(BackupDir backups, Action action, String done) {
        try {
            Path log = backups.dir().resolve("fix.log");
            String line = Instant.now() + "  " + action.describe().replace("\n", "\n    ") + "\n    -> " + (done == null ? "nothing to do" : done) + "\n";
            if (!Files.exists(log)) {
                AtomicFiles.write(log, new byte[0], AtomicFiles.MODE_0600, false);
            }
            Files.write(log, line.getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            // the log is a convenience; the backups themselves are what matters
        }
    }
}
