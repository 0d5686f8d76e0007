package dev.openclawfleet.model;

/** Small helpers for putting untrusted strings (labels, paths from hostile plists) into one-line messages. */
public final class Text {
    private Text() {
    }

    /** {@code s} with control characters escaped and cut to {@code max} characters, safe to print on one line. */
    public static String printable(String s, int max) {
        if (s == null) {
            return "";
        }
        if (s.length() <= max && isPlain(s)) {
            return s; // the common case (10,000 findings' messages, fixes and paths): nothing to escape or cut
        }
        StringBuilder out = new StringBuilder(Math.min(s.length(), max) + 8);
        int i = 0;
        for (; i < s.length() && out.length() < max; i++) {
            char c = s.charAt(i);
            if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c == '\u001b') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (i < s.length()) {
            out.append('…');
        }
        return out.toString();
    }

    /**
     * {@code s} with every control character escaped except the tab, at any length: a log line from
     * another program shown as it is, minus terminal escape sequences and carriage returns that
     * could rewrite what the user sees.
     */
    public static String withoutControls(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean control = c != '\t' && (Character.isISOControl(c) || c == '\u2028' || c == '\u2029');
            if (control && out == null) {
                out = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (out != null) {
                if (!control) {
                    out.append(c);
                } else if (c == '\n') {
                    out.append("\\n");
                } else if (c == '\r') {
                    out.append("\\r");
                } else {
                    out.append(String.format("\\u%04x", (int) c));
                }
            }
        }
        return out == null ? s : out.toString();
    }

    /** No character that {@link #printable(String, int)} escapes. */
    private static boolean isPlain(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                return false;
            }
        }
        return true;
    }

    /** {@link #printable(String, int)} with a generous default length. */
    public static String printable(String s) {
        return printable(s, 200);
    }
}
