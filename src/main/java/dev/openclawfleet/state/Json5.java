package dev.openclawfleet.state;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * Rewrites the JSON5 that Jackson's lenient features do not read into what they do, without
 * touching anything else: hexadecimal numbers ({@code 0x4E5D}) become decimal, {@code +NaN} and
 * {@code -NaN} become {@code NaN}, the string escapes {@code \x41}, {@code \v} and {@code \0}
 * become {@code \\u} escapes, a backslash before a line break (a line continuation) is dropped,
 * and JSON5's extra white space (NBSP, BOM, U+2028...) becomes a space. Comments, single quotes,
 * unquoted keys, trailing commas, leading and trailing decimal points, a leading plus and
 * Infinity are left to Jackson. It also measures nesting, so that a config nested too deeply is
 * refused with its line before Jackson sees it. Offsets are mapped back, so every error names the
 * line and column of the original text.
 */
final class Json5 {
    /** Deeper than any real config: OpenClaw's nest a handful of levels. */
    static final int MAX_DEPTH = 128;
    /** A hex literal longer than this is refused rather than converted (it would not fit any setting). */
    static final int MAX_HEX_DIGITS = 32;

    /** The rewritten text and, at each edit, where output offsets start to map to input offsets. */
    record Converted(String text, String original, int[] outAt, int[] inAt, int anchors) {
        /** The original offset of an offset in {@link #text()}. */
        int originalOffset(int out) {
            int i = Arrays.binarySearch(outAt, 0, anchors, out);
            int k = i >= 0 ? i : -i - 2;
            if (k < 0) {
                return out;
            }
            return Math.min(original.length(), inAt[k] + (out - outAt[k]));
        }

        /** "line L, column C" (1-based) of an offset in {@link #text()}. */
        String where(int out) {
            return Json5.where(original, originalOffset(out));
        }
    }

    /** Syntax the rewrite itself refuses (too deep, a hex literal too long); the message names a place, never the text. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private final String in;
    private final StringBuilder out;
    private int[] outAt = new int[8];
    private int[] inAt = new int[8];
    private int anchors;

    private Json5(String in) {
        this.in = in;
        this.out = new StringBuilder(in.length() + 16);
    }

    static Converted convert(String in) throws Refused {
        Json5 j = new Json5(in);
        j.run();
        return new Converted(j.out.toString(), in, j.outAt, j.inAt, j.anchors);
    }

    /**
     * Whether {@link #convert} would give {@code bytes}, read as UTF-8, back unchanged and refuse
     * nothing: ASCII only (so Latin-1 reads it as UTF-8 would), no backslash (no escape or line
     * continuation to rewrite), no vertical tab or form feed (JSON5 white space Jackson lacks), no
     * {@code 0x} or {@code 0X} (hex) and no {@code NaN} (a signed one is rewritten), and no more
     * brackets in all than {@link #MAX_DEPTH} (so nothing can nest deeper). Conservative: a text
     * that fails a test is simply converted.
     */
    static boolean needsNoRewrite(byte[] bytes) {
        int opens = 0;
        for (int i = 0; i < bytes.length; i++) {
            byte b = bytes[i];
            if (b < 0 || b == '\\' || b == 0x0b || b == 0x0c) {
                return false;
            }
            if (b == '{' || b == '[') {
                if (++opens > MAX_DEPTH) {
                    return false;
                }
            } else if (b == '0' && i + 1 < bytes.length && (bytes[i + 1] == 'x' || bytes[i + 1] == 'X')) {
                return false;
            } else if (b == 'N' && i + 2 < bytes.length && bytes[i + 1] == 'a' && bytes[i + 2] == 'N') {
                return false;
            }
        }
        return true;
    }

    /** {@code text} as {@link #convert} gives back a text it does not change: no edits, every offset its own. */
    static Converted unchanged(String text) {
        return new Converted(text, text, new int[0], new int[0], 0);
    }

    private void run() throws Refused {
        int depth = 0;
        int i = 0;
        int n = in.length();
        char previous = ' ';
        while (i < n) {
            char c = in.charAt(i);
            if (c == '/' && i + 1 < n && in.charAt(i + 1) == '/') {
                int end = in.indexOf('\n', i);
                end = end < 0 ? n : end;
                out.append(in, i, end);
                i = end;
            } else if (c == '/' && i + 1 < n && in.charAt(i + 1) == '*') {
                int end = in.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                out.append(in, i, end);
                i = end;
            } else if (c == '"' || c == '\'') {
                i = string(i, c);
                previous = c;
            } else if (c == '{' || c == '[') {
                if (++depth > MAX_DEPTH) {
                    throw new Refused("nested too deeply (more than " + MAX_DEPTH + " levels) at " + where(in, i));
                }
                out.append(c);
                previous = c;
                i++;
            } else if (c == '}' || c == ']') {
                depth = Math.max(0, depth - 1);
                out.append(c);
                previous = c;
                i++;
            } else if (isExtraSpace(c)) {
                out.append(' ');
                i++;
            } else if (!isIdentifierPart(previous) && (c == '+' || c == '-' || c == '0')) {
                int end = number(i);
                previous = end > i ? '0' : c;
                if (end == i) {
                    out.append(c);
                    i++;
                } else {
                    i = end;
                }
            } else {
                out.append(c);
                if (!Character.isWhitespace(c)) {
                    previous = c;
                }
                i++;
            }
        }
    }

