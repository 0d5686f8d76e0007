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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One instance's gateway (B), browser-control (B+2) or default CDP (B+11) port equals another
 * instance's. Equal base ports are duplicate-port's business and are not repeated here.
 */
public final class DerivedPortCollision implements FleetRule {
    public static final RuleInfo INFO = new RuleInfo("derived-port-collision", Severity.ERROR, RuleScope.FLEET,
            "an instance's gateway, browser-control (B+2) or default CDP (B+11) port equals another instance's",
            "move one instance's base port so that base ports are 20 or more apart");

    private record Use(Instance instance, GatewayPorts.Role role) {
    }

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(List<Instance> instances) {
        List<Instance> members = FleetMembers.of(instances).stream()
                .filter(i -> i.port() != null && GatewayPorts.isUsableBase(i.port())).toList();
        // Every port each member occupies as (port, member, role), sorted: ports in order and, within a port, members and
        // roles in fleet order. Only a port that two of them share is looked at further; at 10,000 instances that is
        // 30,000 numbers to sort instead of 30,000 lists in a map.
        long[] uses = new long[members.size() * ROLES];
        for (int m = 0; m < members.size(); m++) {
            int base = members.get(m).port();
            for (int r = 0; r < ROLES; r++) {
                uses[m * ROLES + r] = ((long) (base + OFFSETS[r]) << 32) | (m * ROLES + r);
            }
        }
        Arrays.sort(uses);
        Map<String, Finding> out = new LinkedHashMap<>();
        for (int from = 0; from < uses.length; ) {
            int to = from + 1;
            while (to < uses.length && (uses[to] >>> 32) == (uses[from] >>> 32)) {
                to++;
            }
            if (to - from > 1) {
                List<Use> shared = new ArrayList<>(to - from);
                for (int k = from; k < to; k++) {
                    int use = (int) uses[k];
                    Instance i = members.get(use / ROLES);
                    shared.add(new Use(i, new GatewayPorts(i.port()).all().get(use % ROLES)));
                }
                pairs((int) (uses[from] >>> 32), shared, out);
            }
            from = to;
        }
        return List.copyOf(out.values());
    }

    private static final int[] OFFSETS = {0, GatewayPorts.BROWSER_CONTROL_OFFSET, GatewayPorts.DEFAULT_CDP_OFFSET};
    /** The roles of {@link GatewayPorts#all()}, in its order. */
    private static final int ROLES = OFFSETS.length;

    /** A finding for each pair of instances with different base ports among the uses of {@code port}. */
    private static void pairs(int port, List<Use> uses, Map<String, Finding> out) {
        for (int a = 0; a < uses.size(); a++) {
            for (int b = a + 1; b < uses.size(); b++) {
                Use x = uses.get(a);
                Use y = uses.get(b);
                if (Objects.equals(x.instance().port(), y.instance().port())) {
                    continue;
                }
                Use low = x.instance().port() < y.instance().port() ? x : y;
                Use high = low == x ? y : x;
                String key = low.instance().plistPath() + "\0" + high.instance().plistPath();
                if (!out.containsKey(key)) {
                    out.put(key, Findings.aboutAll(INFO, List.of(low.instance(), high.instance()),
                            "port " + port + " is " + low.instance().name() + "'s " + low.role().role()
                                    + " port (base " + low.instance().port() + ") and " + high.instance().name() + "'s "
                                    + high.role().role() + " port (base " + high.instance().port() + ")", PlistKeys::port)
                            .withFix(Findings.moveNewer(List.of(low.instance(), high.instance()))));
                }
            }
        }
    }
}
