package dev.openclawfleet.system;

import java.util.List;

/**
 * File-name patterns as the shell expands them in the SSH collector: {@code *} matches any run of
 * characters, everything else itself, and a name starting with a dot matches only a pattern that
 * starts with one. The local reader uses the same rule, so both list the same entries.
 */
public final class Globs {
    private Globs() {
    }

    public static boolean matchesAny(String name, List<String> globs) {
        return globs.stream().anyMatch(g -> matches(name, g));
    }

    public static boolean matches(String name, String glob) {
        if (name.equals(".") || name.equals("..") || (name.startsWith(".") && !glob.startsWith("."))) {
            return false;
        }
        return match(name, 0, glob, 0);
    }

    private static boolean match(String name, int n, String glob, int g) {
        while (g < glob.length()) {
            char c = glob.charAt(g);
            if (c == '*') {
                for (int k = n; k <= name.length(); k++) {
                    if (match(name, k, glob, g + 1)) {
                        return true;
                    }
                }
                return false;
            }
            if (n >= name.length() || name.charAt(n) != c) {
                return false;
            }
            n++;
            g++;
        }
        return n == name.length();
    }
}
