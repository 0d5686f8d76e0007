package dev.openclawfleet.metrics;

import dev.openclawfleet.audit.RuleCatalog;
import dev.openclawfleet.audit.rules.HostUnreachable;
import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.Instance;
import dev.openclawfleet.model.RuleInfo;
import dev.openclawfleet.model.Severity;
import dev.openclawfleet.metrics.MetricFamily.Type;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Turns one audit into metric families, in a fixed order with fixed names (docs/commands/metrics.md
 * lists them). Pure: what it shows was read by the audit. Per-instance samples carry the labels
 * {@code instance}, {@code label}, {@code port} and, when known, {@code host}; an unknown fact has
 * no sample. Nothing here reads a config, so no token or fingerprint can reach a label or value.
 */
public final class FleetMetrics {
    public static final String PREFIX = "openclaw_fleet_";

    private FleetMetrics() {
    }

    public static List<MetricFamily> of(AuditRun run) {
        List<InstanceView> views = run.report().instances().stream().map(i -> InstanceView.of(run.report(), i)).toList();
        Map<Instance, Map<String, String>> labels = labels(run.report().instances(), run.host());
        List<MetricFamily> out = new ArrayList<>();

        out.add(family("build_info", Type.GAUGE, "openclaw-fleet's version; always 1.",
                List.of(Sample.of(with(hostLabels(run.host()), "version", run.version()), 1))));
        out.add(perInstance("instance_info", "One per gateway instance found in the LaunchAgents dir; always 1. Labels: kind (fleet, openclaw, legacy).",
                views, labels, v -> 1.0, v -> Map.of("kind", v.instance().kind().id())));
        out.add(perInstance("instance_loaded", "1 when launchd has loaded the job, 0 when not; absent when launchd was not asked or did not answer.",
                views, labels, v -> bool(v.loaded()), v -> Map.of()));
        out.add(perInstance("instance_running", "1 when the job has a process, 0 when not; absent when unknown.",
                views, labels, v -> bool(v.running()), v -> Map.of()));
        out.add(perInstance("instance_listening", "1 when the job's process listens on its gateway port, 0 when not; absent when unknown.",
                views, labels, v -> bool(v.listening()), v -> Map.of()));
        out.add(perInstance("instance_disabled", "1 when the label is disabled in launchd (it will not load at login); absent when unknown.",
                views, labels, v -> bool(v.disabled()), v -> Map.of()));
        out.add(perInstance("instance_stopped", "1 when the instance is stopped on purpose (disabled and not loaded); absent when unknown.",
                views, labels, v -> bool(v.stopped()), v -> Map.of()));
        out.add(perInstance("instance_healthy", "1 when no error finding names the instance, else 0.",
                views, labels, v -> Sample.bool(v.healthy()), v -> Map.of()));
        // launchd counts spawns from the moment it loads the job and starts again at 0 on the next
        // load: a counter that resets, exactly like a process restart, which rate() and increase() handle.
        out.add(family("instance_runs_total", Type.COUNTER,
                "Spawns of the job since launchd loaded it (launchd's runs; starts again at 0 when the job is loaded again).",
                samples(views, labels, v -> v.runs() == null ? null : v.runs().doubleValue(), v -> Map.of())));
        out.add(perInstance("instance_last_exit_code", "Exit status of the job's last run; absent when it never exited or was killed by a signal.",
                views, labels, v -> v.lastExitCode() == null ? null : v.lastExitCode().doubleValue(), v -> Map.of()));
        out.add(perInstance("instance_last_exit_signal", "Signal number (as macOS numbers them) that ended the job's last run; absent otherwise.",
                views, labels, v -> v.lastSignal() == null ? null : v.lastSignal().doubleValue(), v -> Map.of()));
        out.add(perInstance("instance_uptime_seconds", "Age of the job's current process; absent when it has none or ps was not available.",
                views, labels, v -> v.uptimeSeconds() == null ? null : v.uptimeSeconds().doubleValue(), v -> Map.of()));
        out.add(family("instance_findings", Type.GAUGE, "Findings that name the instance, by severity.", severitySamples(views, labels)));

        out.add(family("instances", Type.GAUGE, "Gateway instances found.", List.of(Sample.of(hostLabels(run.host()), views.size()))));
        out.add(fleetCount("instances_loaded", "Instances launchd has loaded.", run, views, InstanceView::loaded));
        out.add(fleetCount("instances_running", "Instances with a running process.", run, views, InstanceView::running));
        out.add(fleetCount("instances_listening", "Instances listening on their gateway port.", run, views, InstanceView::listening));
        out.add(family("instances_healthy", Type.GAUGE, "Instances that no error finding names.",
                List.of(Sample.of(hostLabels(run.host()), views.stream().filter(InstanceView::healthy).count()))));
        out.add(family("findings", Type.GAUGE, "Findings of the audit by rule and severity (every rule appears, at 0 when it found nothing).",
                findingSamples(run)));
        out.add(family("problems", Type.GAUGE, "Operational problems that left the audit incomplete (an unreadable dir, launchctl failing).",
                List.of(Sample.of(hostLabels(run.host()), run.report().problems().size()))));
        out.add(family("audit_success", Type.GAUGE, "1 when the audit read everything it wanted to (no operational problem), else 0.",
                List.of(Sample.of(hostLabels(run.host()), Sample.bool(run.complete())))));
        out.add(family("audit_live", Type.GAUGE, "1 when the audit asked launchd, lsof and ps; 0 for an offline audit or where launchctl is missing.",
                List.of(Sample.of(hostLabels(run.host()), Sample.bool(run.live())))));
        out.add(family("audit_exit_code", Type.GAUGE, "Exit code `fleet audit` would return: 0 clean, 1 error findings, 3 incomplete.",
                List.of(Sample.of(hostLabels(run.host()), run.exitCode()))));
        out.add(family("audit_duration_seconds", Type.GAUGE, "How long the audit took.",
                List.of(Sample.of(hostLabels(run.host()), run.duration().toNanos() / 1e9))));
        out.add(family("audit_timestamp_seconds", Type.GAUGE, "When the audit finished, in seconds since the Unix epoch.",
                List.of(Sample.of(hostLabels(run.host()), run.finishedAt().toEpochMilli() / 1000.0))));
        return List.copyOf(out);
    }

