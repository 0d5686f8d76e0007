package dev.openclawfleet.audit.rules;

import dev.openclawfleet.audit.StateRule;
import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.HostState;
import dev.openclawfleet.model.InstanceState;
import dev.openclawfleet.model.RuleInfo;
import dev.openclawfleet.model.RuleScope;
import dev.openclawfleet.model.Secret;
import dev.openclawfleet.model.Severity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Two instances share one gateway token: a client of one can drive the other. The message names
 * the token only by a short fingerprint.
 */
public final class DuplicateToken implements StateRule {
    public static final RuleInfo INFO = new RuleInfo("duplicate-token", Severity.ERROR, RuleScope.STATE,
            "two or more instances share one gateway token",
            "`fleet fix` gives every instance but the oldest a new token and restarts it (or `fleet rotate-token NAME` for each)");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(HostState host) {
        Map<Secret, List<InstanceState>> byToken = new LinkedHashMap<>();
        for (InstanceState s : host.instances()) {
            Tokens.effective(s).ifPresent(t -> byToken.computeIfAbsent(t, x -> new ArrayList<>()).add(s));
        }
        List<Finding> out = new ArrayList<>();
        byToken.forEach((token, group) -> {
            if (group.size() < 2) {
                return;
            }
            List<InstanceState> sorted = group.stream().sorted(Comparator.comparing(s -> s.instance().plistPath())).toList();
            String names = sorted.stream().map(s -> s.instance().name()).collect(Collectors.joining(", "));
            List<dev.openclawfleet.model.Instance> instances = sorted.stream().map(InstanceState::instance).toList();
            dev.openclawfleet.model.Instance oldest = dev.openclawfleet.audit.PlistAge.oldest(instances);
            String rotate = instances.stream().filter(i -> i != oldest).map(i -> "fleet rotate-token " + i.name())
                    .collect(Collectors.joining(" && "));
            out.add(new Finding(INFO.id(), INFO.severity(), sorted.stream().map(s -> s.instance().name()).distinct().toList(),
                    dev.openclawfleet.audit.PlistAge.newest(instances).plistPath(),
                    names + " share the gateway token " + token.fingerprint() + ": a client of one can drive the others",
                    "`fleet fix` (or `" + rotate + "`) gives each a new token and keeps " + oldest.name() + "'s"));
        });
        return out;
    }

    /**
     * The same token on two or more Macs: for each host, one finding per instance whose token an
     * instance on another host uses too, naming those by host and name and the token only by its
     * fingerprint. {@code hosts} maps each reached host's name to its state, in report order.
     */
    public static Map<String, List<Finding>> acrossHosts(Map<String, HostState> hosts) {
        Map<Secret, List<Map.Entry<String, InstanceState>>> byToken = new LinkedHashMap<>();
        hosts.forEach((host, state) -> {
            for (InstanceState s : state.instances()) {
                Tokens.effective(s).ifPresent(t -> byToken.computeIfAbsent(t, x -> new ArrayList<>()).add(Map.entry(host, s)));
            }
        });
        Map<String, List<Finding>> out = new LinkedHashMap<>();
        byToken.forEach((token, users) -> {
            if (users.stream().map(Map.Entry::getKey).distinct().count() < 2) {
                return;
            }
            for (Map.Entry<String, InstanceState> user : users) {
                String others = users.stream().filter(u -> !u.getKey().equals(user.getKey()))
                        .map(u -> u.getValue().instance().name() + " on " + u.getKey()).distinct().collect(Collectors.joining(", "));
                InstanceState s = user.getValue();
                out.computeIfAbsent(user.getKey(), h -> new ArrayList<>()).add(new Finding(INFO.id(), INFO.severity(),
                        List.of(s.instance().name()), s.instance().plistPath(),
                        s.instance().name() + " shares the gateway token " + token.fingerprint() + " with " + others
                                + ": a client of one can drive the others, on any of these Macs",
                        INFO.fix()));
            }
        });
        return out;
    }
}
