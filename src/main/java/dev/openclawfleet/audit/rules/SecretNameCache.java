package dev.openclawfleet.audit.rules;

import dev.openclawfleet.model.SecretNames;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link SecretNames#isSecret(String)} remembered per name: a fleet's plists repeat the same few
 * variable names (PATH, OPENCLAW_STATE_DIR...), and the rules ask about every one of every plist.
 * Bounded, so hostile plists with endless distinct names only fall back to asking each time.
 */
final class SecretNameCache {
    private static final int MAX = 4096;
    private static final Map<String, Boolean> SEEN = new ConcurrentHashMap<>();

    private SecretNameCache() {
    }

    static boolean isSecret(String name) {
        if (name == null) {
            return false;
        }
        Boolean known = SEEN.get(name);
        if (known != null) {
            return known;
        }
        boolean secret = SecretNames.isSecret(name);
        if (SEEN.size() < MAX) {
            SEEN.put(name, secret);
        }
        return secret;
    }
}
