package dev.openclawfleet.audit.rules;

import dev.openclawfleet.audit.PlistKeys;
import dev.openclawfleet.audit.Findings;
import dev.openclawfleet.audit.PlistRule;
import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.GatewayPorts;
import dev.openclawfleet.model.Instance;
import dev.openclawfleet.model.JobKind;
import dev.openclawfleet.model.PlistFile;
import dev.openclawfleet.model.RuleInfo;
import dev.openclawfleet.model.RuleScope;
import dev.openclawfleet.model.Severity;
import dev.openclawfleet.model.Text;

import java.util.List;

/**
 * The gateway's {@code --port} is missing, not a number, or leaves no room for its derived ports
 * (the CDP range runs to B+110).
 */
public final class PortInvalid implements PlistRule {
    public static final RuleInfo INFO = new RuleInfo("port-invalid", Severity.ERROR, RuleScope.PLIST,
            "the gateway's --port is missing, not a number, or out of range 1-" + GatewayPorts.HIGHEST_BASE,
            "pass `--port P` after `gateway`, P in 1-" + GatewayPorts.HIGHEST_BASE
                    + " and 20 or more away from every other instance (OpenClaw's default is 18789)");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(PlistFile file) {
        if (!(file instanceof PlistFile.Gateway g) || g.instance().kind() == JobKind.LEGACY) {
            return List.of();
        }
        Instance instance = g.instance();
        if (!instance.command().arguments().contains("gateway")) {
            return List.of(); // program-arguments already reports a job that does not run the gateway.
        }
        String arg = instance.command().portArgument();
        if (arg == null) {
            return List.of(Findings.about(INFO, instance, "no --port after `gateway`: the port then comes from the config"
                    + " or the environment, which other instances may share").at(PlistKeys.PROGRAM_ARGUMENTS));
        }
        if (instance.port() == null) {
            return List.of(Findings.about(INFO, instance, "--port '" + Text.printable(arg, 40) + "' is not a port number").at(PlistKeys.port(instance)));
        }
        if (!GatewayPorts.isUsableBase(instance.port())) {
            return List.of(Findings.about(INFO, instance, "--port " + instance.port() + " is out of range: the gateway and its"
                    + " derived ports (up to +110) must lie within 1-65535").at(PlistKeys.port(instance)));
        }
        return List.of();
    }
}
