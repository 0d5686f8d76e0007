package dev.openclawfleet.audit.rules;


/** Recognises text that a shell would expand but launchd takes literally: a leading {@code ~}, or {@code $VAR}. */
final class Unexpanded {
    private Unexpanded() {
    }

    static boolean has(String value) {
        return value != null && (value.startsWith("~") || value.contains(":~/") || hasVariable(value));
    }

    /** {@code $NAME}, {@code ${...}} or {@code $(...)} anywhere; a lone {@code $} is not one. Hand-written: it runs for every string of every plist. */
    private static boolean hasVariable(String value) {
        for (int i = value.indexOf('$'); i >= 0 && i + 1 < value.length(); i = value.indexOf('$', i + 1)) {
            char next = value.charAt(i + 1);
            if (next == '{' || next == '(' || next == '_' || (next >= 'A' && next <= 'Z') || (next >= 'a' && next <= 'z')) {
                return true;
            }
        }
        return false;
    }
}