    /**
     * Several audits in one exposition (`fleet metrics --host/--hosts`): every family once, with the
     * samples of each host (each carries its {@code host} label), {@code build_info} once without
     * one, and {@code host_reachable} per host. One audit of this Mac gives {@link #of(AuditRun)}.
     */
    public static List<MetricFamily> of(List<AuditRun> runs) {
        if (runs.size() == 1 && runs.get(0).host() == null) {
            return of(runs.get(0));
        }
        Map<String, MetricFamily> merged = new LinkedHashMap<>();
        for (AuditRun run : runs) {
            for (MetricFamily f : of(run)) {
                MetricFamily known = merged.get(f.name());
                if (known == null) {
                    merged.put(f.name(), f);
                } else if (!f.name().equals(PREFIX + "build_info")) {
                    List<Sample> samples = new ArrayList<>(known.samples());
                    samples.addAll(f.samples());
                    merged.put(f.name(), new MetricFamily(f.name(), f.type(), f.help(), samples));
                }
            }
        }
        List<MetricFamily> out = new ArrayList<>();
        String version = runs.isEmpty() ? "dev" : runs.get(0).version();
        out.add(family("build_info", Type.GAUGE, "openclaw-fleet's version; always 1.", List.of(Sample.of(Map.of("version", version), 1))));
        merged.values().stream().filter(f -> !f.name().equals(PREFIX + "build_info")).forEach(out::add);
        out.add(family("host_reachable", Type.GAUGE, "1 when the Mac was read over SSH, 0 when it could not be (host-unreachable).",
                runs.stream().map(r -> Sample.of(hostLabels(r.host()), Sample.bool(r.report().findings().stream()
                        .noneMatch(f -> f.rule().equals(HostUnreachable.INFO.id()))))).toList()));
        return List.copyOf(out);
    }

    private static MetricFamily family(String name, Type type, String help, List<Sample> samples) {
        return new MetricFamily(PREFIX + name, type, help, samples);
    }

