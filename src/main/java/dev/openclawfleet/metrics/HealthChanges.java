package dev.openclawfleet.metrics;

import dev.openclawfleet.model.Instance;
import dev.openclawfleet.model.Report;
import dev.openclawfleet.model.Text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What changed in the fleet's health between two runs of the monitor: instances that turned
 * unhealthy (an error finding names them) and instances that recovered. Instances are keyed by
 * plist path; an instance the previous run did not know counts as having been healthy.
 */
public record HealthChanges(List<Unhealthy> turnedUnhealthy, List<Unhealthy> recovered) {
    public HealthChanges {
        turnedUnhealthy = List.copyOf(turnedUnhealthy);
        recovered = List.copyOf(recovered);
    }

    /** An unhealthy instance: its name and the rules of the errors that name it. */
    public record Unhealthy(String name, List<String> rules) {
        public Unhealthy {
            Objects.requireNonNull(name, "name");
            rules = List.copyOf(rules);
        }
    }

    /** The unhealthy instances of a report, by plist path. */
    public static Map<String, Unhealthy> unhealthy(Report report) {
        Map<String, Unhealthy> out = new LinkedHashMap<>();
        for (Instance i : report.instances()) {
            InstanceView v = InstanceView.of(report, i);
            if (!v.healthy()) {
                out.put(i.plistPath(), new Unhealthy(i.name(), v.errorRules()));
            }
        }
        return out;
    }

    /** The changes from {@code previous} to {@code current}; an instance gone from the fleet is not a recovery. */
    public static HealthChanges between(Map<String, Unhealthy> previous, Map<String, Unhealthy> current, Report report) {
        List<Unhealthy> worse = new ArrayList<>();
        current.forEach((plist, u) -> {
            if (!previous.containsKey(plist)) {
                worse.add(u);
            }
        });
        List<Unhealthy> better = new ArrayList<>();
        previous.forEach((plist, u) -> {
            boolean stillThere = report.instances().stream().anyMatch(i -> i.plistPath().equals(plist));
            if (stillThere && !current.containsKey(plist)) {
                better.add(u);
            }
        });
        return new HealthChanges(worse, better);
    }

    public boolean isEmpty() {
        return turnedUnhealthy.isEmpty() && recovered.isEmpty();
    }

    /** One short line for a notification: names and rule ids only, never a finding's message. */
    public String message() {
        List<String> parts = new ArrayList<>();
        for (Unhealthy u : turnedUnhealthy) {
            parts.add(Text.printable(u.name(), 60) + " is unhealthy (" + String.join(", ", u.rules()) + ")");
        }
        for (Unhealthy u : recovered) {
            parts.add(Text.printable(u.name(), 60) + " recovered");
        }
        return String.join("; ", parts);
    }
}
