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
        private final PrefixTable byPrefix;
        private final java.util.Map<Secret, String> fingerprints = new java.util.concurrent.ConcurrentHashMap<>();
        private final List<Secret> shortOnes;

        public Known(Collection<Secret> known) {
            longestFirst = known.stream().filter(s -> s != null && !s.reveal().isEmpty())
                    .sorted(Comparator.comparingInt((Secret s) -> s.reveal().length()).reversed()).toList();
            byPrefix = new PrefixTable(longestFirst.stream().filter(s -> s.reveal().length() >= SHORT).toList());
            shortOnes = longestFirst.stream().filter(s -> s.reveal().length() < SHORT).toList();
        }

        @Override
        public String apply(String text) {
            if (text == null || longestFirst.isEmpty()) {
                return text;
            }
            java.util.Set<Secret> candidates = byPrefix.startingIn(text);
            if (!shortOnes.isEmpty()) {
                candidates = candidates.isEmpty() ? new java.util.HashSet<>() : candidates;
                candidates.addAll(shortOnes);
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

    /**
     * The long tokens by a hash of their first {@value #SHORT} characters, looked up with a rolling
     * hash over every window of a text: one pass, no substring or boxed key per position (20,000
     * texts of a few hundred characters each made millions of those).
     */
    static final class PrefixTable {
        private static final long BASE = 1_000_003L;
        private static final long TOP = power(BASE, SHORT - 1);
        private final long[] hashes;
        private final Object[] secrets; // each slot: the List<Secret> whose prefixes hash alike, or null
        private final int mask;
        private final boolean empty;

        PrefixTable(List<Secret> longOnes) {
            empty = longOnes.isEmpty();
            int size = Integer.highestOneBit(Math.max(4, longOnes.size() * 2)) << 1;
            hashes = new long[size];
            secrets = new Object[size];
            mask = size - 1;
            for (Secret s : longOnes) {
                long h = hash(s.reveal(), 0);
                int i = slot(h);
                while (secrets[i] != null && hashes[i] != h) {
                    i = (i + 1) & mask;
                }
                if (secrets[i] == null) {
                    hashes[i] = h;
                    secrets[i] = new java.util.ArrayList<Secret>();
                }
                @SuppressWarnings("unchecked")
                List<Secret> bucket = (List<Secret>) secrets[i];
                bucket.add(s);
            }
        }

        /** The tokens whose first {@value #SHORT} characters occur somewhere in {@code text}; empty (and shared) when none. */
        java.util.Set<Secret> startingIn(String text) {
            java.util.Set<Secret> found = java.util.Set.of();
            if (empty || text.length() < SHORT) {
                return found;
            }
            long h = hash(text, 0);
            for (int start = 0; ; start++) {
                int i = slot(h);
                while (secrets[i] != null) {
                    if (hashes[i] == h) {
                        @SuppressWarnings("unchecked")
                        List<Secret> bucket = (List<Secret>) secrets[i];
                        for (Secret s : bucket) {
                            if (text.regionMatches(start, s.reveal(), 0, SHORT)) {
                                found = found.isEmpty() ? new java.util.HashSet<>() : found;
                                found.add(s);
                            }
                        }
                        break;
                    }
                    i = (i + 1) & mask;
                }
                if (start + SHORT >= text.length()) {
                    return found;
                }
                h = (h - text.charAt(start) * TOP) * BASE + text.charAt(start + SHORT);
            }
        }

        private int slot(long h) {
            return (int) (h ^ (h >>> 29) ^ (h >>> 47)) & mask;
        }

        private static long hash(String text, int from) {
            long h = 0;
            for (int k = from; k < from + SHORT; k++) {
                h = h * BASE + text.charAt(k);
            }
            return h;
        }

        private static long power(long base, int exponent) {
            long p = 1;
            for (int k = 0; k < exponent; k++) {
                p *= base;
            }
            return p;
        }
    }
}
