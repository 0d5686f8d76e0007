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
        return aboutAll(rule, group, message, PlistAge.newest(group));
    }

    private static Finding aboutAll(RuleInfo rule, List<Instance> group, String message, Instance newest) {
        return new Finding(rule.id(), rule.severity(), names(group), newest.plistPath(), message, rule.fix());
    }

    /** A finding about several instances, located at the newer plist's {@code key}. */
    public static Finding aboutAll(RuleInfo rule, List<Instance> group, String message, Function<Instance, KeyPath> key) {
        Instance newest = PlistAge.newest(group);
        return aboutAll(rule, group, message, newest).at(key.apply(newest));
    }

    /** The group's names in plist path order, each once; a pair (most clashes are one) without a stream. */
    private static List<String> names(List<Instance> group) {
        if (group.size() == 2) {
            Instance a = group.get(0);
            Instance b = group.get(1);
            boolean swap = a.plistPath().compareTo(b.plistPath()) > 0; // as a stable sort would
            String first = (swap ? b : a).name();
            String second = (swap ? a : b).name();
            return first.equals(second) ? List.of(first) : List.of(first, second);
        }
        return group.stream().sorted(Comparator.comparing(Instance::plistPath)).map(Instance::name).distinct().toList();
    }

    /** The fix of a port clash: every instance but the oldest moves to a free, spaced port group. */
    public static String moveNewer(List<Instance> group) {
        Instance oldest = PlistAge.oldest(group);
        String moves;
        if (group.size() == 2 && group.get(0) != group.get(1)) {
            moves = "fleet set-port " + (group.get(0) == oldest ? group.get(1) : group.get(0)).name() + " --auto";
        } else {
            moves = group.stream().filter(i -> i != oldest).sorted(Comparator.comparing(Instance::plistPath))
                    .map(i -> "fleet set-port " + i.name() + " --auto").distinct().collect(Collectors.joining(" && "));
        }
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
