package dev.openclawfleet.model;

import java.util.Collection;
import java.util.regex.Pattern;

/**
 * Removes secrets from text we did not write (command lines, log lines) before it is shown:
 * known tokens become their fingerprint, values after token/password flags and long hex or
 * base64-like runs become {@code ***}.
 */
public final class Redaction {
    private static final Pattern FLAG_VALUE = Pattern.compile("(?i)(--?[a-z-]*(?:token|password|secret|key)[a-z-]*)([= ])\\S+");
    private static final Pattern ASSIGNMENT = Pattern.compile("(?i)\\b([A-Z0-9_]*(?:TOKEN|PASSWORD|SECRET|API_?KEY)[A-Z0-9_]*)=\\S+");
    private static final Pattern LONG_RUN = Pattern.compile("\\b(?:[0-9a-fA-F]{32,}|[A-Za-z0-9_-]{40,})\\b");

    private Redaction() {
    }

    public static String redact(String text, Collection<Secret> known) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (Secret s : known) {
            if (s != null && s.reveal().length() >= 6) {
                out = out.replace(s.reveal(), s.fingerprint());
            }
        }
        out = FLAG_VALUE.matcher(out).replaceAll("$1$2***");
        out = ASSIGNMENT.matcher(out).replaceAll("$1=***");
        return LONG_RUN.matcher(out).replaceAll("***");
    }
}