    private static MetricFamily perInstance(String name, String help, List<InstanceView> views, Map<Instance, Map<String, String>> labels,
                                            Function<InstanceView, Double> value, Function<InstanceView, Map<String, String>> extra) {
        return family(name, Type.GAUGE, help, samples(views, labels, value, extra));
    }

    private static List<Sample> samples(List<InstanceView> views, Map<Instance, Map<String, String>> labels,
                                        Function<InstanceView, Double> value, Function<InstanceView, Map<String, String>> extra) {
        List<Sample> out = new ArrayList<>();
        for (InstanceView v : views) {
            Double d = value.apply(v);
            if (d != null) {
                Map<String, String> l = new LinkedHashMap<>(labels.get(v.instance()));
                l.putAll(extra.apply(v));
                out.add(Sample.of(l, d));
            }
        }
        return out;
    }

    private static List<Sample> severitySamples(List<InstanceView> views, Map<Instance, Map<String, String>> labels) {
        List<Sample> out = new ArrayList<>();
        for (InstanceView v : views) {
            for (Severity s : Severity.values()) {
                out.add(Sample.of(with(labels.get(v.instance()), "severity", s.id()), v.findings().get(s)));
            }
        }
        return out;
    }

    /** A fleet-wide count of instances for which a fact is known to hold; absent when launchd was not asked. */
    private static MetricFamily fleetCount(String name, String help, AuditRun run, List<InstanceView> views,
                                           Function<InstanceView, Boolean> fact) {
        List<Sample> samples = run.live()
                ? List.of(Sample.of(hostLabels(run.host()), views.stream().filter(v -> Boolean.TRUE.equals(fact.apply(v))).count()))
                : List.of();
        return family(name, Type.GAUGE, help + " Absent when launchd was not asked.", samples);
    }

    /** Every rule of the catalogue at its own severity (0 when quiet), plus any other severity a finding was given. */
    private static List<Sample> findingSamples(AuditRun run) {
        Map<String, Map<Severity, Long>> counts = new TreeMap<>();
        for (RuleInfo rule : RuleCatalog.all()) {
            counts.computeIfAbsent(rule.id(), k -> new java.util.EnumMap<>(Severity.class)).put(rule.severity(), 0L);
        }
        for (Finding f : run.report().findings()) {
            counts.computeIfAbsent(f.rule(), k -> new java.util.EnumMap<>(Severity.class)).merge(f.severity(), 1L, Long::sum);
        }
        List<Sample> out = new ArrayList<>();
        counts.forEach((rule, bySeverity) -> bySeverity.forEach((severity, n) -> {
            Map<String, String> l = new LinkedHashMap<>(hostLabels(run.host()));
            l.put("rule", rule);
            l.put("severity", severity.id());
            out.add(Sample.of(l, n));
        }));
        return out;
    }

    /**
     * instance, label, port (and host) for each instance. Two plists that claim the same name,
     * label and port (a duplicate-label error in itself) would give identical series, which
     * Prometheus rejects; those get a {@code plist} label with their file name too.
     */
    static Map<Instance, Map<String, String>> labels(List<Instance> instances, String host) {
        Map<Instance, Map<String, String>> out = new LinkedHashMap<>();
        Map<Map<String, String>, Integer> seen = new HashMap<>();
        for (Instance i : instances) {
            Map<String, String> l = base(i, host);
            out.put(i, l);
            seen.merge(l, 1, Integer::sum);
        }
        out.replaceAll((i, l) -> seen.get(l) > 1 ? with(l, "plist", i.plist().getFileName().toString()) : l);
        return out;
    }

    private static Map<String, String> base(Instance i, String host) {
        Map<String, String> l = new LinkedHashMap<>();
        l.put("instance", i.name());
        l.put("label", i.label() == null ? "" : i.label());
        l.put("port", i.port() == null ? "" : Integer.toString(i.port()));
        if (host != null) {
            l.put("host", host);
        }
        return l;
    }

    private static Map<String, String> hostLabels(String host) {
        return host == null ? Map.of() : Map.of("host", host);
    }

    private static Map<String, String> with(Map<String, String> labels, String key, String value) {
        Map<String, String> out = new LinkedHashMap<>(labels);
        out.put(key, value);
        return out;
    }

    private static Double bool(Boolean b) {
        return b == null ? null : Sample.bool(b);
    }
}
