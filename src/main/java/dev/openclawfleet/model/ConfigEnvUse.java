package dev.openclawfleet.model;

import java.util.List;
import java.util.Map;

/**
 * How an openclaw.json uses environment variables: each {@code ${VAR}} placeholder in a string value
 * (with the key path it sits at), the variables its own {@code env} block defines, and whether it
 * asks OpenClaw to import missing ones from the login shell ({@code env.shellEnv.enabled}).
 * Values may be secrets: never printed.
 */
public record ConfigEnvUse(List<Placeholder> placeholders, Map<String, String> envBlock, boolean shellImport) {
    public static final ConfigEnvUse NONE = new ConfigEnvUse(List.of(), Map.of(), false);

    public ConfigEnvUse {
        placeholders = List.copyOf(placeholders);
        envBlock = Map.copyOf(envBlock);
    }

    /** {@code ${variable}} at key path {@code where}, e.g. {@code gateway.auth.token}. */
    public record Placeholder(String where, String variable) {
    }

    @Override
    public String toString() {
        return "ConfigEnvUse[" + placeholders + ", envBlock keys=" + envBlock.keySet() + ", shellImport=" + shellImport + "]";
    }
}
