package dev.openclawfleet.audit.rules;

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

/**
 * gateway.auth.mode is "token" and no token is set, neither in the config nor in the job's
 * environment: the gateway exits at start and KeepAlive restarts it forever (seed 004, mode 2).
 */
public final class TokenMissing implements StateRule {
    public static final RuleInfo INFO = new RuleInfo("token-missing", Severity.ERROR, RuleScope.STATE,
            "auth mode is token but no token is configured, so the gateway exits at start and KeepAlive loops it",
            "`fleet rotate-token NAME` (or `fleet fix`) writes a new random token into the instance's openclaw.json and restarts it");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(HostState host) {
        List<Finding> out = new ArrayList<>();
        for (InstanceState s : host.instances()) {
            if (s.config() instanceof ConfigState.Loaded loaded && "token".equals(loaded.config().authMode())
                    && Tokens.of(s) instanceof Tokens.None) {
                out.add(new Finding(INFO.id(), INFO.severity(), List.of(s.instance().name()), loaded.path().toString(),
                        "gateway.auth.mode is \"token\" but neither gateway.auth.token nor " + Tokens.ENV
                                + " is set: the gateway exits at start and KeepAlive restarts it in a loop",
                        "`fleet rotate-token " + s.instance().name() + "` (or `fleet fix`) writes a new random token into " + loaded.path()
                                + " and restarts " + s.instance().name()));
            }
        }
        return out;
    }
}
