package dev.openclawfleet.audit.rules;

import java.util.Locale;
import java.util.regex.Pattern;

/** Recognises environment variable names that hold secrets (tokens, passwords, API keys). */
public final class SecretNames {
    private static final Pattern SECRET = Pattern.compile(
            ".*(TOKEN|PASSWORD|PASSWD|SECRET|API_?KEY|PRIVATE_?KEY|CREDENTIAL|AUTH_?KEY).*");

    private SecretNames() {
    }

    public static boolean isSecret(String name) {
        return name != null && SECRET.matcher(name.toUpperCase(Locale.ROOT)).matches();
    }
}
