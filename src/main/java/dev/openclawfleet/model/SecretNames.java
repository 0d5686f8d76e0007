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
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) >= 0x80) {
                return bySplitting(name); // upper case can change a non-ASCII name's letters and length: done as written
            }
        }
        // An ASCII name is matched segment by segment in place: 10,000 instances' variables were upper-cased and split
        // into arrays of strings, the largest garbage of an audit after the parse. The same answer as bySplitting.
        int start = 0;
        int previousStart = -1;
        int previousEnd = -1;
        while (true) {
            int end = name.indexOf('_', start);
            end = end < 0 ? name.length() : end;
            if (isOneOf(name, start, end, WORDS) || (is(name, start, end, "KEY") && previousStart >= 0
                    && isOneOf(name, previousStart, previousEnd, FIRST_HALVES))) {
                return true;
            }
            if (end == name.length()) {
                return false;
            }
            previousStart = start;
            previousEnd = end;
            start = end + 1;
        }
    }

    /** {@link #isSecret} as first written: the name upper-cased and split at underscores. For any name. */
    static boolean bySplitting(String name) {
        String[] parts = name.toUpperCase(Locale.ROOT).split("_");
        for (int i = 0; i < parts.length; i++) {
            if (WORDS.contains(parts[i]) || (parts[i].equals("KEY") && i > 0 && FIRST_HALVES.contains(parts[i - 1]))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isOneOf(String name, int start, int end, Set<String> words) {
        for (String word : words) {
            if (is(name, start, end, word)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code name[start, end)} is {@code word} (upper case) in any case; ASCII only. */
    private static boolean is(String name, int start, int end, String word) {
        return end - start == word.length() && name.regionMatches(true, start, word, 0, word.length());
    }
}
