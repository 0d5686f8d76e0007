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

    /**
     * A finding about several instances at once (named in plist path order), located at the plist
     * that introduced the clash: the newer one ({@link PlistAge}), so that an annotation lands on the
     * file to change.
     */
    public static Finding aboutAll(RuleInfo rule, List<Instance> group, String message) {
        List<Instance> sorted = group.stream().sorted(Comparator.comparing(Instance::plistPath)).toList();
        return new Finding(rule.id(), rule.severity(), sorted.stream().map(Instance::name).distinct().toList(),
                PlistAge.newest(group).plistPath(), message, rule.fix());
    }

    /** A finding about several instances, located at the newer plist's {@code key}. */
    public static Finding aboutAll(RuleInfo rule, List<Instance> group, String message, Function<Instance, KeyPath> key) {
        return aboutAll(rule, group, message).at(key.apply(PlistAge.newest(group)));
    }

    /** The fix of a port clash: every instance but the oldest moves to a free, spaced port group. */
    public static String moveNewer(List<Instance> group) {
        Instance oldest = PlistAge.oldest(group);
        String moves = group.stream().filter(i -> i != oldest).sorted(Comparator.comparing(Instance::plistPath))
                .map(i -> "fleet set-port " + i.name() + " --auto").distinct().collect(Collectors.joining(" && "));
        return "`fleet fix` (or `" + moves + "`) moves " + (group.size() > 2 ? "the newer instances" : "the newer instance")
                + " to a free port group 20 or more from the others, plist, config and environment together, and keeps "
                + oldest.name() + "'s port";
    }

    /** "luca (a.plist), critic (b.plist)" for messages about a group. */
    public static String describe(List<Instance> group) {
        return group.stream().sorted(Comparator.comparing(Instance::plistPath))
                .map(i -> i.name() + " (" + i.plistPath() + ")").collect(Collectors.joining(", "));
    }
}
