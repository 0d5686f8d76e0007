package dev.openclawfleet.audit.rules;

import java.util.Locale;
import java.util.regex.Pattern;

/** Recognises environment variable names that hold secrets (tokens, passwords, API keys). */
public final class SecretNames {
    /** A secret word as a whole segment of the name: OPENCLAW_GATEWAY_TOKEN yes, TOKENIZERS_PARALLELISM no. */
    private static final Pattern SECRET = Pattern.compile(
            "(.*_)?(TOKEN|PASSWORD|PASSWD|SECRET|API_?KEY|APIKEY|PRIVATE_?KEY|CREDENTIALS?|AUTH_?KEY)(_.*)?");

    private SecretNames() {
    }

    public static boolean isSecret(String name) {
        return name != null && SECRET.matcher(name.toUpperCase(Locale.ROOT)).matches();
    }
}
