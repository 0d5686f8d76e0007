package dev.openclawfleet.model;

import java.util.List;
import java.util.Map;

/**
 * The outcome of a lint or audit: the gateway instances found, the findings, notes for the reader
 * (such as "live checks were skipped"), operational problems (a directory that could not be
 * read...) which make the run incomplete, and for a live audit each instance's live digest by plist path.
 */
public record Report(List<Instance> instances, List<Finding> findings, List<String> notes, List<String> problems,
                     Map<String, LiveStatus> live) {
    public Report {
        instances = List.copyOf(instances);
        findings = List.copyOf(findings);
        notes = List.copyOf(notes);
        problems = List.copyOf(problems);
        live = Map.copyOf(live);
    }

    public Report(List<Instance> instances, List<Finding> findings, List<String> notes, List<String> problems) {
        this(instances, findings, notes, problems, Map.of());
    }

    /** The live digest of an instance, when a live audit ran. */
    public java.util.Optional<LiveStatus> liveOf(Instance instance) {
        return java.util.Optional.ofNullable(live.get(instance.plistPath()));
    }

    public Report withLive(Map<String, LiveStatus> statuses) {
        return new Report(instances, findings, notes, problems, statuses);
    }

    public long count(Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }

    /** 3 when the run was incomplete, 1 when an error (or with {@code strict} a warning) was found, else 0. */
    public int exitCode(boolean strict) {
        if (!problems.isEmpty()) {
            return ExitCodes.OPERATIONAL;
        }
        if (count(Severity.ERROR) > 0 || (strict && count(Severity.WARNING) > 0)) {
            return ExitCodes.FINDINGS;
        }
        return ExitCodes.OK;
    }
}
