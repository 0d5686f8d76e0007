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
}
