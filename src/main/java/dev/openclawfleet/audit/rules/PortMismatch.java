package dev.openclawfleet.audit.rules;

import dev.openclawfleet.audit.PlistKeys;
import dev.openclawfleet.audit.Findings;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The port in ProgramArguments, OPENCLAW_GATEWAY_PORT and gateway.port disagree. The gateway
 * listens on {@code --port} (it wins), but `openclaw status` and clients read the config's port.
 */
public final class PortMismatch implements StateRule {
    public static final RuleInfo INFO = new RuleInfo("port-mismatch", Severity.ERROR, RuleScope.STATE,
            "the port in ProgramArguments, OPENCLAW_GATEWAY_PORT and gateway.port disagree",
            "make --port, OPENCLAW_GATEWAY_PORT (if set) and gateway.port the same number");

    /** "018789" and "18789" are one port; text that is not a number stays as it is. */
    private static String normal(String value) {
        if (value.isEmpty() || value.length() > 9) {
            return value;
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return value;
            }
        }
        return String.valueOf(Integer.parseInt(value)); // no regex: this runs for every instance of the fleet
    }

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(HostState host) {
        List<Finding> out = new ArrayList<>();
        for (InstanceState s : host.instances()) {
            Map<String, String> values = new LinkedHashMap<>();
            if (s.instance().command().portArgument() != null) {
                values.put("--port", s.instance().command().portArgument());
            }
            String env = s.instance().environment().get("OPENCLAW_GATEWAY_PORT");
            if (env != null) {
                values.put("OPENCLAW_GATEWAY_PORT", env.trim());
            }
            if (s.config() instanceof ConfigState.Loaded loaded) {
                if (loaded.config().port() != null) {
                    values.put("gateway.port", loaded.config().port().toString());
                } else if (loaded.config().portText() != null) {
                    values.put("gateway.port", loaded.config().portText());
                }
            }
            if (values.values().stream().map(PortMismatch::normal).distinct().count() > 1) {
                StringBuilder what = new StringBuilder();
                values.forEach((k, v) -> what.append(what.length() == 0 ? "" : ", ").append(k).append(' ').append(Text.printable(v, 20)));
                Finding mismatch = Findings.about(INFO, s.instance(), "the ports disagree (" + what + "): the gateway listens on --port"
                        + " while `openclaw` commands and clients use gateway.port").at(PlistKeys.port(s.instance()));
                if (s.instance().port() != null) {
                    mismatch = mismatch.withFix("`fleet fix` makes gateway.port" + (env != null ? " and OPENCLAW_GATEWAY_PORT" : "") + " "
                            + s.instance().port() + ", the --port the gateway listens on (or `fleet set-port " + s.instance().name()
                            + " " + s.instance().port() + "`)");
                }
                out.add(mismatch);
            }
        }
        return out;
    }
}
