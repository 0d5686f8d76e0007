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
import java.util.HashMap;
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
        Map<Integer, List<Use>> byPort = new HashMap<>();
        for (Instance i : FleetMembers.of(instances)) {
            if (i.port() != null && GatewayPorts.isUsableBase(i.port())) {
                for (GatewayPorts.Role role : new GatewayPorts(i.port()).all()) {
                    byPort.computeIfAbsent(role.port(), p -> new ArrayList<>()).add(new Use(i, role));
                }
            }
        }
        Map<String, Finding> out = new LinkedHashMap<>();
        byPort.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
            List<Use> uses = entry.getValue();
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
                    out.putIfAbsent(key, Findings.aboutAll(INFO, List.of(low.instance(), high.instance()),
                            "port " + entry.getKey() + " is " + low.instance().name() + "'s " + low.role().role()
                                    + " port (base " + low.instance().port() + ") and " + high.instance().name() + "'s "
                                    + high.role().role() + " port (base " + high.instance().port() + ")", PlistKeys::port)
                            .withFix(Findings.moveNewer(List.of(low.instance(), high.instance()))));
                }
            }
        });
        return List.copyOf(out.values());
    }
}
