package dev.openclawfleet.remote;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the collector's frames from the SSH stream: a header line {@code @ID TYPE KEY=VALUE ...}
 * (a value starting with {@code ~} is base64), base64 body lines, and a line {@code .}. Everything
 * is bounded before it is decoded: header lines, each frame's body (by the caller's cap) and the
 * whole stream (by a budget).
 */
final class Frames {
    static final int MAX_LINE = 16 * 1024;
    /** Lines a login shell may print before the collector starts (a banner in a dotfile). */
    static final int MAX_NOISE_LINES = 200;

    private final InputStream in;
    private long budget;

    /** One frame: its request id, type, header fields and decoded body. */
    record Frame(int id, String type, Map<String, String> fields, byte[] body) {
        String field(String key) {
            return fields.get(key);
        }

        long number(String key, long fallback) {
            String v = fields.get(key);
            if (v == null || v.isEmpty() || v.length() > 19 || !v.matches("-?\\d+")) {
                return fallback;
            }
            return Long.parseLong(v);
        }
    }

    Frames(InputStream in, long budget) {
        this.in = in;
        this.budget = budget;
    }

    /** The collector's greeting, after whatever a login shell printed first; null at the end of the stream. */
    Frame greeting() throws IOException {
        for (int i = 0; i < MAX_NOISE_LINES; i++) {
            String line = line(MAX_LINE);
            if (line == null) {
                return null;
            }
            if (line.startsWith("@0 hello ")) {
                return rest(line, 0);
            }
        }
        throw new ProtocolException("no collector greeting in the first " + MAX_NOISE_LINES + " lines");
    }

    /** The next frame, whose body may decode to at most {@code maxBody} bytes; null at the end of the stream. */
    Frame next(long maxBody) throws IOException {
        String line = line(MAX_LINE);
        if (line == null) {
            return null;
        }
        if (!line.startsWith("@")) {
            throw new ProtocolException("a frame does not start with @");
        }
        return rest(line, maxBody);
    }

    private Frame rest(String header, long maxBody) throws IOException {
        String[] words = header.substring(1).split(" ");
        if (words.length < 2 || !words[0].matches("\\d{1,9}")) {
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
        StringBuilder base64 = new StringBuilder();
        while (true) {
            String line = line(maxChars - base64.length() + 2);
            if (line == null) {
                throw new ProtocolException("the stream ended inside a frame");
            }
            if (line.equals(".")) {
                break;
            }
            if (base64.length() + line.length() > maxChars) {
                throw new ProtocolException("a frame is larger than the " + maxBody + " bytes asked for");
            }
            base64.append(line.strip());
        }
        byte[] body;
        try {
            body = Base64.getDecoder().decode(base64.toString());
        } catch (IllegalArgumentException e) {
            throw new ProtocolException("a frame's body is not base64");
        }
        if (body.length > maxBody) {
            throw new ProtocolException("a frame is larger than the " + maxBody + " bytes asked for");
        }
        return new Frame(Integer.parseInt(words[0]), words[1], fields, body);
    }

    private static String decodeText(String base64) throws ProtocolException {
        try {
            return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException("a header value is not base64");
        }
    }

    /** One line of at most {@code max} bytes, without its newline; null at the end of the stream. */
    private String line(long max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        while (true) {
            int b = in.read();
            if (b < 0) {
                return out.size() == 0 ? null : out.toString(StandardCharsets.UTF_8);
            }
            if (--budget < 0) {
                throw new ProtocolException("the collector sent more than the audit's limit");
            }
            if (b == '\n') {
                return out.toString(StandardCharsets.UTF_8);
            }
            if (out.size() >= max) {
                throw new ProtocolException("a line is longer than the frame allows");
            }
            out.write(b);
        }
    }

    /** The collector's stream does not follow the protocol. */
    static final class ProtocolException extends IOException {
        ProtocolException(String message) {
            super(message);
        }
    }
}
