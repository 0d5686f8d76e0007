package dev.openclawfleet.remote;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the collector's frames from the SSH stream: a header line {@code @ID TYPE KEY=VALUE ...}
 * (a value starting with {@code ~} is base64), base64 body lines, and a line {@code .}. Everything
 * is bounded before it is decoded: header lines, each frame's body (by the caller's cap) and the
 * whole stream (by a budget). It reads the stream in blocks and looks at each byte once: ten
 * Macs' answers are parsed at the same time, while the JVM is still cold.
 */
final class Frames {
    static final int MAX_LINE = 16 * 1024;
    /** Lines a login shell may print before the collector starts (a banner in a dotfile). */
    static final int MAX_NOISE_LINES = 200;

    private final InputStream in;
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private boolean ended;
    /** The line just read: {@code line[0..lineLength)}, without its newline. */
    private byte[] line = new byte[256];
    private int lineLength;
    private long budget;

    /** One frame: its request id, type, header fields and decoded body. */
    record Frame(int id, String type, Map<String, String> fields, byte[] body) {
        String field(String key) {
            return fields.get(key);
        }

        long number(String key, long fallback) {
            String v = fields.get(key);
            if (v == null || v.isEmpty() || v.length() > 19) {
                return fallback;
            }
            for (int i = v.charAt(0) == '-' ? 1 : 0; i < v.length(); i++) {
                if (v.charAt(i) < '0' || v.charAt(i) > '9') {
                    return fallback;
                }
            }
            return v.equals("-") ? fallback : Long.parseLong(v);
        }
    }

    Frames(InputStream in, long budget) {
        this.in = in;
        this.budget = budget;
    }

    /** The collector's greeting, after whatever a login shell printed first; null at the end of the stream. */
    Frame greeting() throws IOException {
        for (int i = 0; i < MAX_NOISE_LINES; i++) {
            if (!readLine(MAX_LINE)) {
                return null;
            }
            String text = lineText();
            if (text.startsWith("@0 hello ")) {
                return rest(text, 0);
            }
        }
        throw new ProtocolException("no collector greeting in the first " + MAX_NOISE_LINES + " lines");
    }

    /** The next frame, whose body may decode to at most {@code maxBody} bytes; null at the end of the stream. */
    Frame next(long maxBody) throws IOException {
        if (!readLine(MAX_LINE)) {
            return null;
        }
        if (lineLength == 0 || line[0] != '@') {
            throw new ProtocolException("a frame does not start with @");
        }
        return rest(lineText(), maxBody);
    }

    private Frame rest(String header, long maxBody) throws IOException {
        String[] words = header.substring(1).split(" ");
        if (words.length < 2 || !id(words[0])) {
            throw new ProtocolException("a frame header is malformed");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 2; i < words.length; i++) {
            int eq = words[i].indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String value = words[i].substring(eq + 1);
            fields.put(words[i].substring(0, eq), value.startsWith("~") ? decodeText(value.substring(1)) : value);
        }
        long maxChars = (maxBody + 2) / 3 * 4;
        byte[] base64 = new byte[(int) Math.min(maxChars, 1 << 12)];
        int length = 0;
        while (true) {
            if (!readLine(maxChars - length + 2)) {
                throw new ProtocolException("the stream ended inside a frame");
            }
            if (lineLength == 1 && line[0] == '.') {
                break;
            }
            if (length + lineLength > maxChars) {
                throw new ProtocolException("a frame is larger than the " + maxBody + " bytes asked for");
            }
            int from = 0;
            int to = lineLength;
            while (from < to && blank(line[from])) {
                from++;
            }
            while (to > from && blank(line[to - 1])) {
                to--;
            }
            if (length + to - from > base64.length) {
                base64 = Arrays.copyOf(base64, (int) Math.min(maxChars, Math.max(2L * base64.length, length + to - from)));
            }
            System.arraycopy(line, from, base64, length, to - from);
            length += to - from;
        }
        byte[] body;
        try {
            body = Base64.getDecoder().decode(length == base64.length ? base64 : Arrays.copyOf(base64, length));
        } catch (IllegalArgumentException e) {
            throw new ProtocolException("a frame's body is not base64");
        }
        if (body.length > maxBody) {
            throw new ProtocolException("a frame is larger than the " + maxBody + " bytes asked for");
        }
        return new Frame(Integer.parseInt(words[0]), words[1], fields, body);
    }

    /** A request id: 1 to 9 digits. */
    private static boolean id(String word) {
        if (word.isEmpty() || word.length() > 9) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (word.charAt(i) < '0' || word.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** What {@link String#strip} takes off the ends of a base64 line. */
    private static boolean blank(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\f' || b == 0x0B || (b >= 0x1C && b <= 0x1F);
    }

    private static String decodeText(String base64) throws ProtocolException {
        try {
            return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException("a header value is not base64");
        }
    }

    /**
     * Reads one line of at most {@code max} bytes, without its newline, into {@link #line}; false at
     * the end of the stream when nothing was read. Every byte counts against the budget.
     */
    private boolean readLine(long max) throws IOException {
        lineLength = 0;
        while (true) {
            if (position == limit && !fill()) {
                return lineLength > 0;
            }
            int newline = -1;
            for (int i = position; i < limit; i++) {
                if (buffer[i] == '\n') {
                    newline = i;
                    break;
                }
            }
            int end = newline < 0 ? limit : newline;
            int taken = end - position + (newline < 0 ? 0 : 1);
            if (budget < taken) {
                throw new ProtocolException("the collector sent more than the audit's limit");
            }
            if ((long) lineLength + end - position > max) {
                throw new ProtocolException("a line is longer than the frame allows");
            }
            budget -= taken;
            if (lineLength + end - position > line.length) {
                line = Arrays.copyOf(line, Math.max(2 * line.length, lineLength + end - position));
            }
            System.arraycopy(buffer, position, line, lineLength, end - position);
            lineLength += end - position;
            position += taken;
            if (newline >= 0) {
                return true;
            }
        }
    }

    private boolean fill() throws IOException {
        if (ended) {
            return false;
        }
        int n = in.read(buffer, 0, buffer.length);
        if (n < 0) {
            ended = true;
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }

    private String lineText() {
        return new String(line, 0, lineLength, StandardCharsets.UTF_8);
    }

    /** The collector's stream does not follow the protocol. */
    static final class ProtocolException extends IOException {
        ProtocolException(String message) {
            super(message);
        }
    }
}
