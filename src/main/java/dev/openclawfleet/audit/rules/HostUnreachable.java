package dev.openclawfleet.audit.rules;

import dev.openclawfleet.audit.HostRule;
import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.RuleInfo;
import dev.openclawfleet.model.RuleScope;
import dev.openclawfleet.model.Severity;
import dev.openclawfleet.model.Text;

import java.util.List;

/**
 * A Mac of a multi-host audit that could not be read: the connection was refused or timed out,
 * authentication failed, the host key is unknown (BatchMode never prompts), the collector did not
 * finish in time, or the host has no launchd. The message carries ssh's own reason in one line.
 */
public final class HostUnreachable implements HostRule {
    public static final RuleInfo INFO = new RuleInfo("host-unreachable", Severity.ERROR, RuleScope.HOST,
            "a Mac given to `fleet audit --host/--hosts` could not be audited over SSH",
            "make `ssh HOST true` work without any prompt (the Mac is up, Remote Login is on, your key is accepted, its host key is in"
                    + " known_hosts), then audit again");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    /** The one finding about {@code host}, which ssh or the collector could not read for {@code reason}. */
    public static Finding of(String host, String reason) {
        return new Finding(INFO.id(), INFO.severity(), List.of(), null,
                Text.printable(host, 200) + " could not be audited: " + Text.printable(reason, 400), INFO.fix().replace("HOST", host));
    }
}
