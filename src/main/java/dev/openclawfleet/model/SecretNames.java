package dev.openclawfleet.model;

import java.util.Locale;
import java.util.Set;

/** Recognises environment variable names that hold secrets (tokens, passwords, API keys). */
public final class SecretNames {
    /** Secret words, matched as whole segments of the name: OPENCLAW_GATEWAY_TOKEN yes, TOKENIZERS_PARALLELISM no. */
    private static final Set<String> WORDS = Set.of("TOKEN", "PASSWORD", "PASSWD", "SECRET", "APIKEY", "PRIVATEKEY",
            "CREDENTIAL", "CREDENTIALS", "AUTHKEY");
    /** Two segments that make one secret word: API_KEY, PRIVATE_KEY, AUTH_KEY. */
    private static final Set<String> FIRST_HALVES = Set.of("API", "PRIVATE", "AUTH");

    private SecretNames() {
    }

    public static boolean isSecret(String name) {
        if (name == null) {
            return false;
        }
        String[] parts = name.toUpperCase(Locale.ROOT).split("_");
        for (int i = 0; i < parts.length; i++) {
            if (WORDS.contains(parts[i]) || (parts[i].equals("KEY") && i > 0 && FIRST_HALVES.contains(parts[i - 1]))) {
                return true;
            }
        }
        return false;
    }
}
