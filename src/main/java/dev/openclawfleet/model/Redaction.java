package dev.openclawfleet.model;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Removes secrets from text we did not write (command lines, log lines) before it is shown:
 * known tokens become their fingerprint (short ones, which a fingerprint would give away, become
 * {@code ***} where they stand alone), and values after token/password flags, Bearer and Basic
 * credentials and long hex or base64-like runs become {@code ***}.
 */
public final class Redaction {
    private static final Pattern FLAG_VALUE = Pattern.compile("(?i)(--?[a-z-]*(?:token|password|secret|key)[a-z-]*)([= ])\\S+");
    private static final Pattern ASSIGNMENT = Pattern.compile("(?i)\\b([A-Z0-9_]*(?:TOKEN|PASSWORD|SECRET|API_?KEY)[A-Z0-9_]*)=\\S+");
    private static final Pattern LONG_RUN = Pattern.compile("\\b(?:[0-9a-fA-F]{32,}|[A-Za-z0-9_-]{40,})\\b");
    /** HTTP credentials: {@code Authorization: Bearer X}, {@code Basic X}, and a bare {@code Bearer X} in a log line. */
    private static final Pattern AUTH_SCHEME = Pattern.compile("(?i)\\b(Bearer|Basic)(\\s+)[A-Za-z0-9._~+/=-]+");
    /** A known token shorter than this is replaced only where it stands alone, and by {@code ***}: its fingerprint would give it away. */
    static final int SHORT = 16;

    private Redaction() {
    }

    public static String redact(String text, Collection<Secret> known) {
        if (text == null) {
            return null;
        }
        String out = knownOnly(text, known);
        out = AUTH_SCHEME.matcher(out).replaceAll("$1$2***");
        out = FLAG_VALUE.matcher(out).replaceAll("$1$2***");
        out = ASSIGNMENT.matcher(out).replaceAll("$1=***");
        return LONG_RUN.matcher(out).replaceAll("***");
    }

    /**
     * Only the known tokens replaced (fingerprints, or {@code ***} for short ones), nothing guessed:
     * the last line of defence over text fleet wrote itself, such as finding messages.
     */
    public static String knownOnly(String text, Collection<Secret> known) {
        return text == null ? null : new Known(known).apply(text);
    }

    /**
     * {@link #knownOnly(String, Collection)} prepared once for many texts: an audit of 10,000
     * instances redacts 20,000 texts against 10,000 tokens, which one scan per token and text (and a
     * SHA-256 per token and text for its fingerprint) turned into hours. A text is first checked
     * against the tokens' first {@value #SHORT} characters, in one pass over it; only the tokens
     * whose start it contains are replaced, each fingerprint computed once.
     */
    public static final class Known implements java.util.function.UnaryOperator<String> {
        private final List<Secret> longestFirst;
        private final java.util.Map<String, List<Secret>> byPrefix = new java.util.HashMap<>();
        private final java.util.Map<Secret, String> fingerprints = new java.util.concurrent.ConcurrentHashMap<>();
        private final List<Secret> shortOnes;

        public Known(Collection<Secret> known) {
            longestFirst = known.stream().filter(s -> s != null && !s.reveal().isEmpty())
                    .sorted(Comparator.comparingInt((Secret s) -> s.reveal().length()).reversed()).toList();
            for (Secret s : longestFirst) {
                if (s.reveal().length() >= SHORT) {
                    byPrefix.computeIfAbsent(s.reveal().substring(0, SHORT), k -> new java.util.ArrayList<>()).add(s);
                }
            }
            shortOnes = longestFirst.stream().filter(s -> s.reveal().length() < SHORT).toList();
        }

        @Override
        public String apply(String text) {
            if (text == null || longestFirst.isEmpty()) {
                return text;
            }
            java.util.Set<Secret> candidates = new java.util.HashSet<>(shortOnes);
            for (int i = 0; i + SHORT <= text.length() && !byPrefix.isEmpty(); i++) {
                List<Secret> starting = byPrefix.get(text.substring(i, i + SHORT));
                if (starting != null) {
                    candidates.addAll(starting);
                }
            }
            if (candidates.isEmpty()) {
                return text;
            }
            String out = text;
            for (Secret s : longestFirst) { // longest first: a token that contains another is replaced whole
                if (!candidates.contains(s)) {
                    continue;
                }
                String value = s.reveal();
                if (value.length() >= SHORT) {
                    if (out.contains(value)) {
                        out = out.replace(value, fingerprints.computeIfAbsent(s, Secret::fingerprint));
                    }
                } else if (out.contains(value)) {
                    out = Pattern.compile("(?<![A-Za-z0-9_-])" + Pattern.quote(value) + "(?![A-Za-z0-9_-])").matcher(out)
                            .replaceAll("***");
                }
            }
            return out;
        }
    }
}
