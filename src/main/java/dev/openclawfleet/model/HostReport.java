package dev.openclawfleet.model;

import java.util.Objects;

/**
 * One Mac's part of a multi-host audit: its name as the user wrote it, whether it was reached, its
 * report (for a host that was not reached, the one host-unreachable finding), and why it was not
 * reached (null when it was).
 */
public record HostReport(String host, boolean reached, Report report, String reason) {
    public HostReport {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(report, "report");
    }
}
