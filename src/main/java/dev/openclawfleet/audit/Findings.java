package dev.openclawfleet.audit;

import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.Instance;
import dev.openclawfleet.model.KeyPath;
import dev.openclawfleet.model.RuleInfo;

import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Shorthands the rules share for building findings about instances. */
public final class Findings {
    private Findings() {
    }

    /** A finding about one instance, located at its plist. */
    public static Finding about(RuleInfo rule, Instance instance, String message) {
        return Finding.of(rule, instance.name(), instance.plistPath(), message);
    }

    /** A finding about several instances at once, located at the first plist in path order. */
    public static Finding aboutAll(RuleInfo rule, List<Instance> group, String message) {
        List<Instance> sorted = group.stream().sorted(Comparator.comparing(Instance::plistPath)).toList();
        return new Finding(rule.id(), rule.severity(), sorted.stream().map(Instance::name).distinct().toList(),
                sorted.get(0).plistPath(), message, rule.fix());
    }

    /** A finding about several instances, located at the first plist in path order, at that plist's {@code key}. */
    public static Finding aboutAll(RuleInfo rule, List<Instance> group, String message, Function<Instance, KeyPath> key) {
        Instance first = group.stream().min(Comparator.comparing(Instance::plistPath)).orElseThrow();
        return aboutAll(rule, group, message).at(key.apply(first));
    }

    /** "luca (a.plist), critic (b.plist)" for messages about a group. */
    public static String describe(List<Instance> group) {
        return group.stream().sorted(Comparator.comparing(Instance::plistPath))
                .map(i -> i.name() + " (" + i.plistPath() + ")").collect(Collectors.joining(", "));
    }
}
