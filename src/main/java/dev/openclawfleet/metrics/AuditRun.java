package dev.openclawfleet.metrics;

import dev.openclawfleet.audit.rules.HostUnreachable;
import dev.openclawfleet.model.Report;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One audit as the metrics describe it: the report, how long it took, when it finished, whether
 * launchd was asked (not offline, launchctl found), the host it is about (null for this Mac) and
 * fleet's version.
 */
public record AuditRun(Report report, Duration duration, Instant finishedAt, boolean live, String host, String version) {
    public AuditRun {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(finishedAt, "finishedAt");
        version = version == null ? "dev" : version;
    }

    /** The audit read everything it wanted to: no operational problem, and (for another Mac) the Mac was reached. */
    public boolean complete() {
        return report.problems().isEmpty() && report.findings().stream().noneMatch(f -> f.rule().equals(HostUnreachable.INFO.id()));
    }

    /** What `fleet audit` would return for this audit alone: 3 when it is incomplete, else the report's code. */
    public int exitCode() {
        return complete() ? report.exitCode(false) : dev.openclawfleet.model.ExitCodes.OPERATIONAL;
    }
}
