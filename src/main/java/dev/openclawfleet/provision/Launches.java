package dev.openclawfleet.provision;

import dev.openclawfleet.launchd.Launchctl;
import dev.openclawfleet.model.ServiceRecord;
import dev.openclawfleet.model.StartRecord;
import dev.openclawfleet.state.StartRecords;
import dev.openclawfleet.system.SafeFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Remembers fleet's own spawns of a job. launchd counts every spawn in {@code runs} and does not say
 * who caused it, so right after its own bootstrap or kickstart fleet records the count (and the err
 * log's size just before), and the audit does not take those spawns, or the SIGTERM exits of a
 * restart, for a crash loop.
 */
final class Launches {
    private Launches() {
    }

    /** The size of the job's err log now (0 when it has none yet), taken just before a start. */
    static long errLogSize(String errLog) {
        if (errLog == null || !errLog.startsWith("/")) {
            return 0;
        }
        try {
            Path p = Path.of(errLog);
            return Files.isRegularFile(p) ? Files.size(p) : 0;
        } catch (IOException | java.nio.file.InvalidPathException e) {
            return 0;
        }
    }

    /**
     * Records the start fleet just made: launchd's {@code runs} now, at least one more than before
     * the start (a Mac may show the new spawn a moment later than the call returns). Returns the
     * count recorded. A record that cannot be written is said once and does not fail the start.
     */
    static long remember(FleetEnv env, Launchctl launchctl, String label, long runsBefore, long errLogOffset, String operation) {
        Optional<ServiceRecord> now;
        try {
            now = launchctl.print(label);
        } catch (RuntimeException e) {
            now = Optional.empty();
        }
        long runs = Math.max(runsBefore + 1, now.map(ServiceRecord::runs).orElse(0L));
        Long pid = now.flatMap(ServiceRecord::pidValue).map(Integer::longValue).orElse(null);
        try {
            StartRecords.write(env.layout().root(), env.uid(), new StartRecord(label, runs, pid, Instant.now(), errLogOffset, operation));
        } catch (IOException e) {
            env.say().accept("note: could not record this start of " + label + " in " + env.layout().root().resolve(StartRecords.DIR)
                    + " (" + SafeFiles.ioReason(e) + "): an audit right now may count it as a respawn");
        }
        return runs;
    }

    /** Forgets the record after a bootout: launchd starts counting again at the next load. */
    static void forget(FleetEnv env, String label) {
        try {
            StartRecords.delete(env.layout().root(), label);
        } catch (IOException e) {
            // the next start rewrites it; until then the audit ignores it once launchd's count is below it
        }
    }
}
