package dev.openclawfleet.app;

import dev.openclawfleet.metrics.AuditRun;
import dev.openclawfleet.model.FleetException;
import dev.openclawfleet.model.Report;
import dev.openclawfleet.system.AtomicFiles;
import dev.openclawfleet.system.SafeFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * `fleet metrics`: one audit, exactly as `fleet audit` runs it, timed; and the textfile that
 * node_exporter's textfile collector reads.
 */
public final class Metrics {
    /** The file name in the textfile dir; node_exporter reads every {@code *.prom} there. */
    public static final String TEXTFILE = "openclaw_fleet.prom";

    private Metrics() {
    }

    /** Runs the audit and says how long it took and whether launchd was asked. */
    public static AuditRun audit(Path agentsDir, Path root, long uid, Audit.LiveOptions live, String version) {
        long start = System.nanoTime();
        Report report = Audit.run(agentsDir, root, Set.of(), uid, live);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        boolean asked = !live.offline() && !report.notes().contains(Audit.NO_LAUNCHCTL_NOTE);
        return new AuditRun(report, took, Instant.now(), asked, null, version);
    }

    /**
     * Writes {@code DIR/openclaw_fleet.prom} atomically with mode 0644: a temp file in DIR (a dot
     * name without .prom, which the collector skips) renamed over the old file, so a scrape never
     * sees half a file. DIR must exist: it is node_exporter's --collector.textfile.directory.
     */
    public static Path writeTextfile(Path dir, String exposition) {
        if (!Files.isDirectory(dir)) {
            throw FleetException.operational("--textfile " + dir + ": " + (Files.exists(dir) ? "not a directory"
                    : "the directory does not exist") + "; point it at node_exporter's --collector.textfile.directory");
        }
        Path target = dir.resolve(TEXTFILE);
        try {
            AtomicFiles.write(target, exposition.getBytes(StandardCharsets.UTF_8), AtomicFiles.MODE_0644, true);
        } catch (IOException e) {
            throw new FleetException(dev.openclawfleet.model.ExitCodes.OPERATIONAL, "cannot write " + target + ": " + SafeFiles.ioReason(e), e);
        }
        return target;
    }
}
