package dev.openclawfleet.audit.rules;

import dev.openclawfleet.audit.PlistKeys;
import dev.openclawfleet.audit.FleetRule;
import dev.openclawfleet.audit.Findings;
import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.GatewayPorts;
import dev.openclawfleet.model.Instance;
import dev.openclawfleet.model.RuleInfo;
import dev.openclawfleet.model.RuleScope;
import dev.openclawfleet.model.Severity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Base ports closer than 20, which OpenClaw's docs advise against (extension relay ports count
 * down from B+10, CDP ports count up from B+11). Pairs that already collide are left to
 * derived-port-collision; equal ports to duplicate-port.
 */
public final class PortSpacing implements FleetRule {
    public static final RuleInfo INFO = new RuleInfo("port-spacing", Severity.WARNING, RuleScope.FLEET,
            "two instances' base ports are less than " + GatewayPorts.RECOMMENDED_SPACING + " apart",
            "space base ports " + GatewayPorts.RECOMMENDED_SPACING + " or more apart (18789, 18809, 18829, ...)");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(List<Instance> instances) {
        List<Instance> sorted = FleetMembers.of(instances).stream()
                .filter(i -> i.port() != null && GatewayPorts.isUsableBase(i.port()))
                .sorted(Comparator.comparing(Instance::port).thenComparing(Instance::plistPath))
                .toList();
        List<Integer> close = new ArrayList<>(); // k: sorted[k - 1] and sorted[k] are too close
        for (int k = 1; k < sorted.size(); k++) {
            int low = sorted.get(k - 1).port();
            int high = sorted.get(k).port();
            int gap = high - low;
            if (gap != 0 && gap < GatewayPorts.RECOMMENDED_SPACING && !collides(low, high)) {
                close.add(k);
            }
        }
        // A fleet packed tight has a finding per instance (10,000 in bench/'s fleet): built on every core, in order.
        return (close.size() < PARALLEL_FROM ? close.stream() : close.parallelStream())
                .map(k -> finding(sorted.get(k - 1), sorted.get(k))).toList();
    }

    private static final int PARALLEL_FROM = 64;

    private static Finding finding(Instance low, Instance high) {
        int gap = high.port() - low.port();
        return Findings.aboutAll(INFO, List.of(low, high), low.name() + " (" + low.port() + ") and " + high.name()
                + " (" + high.port() + ") are only " + gap + (gap == 1 ? " port" : " ports") + " apart: their browser relay and CDP ports can overlap", PlistKeys::port)
                .withFix(Findings.moveNewer(List.of(low, high)));
    }

    private static final int[] OFFSETS = {0, GatewayPorts.BROWSER_CONTROL_OFFSET, GatewayPorts.DEFAULT_CDP_OFFSET};

    /** True when one of high's ports (B, B+2, B+11) is one of low's: that pair is derived-port-collision's. */
    private static boolean collides(int low, int high) {
        for (int h : OFFSETS) {
            for (int l : OFFSETS) {
                if (high + h == low + l) {
                    return true;
                }
            }
        }
        return false;
    }
}
