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

    /** {@link #printable(String, int)} with a generous default length. */
    public static String printable(String s) {
        return printable(s, 200);
    }
}
