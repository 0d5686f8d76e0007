package dev.openclawfleet.audit.rules;

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
            "create it with mode 0700 (with logs/ and workspace/) or point OPENCLAW_STATE_DIR at the real one");

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
                out.add(Findings.about(INFO, s.instance(), "state dir " + s.stateDir().path() + " does not exist: the gateway"
                        + " starts without its config and launchd cannot open its log files")
                        .withFix("mkdir -m 700 -p " + s.stateDir().path() + "/logs " + s.stateDir().path() + "/workspace"));
            } else if (!s.stateDir().directory()) {
                out.add(Findings.about(INFO, s.instance(), "state dir " + s.stateDir().path() + " is not a directory"));
            }
        }
        return out;
    }
}
