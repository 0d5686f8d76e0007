package dev.openclawfleet.audit.rules;

import dev.openclawfleet.audit.Findings;
import dev.openclawfleet.audit.StateRule;
import dev.openclawfleet.model.ConfigState;
import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.HostState;
import dev.openclawfleet.model.InstanceState;
import dev.openclawfleet.model.JobKind;
import dev.openclawfleet.model.RuleInfo;
import dev.openclawfleet.model.RuleScope;
import dev.openclawfleet.model.Severity;

import java.util.ArrayList;
import java.util.List;

/**
 * No openclaw.json where the instance expects it. Without gateway.mode=local the gateway refuses
 * to start. Not repeated when the whole state dir is missing.
 */
public final class ConfigMissing implements StateRule {
    public static final RuleInfo INFO = new RuleInfo("config-missing", Severity.ERROR, RuleScope.STATE,
            "the instance's openclaw.json does not exist",
            "create STATE/openclaw.json (mode 0600) with gateway.mode local, gateway.port and a gateway.auth.token");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(HostState host) {
        List<Finding> out = new ArrayList<>();
        for (InstanceState s : host.instances()) {
            if (!(s.config() instanceof ConfigState.Missing missing) || s.instance().kind() == JobKind.LEGACY) {
                continue;
            }
            boolean inMissingStateDir = s.stateDir() != null && !s.stateDir().exists()
                    && missing.path().startsWith(s.stateDir().path());
            if (!inMissingStateDir) {
                out.add(Findings.about(INFO, s.instance(), "config " + missing.path() + " does not exist: without"
                        + " gateway.mode=local the gateway refuses to start"));
            }
        }
        return out;
    }
}