    /** Rewrites a hex literal or a signed NaN starting at {@code start}; returns where it ends, or {@code start} when it is neither. */
    private int number(int start) throws Refused {
        int i = start;
        String sign = "";
        if (in.charAt(i) == '+' || in.charAt(i) == '-') {
            sign = in.charAt(i) == '-' ? "-" : "";
            i++;
        }
        if (in.startsWith("NaN", i) && (i + 3 >= in.length() || !isIdentifierPart(in.charAt(i + 3)))) {
            edit(start, i + 3, "NaN");
            return i + 3;
        }
        if (i + 1 < in.length() && in.charAt(i) == '0' && (in.charAt(i + 1) == 'x' || in.charAt(i + 1) == 'X')) {
            int digits = i + 2;
            int end = digits;
            while (end < in.length() && Character.digit(in.charAt(end), 16) >= 0) {
                end++;
            }
            if (end == digits) {
                return start; // "0x" alone: Jackson reports it where it is
            }
            if (end - digits > MAX_HEX_DIGITS) {
                throw new Refused("a hexadecimal number longer than " + MAX_HEX_DIGITS + " digits at " + where(in, start));
            }
            edit(start, end, sign + new BigInteger(in.substring(digits, end), 16));
            return end;
        }
        if (sign.isEmpty() && start == i) {
            return start;
        }
        out.append(in, start, i); // a sign before an ordinary number: Jackson reads it
        return i;
    }

    /** Copies a string literal starting at the quote at {@code start}, rewriting the escapes Jackson lacks; returns the index after it. */
    private int string(int start, char quote) {
        out.append(quote);
        int i = start + 1;
        int n = in.length();
        while (i < n) {
            char c = in.charAt(i);
            if (c == quote) {
                out.append(c);
                return i + 1;
            }
            if (c == '\n' || c == '\r') {
                return i; // unterminated: Jackson reports it at this line
            }
            if (c != '\\' || i + 1 >= n) {
                out.append(c);
                i++;
                continue;
            }
            char e = in.charAt(i + 1);
            if (e == '\r' && i + 2 < n && in.charAt(i + 2) == '\n') {
                edit(i, i + 3, "");
                i += 3;
            } else if (e == '\n' || e == '\r' || e == '\u2028' || e == '\u2029') {
                edit(i, i + 2, "");
                i += 2;
            } else if (e == 'x' && i + 3 < n && Character.digit(in.charAt(i + 2), 16) >= 0 && Character.digit(in.charAt(i + 3), 16) >= 0) {
                edit(i, i + 4, "\\u00" + in.substring(i + 2, i + 4));
                i += 4;
            } else if (e == 'v') {
                edit(i, i + 2, "\\u000b");
                i += 2;
            } else if (e == '0' && (i + 2 >= n || !Character.isDigit(in.charAt(i + 2)))) {
                edit(i, i + 2, "\\u0000");
                i += 2;
            } else {
                out.append(c).append(e);
                i += 2;
            }
        }
        return n;
    }

    /** Replaces input {@code [from, to)} with {@code text}, remembering how offsets shift after it. */
    private void edit(int from, int to, String text) {
        anchor(out.length(), from);
        out.append(text);
        anchor(out.length(), to);
    }

    private void anchor(int outOffset, int inOffset) {
        if (anchors == outAt.length) {
            outAt = Arrays.copyOf(outAt, anchors * 2);
            inAt = Arrays.copyOf(inAt, anchors * 2);
        }
        if (anchors > 0 && outAt[anchors - 1] == outOffset) {
            inAt[anchors - 1] = inOffset;
            return;
        }
        outAt[anchors] = outOffset;
        inAt[anchors] = inOffset;
        anchors++;
    }

    private static boolean isExtraSpace(char c) {
        return c == '\u000b' || c == '\f' || c == '\u00a0' || c == '\ufeff' || c == '\u2028' || c == '\u2029'
                || (c != ' ' && Character.getType(c) == Character.SPACE_SEPARATOR);
    }

    private static boolean isIdentifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '.';
    }

    /** "line L, column C" of an offset of {@code text}, both 1-based. */
    static String where(String text, int offset) {
        int line = 1;
        int lineStart = 0;
        int end = Math.min(offset, text.length());
        for (int i = 0; i < end; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return "line " + line + ", column " + (end - lineStart + 1);
    }
}
