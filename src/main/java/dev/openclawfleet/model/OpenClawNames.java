package dev.openclawfleet.model;

import java.util.Locale;

/**
 * Which files in a LaunchAgents folder may be OpenClaw's, before anything is parsed: the name or
 * the text says openclaw, clawdbot, moltbot or bot.molt (any case; NUL bytes are skipped, so the
 * UTF-16 strings of binary and UTF-16 plists count). Every gateway, helper job and legacy job
 * passes, so the audit parses only these; the SSH collector applies the same test with
 * {@code tr} and {@code grep}, so other software's plists never leave their Mac.
 */
public final class OpenClawNames {
    /** The words, lower case; collector.sh's grep pattern says the same. */
    static final String[] WORDS = {"openclaw", "clawdbot", "moltbot", "bot.molt"};

    private OpenClawNames() {
    }

    public static boolean mayConcern(String fileName, byte[] content) {
        String name = fileName.toLowerCase(Locale.ROOT);
        for (String w : WORDS) {
            if (name.contains(w)) {
                return true;
            }
        }
        return content != null && mentions(content);
    }

    /** True when the bytes, NULs skipped and letters folded to lower case, contain one of the words. */
    static boolean mentions(byte[] content) {
        byte[] folded = new byte[content.length];
        int n = 0;
        for (byte b : content) {
            if (b != 0) {
                folded[n++] = (b >= 'A' && b <= 'Z') ? (byte) (b + 32) : b;
            }
        }
        for (String w : WORDS) {
            if (indexOf(folded, n, w) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static int indexOf(byte[] haystack, int length, String needle) {
        outer:
        for (int i = 0; i + needle.length() <= length; i++) {
            for (int j = 0; j < needle.length(); j++) {
                if (haystack[i + j] != needle.charAt(j)) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
