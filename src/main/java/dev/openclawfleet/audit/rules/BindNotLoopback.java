package dev.openclawfleet.audit.rules;

import dev.openclawfleet.audit.StateRule;
import dev.openclawfleet.model.ConfigState;
import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.HostState;
import dev.openclawfleet.model.InstanceState;
import dev.openclawfleet.model.RuleInfo;
import dev.openclawfleet.model.RuleScope;
import dev.openclawfleet.model.Severity;
import dev.openclawfleet.model.Text;

import java.util.ArrayList;
import java.util.List;

/** gateway.bind is set to something other than loopback: the gateway is reachable from other machines. */
public final class BindNotLoopback implements StateRule {
    public static final RuleInfo INFO = new RuleInfo("bind-not-loopback", Severity.WARNING, RuleScope.STATE,
            "gateway.bind is not loopback, so the gateway is reachable beyond this Mac",
            "set gateway.bind to \"loopback\" and reach it over an SSH tunnel or Tailscale Serve instead");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(HostState host) {
        List<Finding> out = new ArrayList<>();
        for (InstanceState s : host.instances()) {
            if (s.config() instanceof ConfigState.Loaded loaded && loaded.config().bind() != null
                    && !"loopback".equals(loaded.config().bind())) {
                out.add(new Finding(INFO.id(), INFO.severity(), List.of(s.instance().name()), loaded.path().toString(),
                        "gateway.bind is \"" + Text.printable(loaded.config().bind(), 40)
                                + "\": the gateway may listen on addresses other machines can reach", INFO.fix()));
            }
        }
        return out;
    }
}
