package dev.openclawfleet.audit;

import dev.openclawfleet.audit.rules.LegacyService;
import dev.openclawfleet.audit.rules.LockCollision;
import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.HostState;
import dev.openclawfleet.model.Instance;
import dev.openclawfleet.model.LiveHost;
import dev.openclawfleet.model.PlistFile;
import dev.openclawfleet.model.Report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Runs the rules over classified plists (lint), and over their state too (audit). Pure: every
 * input was read beforehand by the adapters.
 */
public final class Checker {
    /** Findings in a stable order: by file, then severity, then rule id, then message. */
    public static final Comparator<Finding> ORDER = Comparator
            .comparing((Finding f) -> f.path() == null ? "" : f.path())
            .thenComparing(Finding::severity)
            .thenComparing(Finding::rule)
            .thenComparing(Finding::message);

    private Checker() {
    }

    /** Per-plist and across-plist rules only: see {@link #audit(List, HostState)} for the order. */
    public static List<Finding> lint(List<PlistFile> files) {
        return check(files, null);
    }

    /**
     * Lint's findings plus the state rules: the per-plist findings in file order, then each fleet
     * rule's, then each state rule's, in catalog order.
     */
    public static List<Finding> audit(List<PlistFile> files, HostState host) {
        return check(files, host);
    }

    private static final int PARALLEL_FROM = 64;
    /** Plists per task of the per-plist pass: enough to outweigh a task's cost, few enough to share out evenly. */
    static final int FILES_PER_TASK = 128;

    /**
     * The rules are pure and independent of each other, so the per-plist pass (in slices of
     * {@link #FILES_PER_TASK} files) and every fleet and state rule run side by side on all cores,
     * as the tasks of one ordered stream that puts their findings back in the order above whichever
     * finishes first. One flat stream, not a parallel stream per plist inside a parallel stream of
     * rules: the calling thread cannot help with a nested stream's tasks, and the whole per-plist
     * pass then ran on one core.
     */
    private static List<Finding> check(List<PlistFile> files, HostState host) {
        List<Instance> instances = instances(files);
        List<Supplier<List<Finding>>> parts = new ArrayList<>();
        for (int from = 0; from < files.size(); from += FILES_PER_TASK) {
            List<PlistFile> slice = files.subList(from, Math.min(files.size(), from + FILES_PER_TASK));
            parts.add(() -> plistFindings(slice));
        }
        for (FleetRule rule : RuleCatalog.FLEET_RULES) {
            parts.add(() -> rule.check(instances));
        }
        if (host != null) {
            for (StateRule rule : RuleCatalog.STATE_RULES) {
                parts.add(() -> rule.check(host));
            }
        }
        boolean parallel = files.size() >= PARALLEL_FROM;
        List<List<Finding>> done = (parallel ? parts.parallelStream() : parts.stream()).map(Supplier::get).toList();
        List<Finding> out = new ArrayList<>(done.stream().mapToInt(List::size).sum());
        done.forEach(out::addAll);
        return out;
    }

    /** Every plist rule over every file of {@code files}, in file order, on the calling thread. */
    private static List<Finding> plistFindings(List<PlistFile> files) {
        List<Finding> out = new ArrayList<>();
        for (PlistFile file : files) {
            out.addAll(plistFindings(file));
        }
        return out;
    }

    private static List<Finding> plistFindings(PlistFile file) {
        List<Finding> found = new ArrayList<>();
        for (PlistRule rule : RuleCatalog.PLIST_RULES) {
            found.addAll(rule.check(file));
        }
        return found;
    }

    /** The live rules, on what the live probe read. */
    public static List<Finding> live(LiveHost host) {
        List<Finding> out = new ArrayList<>();
        for (LiveRule rule : RuleCatalog.LIVE_RULES) {
            out.addAll(rule.check(host));
        }
        return out;
    }

    /**
     * A clash between OpenClaw's default gateway (or a legacy job) and a fleet instance is reported
     * once, as legacy-service (whose fix removes the old job), not also as a uniqueness or lock
     * finding on the same pair. Audit applies it after the live rules ran.
     */
    public static List<Finding> supersedeByLegacyService(List<Finding> findings) {
        Set<Set<String>> legacyPairs = findings.stream().filter(f -> f.rule().equals(LegacyService.INFO.id()))
                .map(f -> Set.copyOf(f.instances())).collect(Collectors.toSet());
        if (legacyPairs.isEmpty()) {
            return findings;
        }
        return findings.stream().filter(f -> !((RuleCatalog.isFleetRule(f.rule()) || f.rule().equals(LockCollision.INFO.id()))
                        && legacyPairs.contains(Set.copyOf(f.instances())))).toList();
    }

    public static List<Instance> instances(List<PlistFile> files) {
        return files.stream().filter(f -> f instanceof PlistFile.Gateway).map(f -> ((PlistFile.Gateway) f).instance()).toList();
    }

    /**
     * The report: findings not ignored, sorted, each with its id and root cause ({@link Causes});
     * instances sorted by name then plist.
     */
    public static Report report(List<PlistFile> files, List<Finding> findings, Set<String> ignored, List<String> notes,
                                List<String> problems) {
        Finding[] kept = findings.stream().filter(f -> !ignored.contains(f.rule())).toArray(Finding[]::new);
        // Both sorts are stable (the parallel one too), so ties keep the rules' order, as before.
        if (kept.length >= PARALLEL_FROM) {
            Arrays.parallelSort(kept, ORDER);
        } else {
            Arrays.sort(kept, ORDER);
        }
        List<Instance> instances = instances(files).stream()
                .sorted(Comparator.comparing(Instance::name).thenComparing(Instance::plistPath)).toList();
        return new Report(instances, Causes.link(Arrays.asList(kept)), notes, problems);
    }
}
