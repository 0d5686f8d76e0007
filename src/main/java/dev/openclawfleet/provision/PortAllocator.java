package dev.openclawfleet.provision;

import dev.openclawfleet.model.GatewayPorts;
import dev.openclawfleet.model.Instance;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.IntPredicate;

/**
 * Picks gateway base ports. A candidate must not share its gateway, browser-control (B+2) or
 * default CDP (B+11) port with any instance's, must keep 20 ports from every base port (so the
 * audit stays free of port-spacing warnings), and none of its three ports may be listening now.
 */
public final class PortAllocator {
    private PortAllocator() {
    }

    /** The first base from {@code start} in steps of 20 that is free, or empty when the range is exhausted. */
    public static OptionalInt allocate(int start, List<Instance> existing, IntPredicate listening) {
        for (int base = start; GatewayPorts.isUsableBase(base); base += GatewayPorts.RECOMMENDED_SPACING) {
            if (conflicts(base, existing, listening).isEmpty() && spacingOk(base, existing)) {
                return OptionalInt.of(base);
            }
        }
        return OptionalInt.empty();
    }

    /** Why {@code base} cannot be used: one line per clash with an instance's ports or a listening port. */
    public static List<String> conflicts(int base, List<Instance> existing, IntPredicate listening) {
        List<String> out = new ArrayList<>();
        GatewayPorts mine = new GatewayPorts(base);
        for (Instance other : existing) {
            if (other.port() == null || !GatewayPorts.isUsableBase(other.port())) {
                continue;
            }
            for (GatewayPorts.Role a : mine.all()) {
                for (GatewayPorts.Role b : new GatewayPorts(other.port()).all()) {
                    if (a.port() == b.port()) {
                        out.add("port " + a.port() + " (this instance's " + a.role() + ") is " + other.name() + "'s " + b.role()
                                + " port (" + other.plistPath() + ")");
                    }
                }
            }
        }
        for (GatewayPorts.Role a : mine.all()) {
            if (listening.test(a.port())) {
                out.add("port " + a.port() + " (this instance's " + a.role() + ") is in use by a running process now");
            }
        }
        return out;
    }

    private static boolean spacingOk(int base, List<Instance> existing) {
        return existing.stream().map(Instance::port).filter(p -> p != null)
                .allMatch(p -> Math.abs(p - base) >= GatewayPorts.RECOMMENDED_SPACING);
    }
}
