package dev.openclawfleet.audit.rules;

import java.util.List;
import java.util.Map;

/** Names plist value types the way people write them in plists, for messages. */
final class Values {
    private Values() {
    }

    /** "a string", "an integer", "an array"... */
    static String aTypeName(Object value) {
        String name = typeName(value);
        return ("aeiou".indexOf(name.charAt(0)) >= 0 ? "an " : "a ") + name;
    }

    static String typeName(Object value) {
        if (value instanceof String) {
            return "string";
        }
        if (value instanceof Boolean) {
            return "boolean";
        }
        if (value instanceof Long) {
            return "integer";
        }
        if (value instanceof Double) {
            return "real";
        }
        if (value instanceof List<?>) {
            return "array";
        }
        if (value instanceof Map<?, ?>) {
            return "dictionary";
        }
        if (value instanceof byte[]) {
            return "data";
        }
        return value == null ? "nothing" : "date";
    }
}
