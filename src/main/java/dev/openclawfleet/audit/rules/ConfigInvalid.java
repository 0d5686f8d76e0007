package dev.openclawfleet.audit.rules;

import dev.openclawfleet.audit.Findings;
import dev.openclawfleet.audit.StateRule;
import dev.openclawfleet.model.ConfigState;
import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.HostState;
import dev.openclawfleet.model.InstanceState;
import dev.openclawfleet.model.RuleInfo;
import dev.openclawfleet.model.RuleScope;
import dev.openclawfleet.model.Severity;

import java.util.ArrayList;
import java.util.List;

/** openclaw.json cannot be read, is not JSON5, or is not an object: the gateway fails to load it. */
public final class ConfigInvalid implements StateRule {
    public static final RuleInfo INFO = new RuleInfo("config-invalid", Severity.ERROR, RuleScope.STATE,
            "openclaw.json cannot be read or is not valid JSON5",
            "fix the syntax at the reported line and column (JSON5: comments, trailing commas and unquoted keys are fine)");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(HostState host) {
        List<Finding> out = new ArrayList<>();
        for (InstanceState s : host.instances()) {
            if (s.config() instanceof ConfigState.Invalid invalid) {
                out.add(new Finding(INFO.id(), INFO.severity(), List.of(s.instance().name()), invalid.path().toString(),
                        "config " + invalid.path() + " is unusable: " + invalid.reason(), INFO.fix()));
            }
        }
        return out;
    }
}
