package dev.openclawfleet.remote;

import dev.openclawfleet.model.FleetException;
import dev.openclawfleet.model.Text;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Mac to audit: {@code [user@]host[:port]} as written (host may be an alias of the SSH config,
 * or an IPv6 address in brackets), and where its fleet lives when not in the defaults
 * ({@code root} and {@code agentsDir} as written, {@code ~} meaning that Mac's home; null: the
 * command's --root/--agents-dir, else {@code ~/.openclaw} and {@code ~/Library/LaunchAgents}).
 */
public record SshTarget(String spec, String user, String host, Integer port, String root, String agentsDir) {
    private static final Pattern SPEC = Pattern.compile("(?:([A-Za-z0-9._][A-Za-z0-9._-]{0,63})@)?"
            + "(\\[[0-9A-Fa-f:.]{2,45}\\]|[A-Za-z0-9_][A-Za-z0-9._-]{0,252})(?::(\\d{1,5}))?");

    /** Parses {@code [user@]host[:port]}; a bad one is a usage error naming {@code where} (an option or a file line). */
    public static SshTarget parse(String spec, String where) {
        Matcher m = SPEC.matcher(spec);
        if (!m.matches()) {
            throw FleetException.usage(where + ": '" + Text.printable(spec, 80) + "' is not [user@]host[:port]");
        }
        Integer port = null;
        if (m.group(3) != null) {
            port = Integer.valueOf(m.group(3));
            if (port < 1 || port > 65535) {
                throw FleetException.usage(where + ": port " + port + " is not between 1 and 65535");
            }
        }
        String host = m.group(2);
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
        }
        return new SshTarget(spec, m.group(1), host, port, null, null);
    }

    public SshTarget withRoot(String other) {
        return new SshTarget(spec, user, host, port, other, agentsDir);
    }

    public SshTarget withAgentsDir(String other) {
        return new SshTarget(spec, user, host, port, root, other);
    }

    /** The name reports use for this host: what the user wrote. */
    public String name() {
        return spec;
    }
}
