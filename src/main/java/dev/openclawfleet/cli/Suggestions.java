package dev.openclawfleet.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Did-you-mean for a mistyped command, option or rule id: the candidates within a few edits
 * (a swap of two neighbouring letters counts as one, so `lsit` finds `list`), and those that
 * the typed word begins (`add` finds `add-instance`).
 */
final class Suggestions {
    private static final int MAX = 3;

    private Suggestions() {
    }

    /** " Did you mean 'list'?", " Did you mean 'start' or 'status'?", or "" when nothing is close. */
    static String didYouMean(String typed, List<String> candidates, String quote) {
        List<String> close = closest(typed, candidates);
        if (close.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder(". Did you mean ");
        for (int k = 0; k < close.size(); k++) {
            if (k > 0) {
                out.append(k == close.size() - 1 ? " or " : ", ");
            }
            out.append(quote).append(close.get(k)).append(quote);
        }
        return out.append('?').toString();
    }

    /** The closest candidates, nearest first, at most three. */
    static List<String> closest(String typed, List<String> candidates) {
        String word = bare(typed);
        if (word.isEmpty()) {
            return List.of();
        }
        int limit = word.length() <= 4 ? 1 : word.length() <= 8 ? 2 : 3;
        record Scored(String candidate, int distance, int order) {
        }
        List<Scored> scored = new ArrayList<>();
        for (int k = 0; k < candidates.size(); k++) {
            String candidate = candidates.get(k);
            String bare = bare(candidate);
            int distance = distance(word, bare);
            if (distance <= limit || word.length() >= 2 && bare.startsWith(word)) {
                scored.add(new Scored(candidate, Math.min(distance, limit), k));
            }
        }
        scored.sort(Comparator.comparingInt(Scored::distance).thenComparingInt(Scored::order));
        return scored.stream().limit(MAX).map(Scored::candidate).toList();
    }

    private static String bare(String s) {
        int start = 0;
        while (start < s.length() && s.charAt(start) == '-') {
            start++;
        }
        int eq = s.indexOf('=');
        return s.substring(start, eq > start ? eq : s.length()).toLowerCase(java.util.Locale.ROOT);
    }

    /** Edits between a and b: insertions, deletions, substitutions and swaps of neighbours (optimal string alignment). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
