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

/** gateway.mode is not "local": the gateway refuses to start, and KeepAlive restarts it in a loop. */
public final class GatewayMode implements StateRule {
    public static final RuleInfo INFO = new RuleInfo("gateway-mode", Severity.ERROR, RuleScope.STATE,
            "gateway.mode in openclaw.json is not \"local\"",
            "set gateway.mode to \"local\" in the instance's openclaw.json");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(HostState host) {
        List<Finding> out = new ArrayList<>();
        for (InstanceState s : host.instances()) {
            if (s.config() instanceof ConfigState.Loaded loaded && !"local".equals(loaded.config().mode())) {
                String what = loaded.config().mode() == null ? "gateway.mode is not set"
                        : "gateway.mode is \"" + Text.printable(loaded.config().mode(), 40) + "\"";
                out.add(new Finding(INFO.id(), INFO.severity(), List.of(s.instance().name()), loaded.path().toString(),
                        what + ": the gateway refuses to start unless it is \"local\"",
                        "`fleet config " + s.instance().name() + " set gateway.mode local` (or `fleet fix`), then `fleet restart "
                                + s.instance().name() + "`"));
            }
        }
        return out;
    }
}
