package dev.openclawfleet.audit.rules;

import java.util.regex.Pattern;

/** Recognises text that a shell would expand but launchd takes literally: a leading {@code ~}, or {@code $VAR}. */
final class Unexpanded {
    private static final Pattern VARIABLE = Pattern.compile("\\$(\\{|\\(|[A-Za-z_])");

    private Unexpanded() {
    }

    static boolean has(String value) {
        return value != null && (value.startsWith("~") || value.contains(":~/") || VARIABLE.matcher(value).find());
    }
}
