package dev.openclawfleet.model;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The fleet's instance-name rule, shared with OpenClaw's profile names on macOS:
 * {@code ^[a-z0-9][a-z0-9_-]{0,63}$}, never {@code gateway} or {@code node}.
 */
public final class InstanceName {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    /** Labels {@code ai.openclaw.gateway} and {@code ai.openclaw.node} belong to OpenClaw's default gateway and node host. */
    public static final Set<String> RESERVED = Set.of("gateway", "node");
    public static final String RULE =
            "an instance name is 1-64 characters of lowercase a-z, 0-9, '_' and '-', starts with a letter or digit,"
                    + " and is not 'gateway' or 'node'";

    private InstanceName() {
    }

    /** Why {@code name} is not a valid instance name, or empty when it is. Never echoes control characters. */
    public static Optional<String> problem(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of("the instance name is empty: " + RULE);
        }
        if (RESERVED.contains(name)) {
            return Optional.of("'" + name + "' is reserved for OpenClaw's own ai.openclaw." + name + " job: " + RULE);
        }
        if (!NAME.matcher(name).matches()) {
            return Optional.of("'" + Text.printable(name, 80) + "' is not a valid instance name: " + RULE);
        }
        return Optional.empty();
    }

    public static boolean isValid(String name) {
        return problem(name).isEmpty();
    }
}
