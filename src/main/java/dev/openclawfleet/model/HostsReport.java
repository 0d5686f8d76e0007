package dev.openclawfleet.model;

import java.util.ArrayList;
import java.util.List;

/** The audit of several Macs: each host's report, in the order the hosts were given. */
public record HostsReport(List<HostReport> hosts) {
    public HostsReport {
        hosts = List.copyOf(hosts);
    }

    public long count(Severity severity) {
        return hosts.stream().mapToLong(h -> h.report().count(severity)).sum();
    }

    public long instances() {
        return hosts.stream().mapToLong(h -> h.report().instances().size()).sum();
    }

    public long unreachable() {
        return hosts.stream().filter(h -> !h.reached()).count();
    }

    public long problems() {
        return hosts.stream().mapToLong(h -> h.report().problems().size()).sum();
    }

    /**
     * As for one Mac: 3 when the run was incomplete (a host not reached, or a problem on one), which
     * wins; 1 when an error (or with {@code strict} a warning) was found; else 0.
     */
    public int exitCode(boolean strict) {
        if (unreachable() > 0 || problems() > 0) {
            return ExitCodes.OPERATIONAL;
        }
        if (count(Severity.ERROR) > 0 || (strict && count(Severity.WARNING) > 0)) {
            return ExitCodes.FINDINGS;
        }
        return ExitCodes.OK;
    }

    /**
     * One report for the formats that have no place for a host (SARIF, GitHub annotations): every
     * host's instances and findings, each finding's message, each note and problem led by
     * {@code [host]}.
     */
    public Report flattened() {
        List<Instance> instances = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (HostReport h : hosts) {
            String tag = "[" + h.host() + "] ";
            instances.addAll(h.report().instances());
            h.report().findings().forEach(f -> findings.add(f.withText(tag + f.message(), f.fix())));
            h.report().notes().forEach(n -> notes.add(tag + n));
            h.report().problems().forEach(p -> problems.add(tag + p));
        }
        return new Report(instances, findings, notes, problems);
    }
}
