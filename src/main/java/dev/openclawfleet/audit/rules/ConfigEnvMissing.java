package dev.openclawfleet.audit.rules;

import dev.openclawfleet.audit.StateRule;
import dev.openclawfleet.model.ConfigEnvUse;
import dev.openclawfleet.model.ConfigState;
import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.HostState;
import dev.openclawfleet.model.InstanceState;
import dev.openclawfleet.model.JobKind;
import dev.openclawfleet.model.RuleInfo;
import dev.openclawfleet.model.RuleScope;
import dev.openclawfleet.model.Severity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * openclaw.json refers to {@code ${VAR}} and the gateway's own environment does not set VAR (or sets
 * it empty). OpenClaw substitutes variables when it loads the config; under launchd the environment
 * is only the job's (plist, wrapper env file, the dotenv files OpenClaw loads, the config's env
 * block), never the user's shell, so a variable exported in ~/.zshrc is not there. Values are never printed.
 */
public final class ConfigEnvMissing implements StateRule {
    public static final RuleInfo INFO = new RuleInfo("config-env-missing", Severity.ERROR, RuleScope.STATE,
            "openclaw.json uses ${VAR} but the gateway's environment under launchd does not set VAR",
            "define VAR where the gateway sees it (STATE/.env with mode 0600 for a secret, or the plist's EnvironmentVariables),"
                    + " or write the value into openclaw.json; then `fleet restart NAME`");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(HostState host) {
        List<Finding> out = new ArrayList<>();
        for (InstanceState s : host.instances()) {
            if (!(s.config() instanceof ConfigState.Loaded loaded) || s.instance().kind() == JobKind.LEGACY) {
                continue;
            }
            Map<String, List<String>> missing = new LinkedHashMap<>();
            for (ConfigEnvUse.Placeholder p : loaded.envUse().placeholders()) {
                if (s.environment().get(p.variable()) == null) {
                    missing.computeIfAbsent(p.variable(), v -> new ArrayList<>()).add(p.where());
                }
            }
            if (missing.isEmpty()) {
                continue;
            }
            List<String> parts = new ArrayList<>();
            missing.forEach((variable, where) -> parts.add("${" + variable + "} (" + String.join(", ", where) + ")"));
            String unseen = s.environment().unseen();
            String name = s.instance().name();
            Finding f = new Finding(INFO.id(), INFO.severity(), List.of(name), loaded.path().toString(),
                    "openclaw.json uses " + String.join(", ", parts) + ", which the gateway's environment under launchd does not set"
                            + (unseen == null ? "" : " unless " + unseen)
                            + ": OpenClaw cannot resolve it when it loads the config (a missing token makes the gateway exit at start,"
                            + " and KeepAlive loops it); a variable exported in your shell is not seen by launchd jobs",
                    "define " + String.join(", ", missing.keySet()) + " where the gateway sees it (" + (s.instance().stateDir() == null
                            ? "STATE" : s.instance().stateDir().toString()) + "/.env with mode 0600 for a secret, or the plist's"
                            + " EnvironmentVariables), or write the value into openclaw.json; then `fleet restart " + name + "`");
            f = f.withEvidence("variables", String.join(",", missing.keySet()));
            out.add(unseen == null ? f : f.withSeverity(Severity.WARNING));
        }
        return out;
    }
}
