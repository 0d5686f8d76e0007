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
 * The state dir is not 0700 or the config is not 0600. A config holding a token that others can
 * read is an error; looser modes without a secret exposed are warnings.
 */
public final class StatePermissions implements StateRule {
    public static final RuleInfo INFO = new RuleInfo("state-permissions", Severity.ERROR, RuleScope.STATE,
            "the state dir is not mode 0700 or openclaw.json is not mode 0600",
            "chmod 700 the state dir and chmod 600 its openclaw.json");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(HostState host) {
        List<Finding> out = new ArrayList<>();
        for (InstanceState s : host.instances()) {
            String name = s.instance().name();
            if (s.stateDir() != null && s.stateDir().exists() && s.stateDir().directory() && (s.stateDir().mode() & 077) != 0) {
                boolean writable = (s.stateDir().mode() & 022) != 0;
                out.add(new Finding(INFO.id(), writable ? Severity.ERROR : Severity.WARNING, List.of(name),
                        s.stateDir().path().toString(), "state dir mode is " + s.stateDir().octal() + ", not 0700: "
                        + (writable ? "other users can plant files in it"
                        : (s.stateDir().mode() & 044) != 0 ? "other users can list it and read its sessions" : "other users can enter it"),
                        "chmod 700 " + s.stateDir().path()));
            }
            if (s.config() instanceof ConfigState.Loaded loaded && (loaded.facts().mode() & 077) != 0) {
                boolean exposed = (loaded.facts().mode() & 044) != 0 && loaded.config().token() != null
                        && !loaded.config().token().isBlank()
                        && !dev.openclawfleet.model.EnvSubstitution.hasPlaceholder(loaded.config().token().reveal());
                out.add(new Finding(INFO.id(), exposed || (loaded.facts().mode() & 022) != 0 ? Severity.ERROR : Severity.WARNING,
                        List.of(name), loaded.path().toString(), "config mode is " + loaded.facts().octal() + ", not 0600"
                        + (exposed ? ": other users can read its gateway token" : ""), "chmod 600 " + loaded.path()));
            }
        }
        return out;
    }
}
