package dev.openclawfleet.monitor;

import dev.openclawfleet.metrics.AuditRun;
import dev.openclawfleet.metrics.HealthChanges;
import dev.openclawfleet.model.FleetException;
import dev.openclawfleet.model.FleetLayout;
import dev.openclawfleet.system.ProcessRunner;
import dev.openclawfleet.system.SafeFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * `fleet metrics --notify`: compares the fleet's health with what the previous run saw and posts
 * one macOS notification (osascript, through the process seam) when an instance turned unhealthy
 * or recovered. The text holds instance names and rule ids only.
 */
public final class Notifier {
    static final String TITLE = "openclaw-fleet";
    /**
     * The message travels as an argument of the AppleScript run handler, never inside the script:
     * no quoting of names, nothing a label could inject.
     */
    static final String[] SCRIPT = {"-e", "on run argv", "-e", "display notification (item 1 of argv) with title (item 2 of argv)",
            "-e", "end run"};

    private Notifier() {
    }

    /** Compares, remembers, notifies; every step that cannot happen becomes one note line. */
    public static void notifyChanges(Path root, long uid, AuditRun run, ProcessRunner runner, Duration timeout, Consumer<String> note) {
        if (!run.complete()) {
            note.accept("health not compared: the audit was incomplete, so a recovery could be a guess");
            return;
        }
        Path dir;
        try {
            dir = FleetDir.ensure(root, FleetLayout.FLEET_DIR, uid);
        } catch (FleetException e) {
            note.accept("notifications skipped: " + e.getMessage());
            return;
        }
        var current = HealthChanges.unhealthy(run.report());
        HealthChanges changes = HealthChanges.between(HealthMemory.read(dir), current, run.report());
        try {
            HealthMemory.write(dir, current);
        } catch (IOException e) {
            note.accept("cannot remember the fleet's health in " + dir + ": " + SafeFiles.ioReason(e));
        }
        if (changes.isEmpty()) {
            return;
        }
        String message = "Fleet health: " + changes.message();
        note.accept(message);
        if (!runner.has("osascript")) {
            note.accept("notification skipped: `osascript` is not on PATH (not a Mac?)");
            return;
        }
        String[] args = new String[SCRIPT.length + 2];
        System.arraycopy(SCRIPT, 0, args, 0, SCRIPT.length);
        args[SCRIPT.length] = message;
        args[SCRIPT.length + 1] = TITLE;
        try {
            ProcessRunner.Result r = runner.run(timeout, "osascript", args);
            if (!r.ok()) {
                note.accept("osascript failed with exit code " + r.exitCode() + ": " + dev.openclawfleet.model.Text.printable(r.stderr().strip(), 200));
            }
        } catch (FleetException e) {
            note.accept("notification failed: " + e.getMessage());
        }
    }
}
