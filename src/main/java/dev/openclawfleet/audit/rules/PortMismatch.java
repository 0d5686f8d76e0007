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

    /** True when two of the values that are there are different ports. */
    private static boolean disagree(String... values) {
        String first = null;
        for (String value : values) {
            if (value == null) {
                continue;
            }
            String port = normal(value);
            if (first == null) {
                first = port;
            } else if (!first.equals(port)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(HostState host) {
        List<Finding> out = new ArrayList<>();
        for (InstanceState s : host.instances()) {
            String argument = s.instance().command().portArgument();
            String env = s.instance().environment().get("OPENCLAW_GATEWAY_PORT");
            String config = null;
            if (s.config() instanceof ConfigState.Loaded loaded) {
                config = loaded.config().port() != null ? loaded.config().port().toString() : loaded.config().portText();
            }
            // Most instances agree: tell that without building anything, and name the values only when they do not.
            if (!disagree(argument, env == null ? null : env.trim(), config)) {
                continue;
            }
            Map<String, String> values = new LinkedHashMap<>();
            if (argument != null) {
                values.put("--port", argument);
            }
            if (env != null) {
                values.put("OPENCLAW_GATEWAY_PORT", env.trim());
            }
            if (config != null) {
                values.put("gateway.port", config);
            }
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
        return out;
    }
}
