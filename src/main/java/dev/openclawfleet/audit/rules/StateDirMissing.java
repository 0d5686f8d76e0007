package dev.openclawfleet.audit.rules;

import dev.openclawfleet.audit.PlistKeys;
import dev.openclawfleet.audit.Findings;
import dev.openclawfleet.audit.StateRule;
import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.HostState;
import dev.openclawfleet.model.InstanceState;
import dev.openclawfleet.model.JobKind;
import dev.openclawfleet.model.RuleInfo;
import dev.openclawfleet.model.RuleScope;
import dev.openclawfleet.model.Severity;

import java.util.ArrayList;
import java.util.List;

/** The instance's state dir does not exist (or is not a directory): its config, sessions and logs are nowhere. */
public final class StateDirMissing implements StateRule {
    public static final RuleInfo INFO = new RuleInfo("state-dir-missing", Severity.ERROR, RuleScope.STATE,
            "the instance's OPENCLAW_STATE_DIR does not exist or is not a directory",
            "create it (mode 0700) with logs/ and workspace/ inside, or point OPENCLAW_STATE_DIR at the real one");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(HostState host) {
        List<Finding> out = new ArrayList<>();
        for (InstanceState s : host.instances()) {
            if (s.stateDir() == null || s.instance().kind() == JobKind.LEGACY) {
                continue;
            }
            if (!s.stateDir().exists()) {
                String dir = s.stateDir().path().toString();
                out.add(Findings.about(INFO, s.instance(), "state dir " + dir + " does not exist: the gateway has no config"
                        + " there and refuses to start" + (s.instance().kind() == JobKind.FLEET
                        ? ", and launchd cannot open the log files inside it" : ""))
                        .withFix("mkdir -p '" + dir + "/logs' '" + dir + "/workspace' && chmod 700 '" + dir + "'")
                        .at(PlistKeys.stateDir(s.instance())));
            } else if (!s.stateDir().directory()) {
                out.add(Findings.about(INFO, s.instance(), "state dir " + s.stateDir().path() + " is not a directory")
                        .at(PlistKeys.stateDir(s.instance())));
            }
        }
        return out;
    }
}
