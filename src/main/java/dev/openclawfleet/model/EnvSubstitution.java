package dev.openclawfleet.model;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OpenClaw's {@code ${VAR}} substitution in config strings, as its docs describe it: only
 * uppercase names ({@code [A-Z_][A-Z0-9_]*}) are placeholders, {@code $${VAR}} is a literal
 * {@code ${VAR}}, and a variable that is missing or empty does not resolve.
 */
public final class EnvSubstitution {
    private static final Pattern TOKEN = Pattern.compile("\\$\\$\\{[A-Z_][A-Z0-9_]*}|\\$\\{([A-Z_][A-Z0-9_]*)}");

    private EnvSubstitution() {
    }

    /** The outcome of substituting one string. */
    public sealed interface Result permits Resolved, Unresolved {
    }

    /** Every placeholder had a value; {@code value} is the substituted text. */
    public record Resolved(String value) implements Result {
        @Override
        public String toString() {
            return "Resolved[***]";
        }
    }

    /** At least one placeholder had no value: these variables, in order of first use. */
    public record Unresolved(List<String> missing) implements Result {
        public Unresolved {
            missing = List.copyOf(missing);
        }
    }

    /** The variables {@code text} refers to (escaped {@code $${...}} excluded), in order, each once. */
    public static List<String> variables(String text) {
        Set<String> out = new LinkedHashSet<>();
        if (text != null && text.indexOf('$') >= 0) {
            Matcher m = TOKEN.matcher(text);
            while (m.find()) {
                if (m.group(1) != null) {
                    out.add(m.group(1));
                }
            }
        }
        return List.copyOf(out);
    }

    /** True when {@code text} holds at least one placeholder. */
    public static boolean hasPlaceholder(String text) {
        return !variables(text).isEmpty();
    }

    public static Result resolve(String text, Map<String, String> env) {
        return resolve(text, name -> env.get(name));
    }

    public static Result resolve(String text, Function<String, String> lookup) {
        if (text == null || text.indexOf('$') < 0) {
            return new Resolved(text);
        }
        Matcher m = TOKEN.matcher(text);
        StringBuilder out = new StringBuilder();
        List<String> missing = new ArrayList<>();
        while (m.find()) {
            String replacement;
            if (m.group(1) == null) {
                replacement = m.group().substring(1); // $${VAR} -> ${VAR}
            } else {
                String value = lookup.apply(m.group(1));
                if (value == null || value.isEmpty()) {
                    if (!missing.contains(m.group(1))) {
                        missing.add(m.group(1));
                    }
                    replacement = "";
                } else {
                    replacement = value;
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return missing.isEmpty() ? new Resolved(out.toString()) : new Unresolved(missing);
    }
}
