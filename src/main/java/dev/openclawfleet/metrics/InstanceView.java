package dev.openclawfleet.metrics;

import dev.openclawfleet.audit.rules.Disabled;
import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.Instance;
import dev.openclawfleet.model.JobStatus;
import dev.openclawfleet.model.LiveStatus;
import dev.openclawfleet.model.Report;
import dev.openclawfleet.model.Severity;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the metrics and the monitor say about one instance, read from an audit report. This is the
 * only place that reads {@link LiveStatus}: when launchd's state becomes one closed set, only this
 * file changes. A null fact is unknown (offline audit, or launchd did not answer for this job) and
 * its sample is left out rather than guessed.
 */
public record InstanceView(Instance instance, Boolean loaded, Boolean running, Boolean listening, Boolean disabled,
                           Long runs, Integer lastExitCode, Integer lastSignal, Long uptimeSeconds,
                           Map<Severity, Long> findings, List<String> errorRules) {
    private static final Pattern TRAILING_NUMBER = Pattern.compile("(\\d+)\\s*$");

    public InstanceView {
        findings = Map.copyOf(findings);
        errorRules = List.copyOf(errorRules);
    }

    public static InstanceView of(Report report, Instance instance) {
        List<Finding> mine = report.findings().stream().filter(f -> f.instances().contains(instance.name())).toList();
        Map<Severity, Long> counts = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            counts.put(s, mine.stream().filter(f -> f.severity() == s).count());
        }
        List<String> errors = mine.stream().filter(f -> f.severity() == Severity.ERROR).map(Finding::rule).distinct().sorted().toList();
        LiveStatus s = report.liveOf(instance).orElse(null);
        if (s == null || s.loaded() == null) {
            return new InstanceView(instance, null, null, null, null, null, null, null, null, counts, errors);
        }
        boolean loaded = s.loaded();
        // launchd names a pid only while the job has a process (LiveProbe.status).
        boolean running = loaded && s.pid() != null;
        // print-disabled is read once per audit: a stopped job (disabled, not loaded) has that status,
        // and a loaded job that is disabled gets the disabled rule's warning.
        boolean disabled = s.status() == JobStatus.STOPPED
                || mine.stream().anyMatch(f -> f.rule().equals(Disabled.INFO.id()) && instance.plistPath().equals(f.path()));
        // Listening means the instance's own gateway serves its port, not a squatter on it.
        Boolean listening = s.listening() == null ? null : s.listening() && !Boolean.FALSE.equals(s.listenerIsJob());
        return new InstanceView(instance, loaded, running, listening, disabled, loaded ? s.runs() : null,
                s.lastExitCode(), signal(s.lastSignal()), running ? s.uptimeSeconds() : null, counts, errors);
    }

    /** Deliberately off: disabled in launchd and not loaded (what `fleet stop` leaves), null when unknown. */
    public Boolean stopped() {
        return loaded == null || disabled == null ? null : disabled && !loaded;
    }

    /** No error finding names the instance: what a live audit says when it is loaded, running and listening. */
    public boolean healthy() {
        return errorRules.isEmpty();
    }

    /** The signal number of "Terminated: 15", or null. */
    static Integer signal(String lastSignal) {
        if (lastSignal == null) {
            return null;
        }
        Matcher m = TRAILING_NUMBER.matcher(lastSignal);
        return m.find() ? Integer.valueOf(m.group(1)) : null;
    }
}
