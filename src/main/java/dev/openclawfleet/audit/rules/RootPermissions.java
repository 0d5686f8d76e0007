package dev.openclawfleet.audit.rules;

import dev.openclawfleet.audit.StateRule;
import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.HostState;
import dev.openclawfleet.model.RootState;
import dev.openclawfleet.model.RuleInfo;
import dev.openclawfleet.model.RuleScope;
import dev.openclawfleet.model.Severity;

import java.util.List;

/**
 * The container root is not mode 0700. Others who can write it can plant a {@code .trash} link or
 * a {@code .openclaw-*} dir; others who can merely enter it can open fleet's lock file when an
 * older version left it readable, and hold it to block every add, remove and restore.
 */
public final class RootPermissions implements StateRule {
    public static final RuleInfo INFO = new RuleInfo("root-permissions", Severity.WARNING, RuleScope.STATE,
            "the container root is not mode 0700: other users can enter it (or write to it)",
            "chmod 700 ROOT");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(HostState host) {
        RootState root = host.root();
        if (root == null || !root.exists() || root.mode() < 0 || (root.mode() & 077) == 0) {
            return List.of();
        }
        boolean writable = (root.mode() & 022) != 0;
        String mode = String.format("%04o", root.mode());
        return List.of(new Finding(INFO.id(), writable ? Severity.ERROR : INFO.severity(), List.of(), root.root().toString(),
                "container root " + root.root() + " has mode " + mode + ", not 0700: " + (writable
                        ? "other users can create files in it, such as a .trash link or an instance dir"
                        : "other users can enter it and open what is not locked down in it, such as fleet's lock file"),
                "chmod 700 '" + root.root() + "'"));
    }
}
