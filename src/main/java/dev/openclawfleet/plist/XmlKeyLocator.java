package dev.openclawfleet.plist;

import dev.openclawfleet.model.KeyLocator;
import dev.openclawfleet.model.KeyPath;
import dev.openclawfleet.model.Position;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/**
 * Finds key paths in the text of an XML plist, which dd-plist's parser cannot do (it keeps no
 * positions). A small scanner over the same bytes the parser accepted, UTF-8 as they are: it follows
 * the key path as elements open and records where the start tag of each step's value begins, and
 * nothing else (no element tree, no decoded copy of the text). It runs only when a finding asks
 * (most files have none) and keeps nothing afterwards.
 */
public final class XmlKeyLocator implements KeyLocator {
    private static final Pattern ENCODING = Pattern.compile("^<\\?xml[^>]*encoding\\s*=\\s*[\"']([A-Za-z0-9._-]+)[\"']");

    private final Supplier<byte[]> source;
    private final int length;
    private final long checksum;

    private XmlKeyLocator(byte[] parsed, Supplier<byte[]> source) {
        this.source = source;
        this.length = parsed.length;
        this.checksum = checksum(parsed);
    }

    /** A locator for these plist bytes, which it keeps: positions for XML plists, {@link KeyLocator#NONE} for binary and ASCII ones. */
    public static KeyLocator of(byte[] bytes) {
        return looksLikeXml(bytes) ? new XmlKeyLocator(bytes, () -> bytes) : KeyLocator.NONE;
    }

    /**
     * A locator for the plist that parsed from {@code parsed}, which it does not keep: {@code reread}
     * reads the file again when a position is asked for. When the file changed in between (other
     * length or checksum) or cannot be read, positions are unknown and findings stay on line 1.
     */
    public static KeyLocator of(byte[] parsed, Supplier<byte[]> reread) {
        return looksLikeXml(parsed) ? new XmlKeyLocator(parsed, reread) : KeyLocator.NONE;
    }

    @Override
    public Optional<Position> locate(KeyPath path) {
        byte[] bytes = bytes();
        if (bytes == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(find(bytes, path));
        } catch (RuntimeException e) {
            return Optional.empty(); // the parser accepted the file, so this is unexpected; findings then stay on line 1
        }
    }

    /** Where {@code path} (or its longest prefix the file has) sits in these plist bytes; null without any element. */
    static Position find(byte[] bytes, KeyPath path) {
        Utf8 text = Utf8.of(bytes);
        int offset = new PathScanner(text.bytes(), text.start(), path).scan();
        return offset < 0 ? null : position(text.bytes(), text.start(), offset);
    }

    /** The bytes that were parsed, read again when they were not kept; null when the file changed or is gone. */
    private byte[] bytes() {
        byte[] bytes;
        try {
            bytes = source.get();
        } catch (RuntimeException e) {
            return null;
        }
        return bytes != null && bytes.length == length && checksum(bytes) == checksum ? bytes : null;
    }

    private static long checksum(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length);
        return crc.getValue();
    }

    /**
     * Line and column (1-based) of a byte offset in UTF-8 text that begins at {@code start}; XML ends
     * lines with LF, CR LF or a lone CR, and columns count UTF-16 units, as in the decoded text.
     */
    private static Position position(byte[] text, int start, int offset) {
        int line = 1;
        int lineStart = start;
        for (int i = start; i < offset && i < text.length; i++) {
            byte c = text[i];
            if (c == '\n' || (c == '\r' && (i + 1 >= text.length || text[i + 1] != '\n'))) {
                line++;
                lineStart = i + 1;
            }
        }
        return new Position(line, utf16Length(text, lineStart, offset) + 1);
    }

    /** How many UTF-16 units these UTF-8 bytes decode to; only a run with non-ASCII bytes is decoded. */
    private static int utf16Length(byte[] text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text[i] < 0) {
                return new String(text, from, to - from, StandardCharsets.UTF_8).length();
            }
        }
        return to - from;
    }

    static boolean looksLikeXml(byte[] bytes) {
        int i = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
        if (bytes.length >= 2 && ((bytes[0] & 0xff) == 0xFE && (bytes[1] & 0xff) == 0xFF || (bytes[0] & 0xff) == 0xFF && (bytes[1] & 0xff) == 0xFE)) {
            return true; // UTF-16 with a byte-order mark
        }
        while (i < bytes.length && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\r' || bytes[i] == '\n')) {
            i++;
        }
        return i < bytes.length && bytes[i] == '<';
    }

    /**
     * The text as the XML parser read it (byte-order mark or declared encoding, else UTF-8), as UTF-8
     * bytes from {@code start}: UTF-8 files are used as they are, other encodings are converted.
     */
    private record Utf8(byte[] bytes, int start) {
        static Utf8 of(byte[] bytes) {
            if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xFE && (bytes[1] & 0xff) == 0xFF) {
                return converted(new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16BE));
            }
            if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xFF && (bytes[1] & 0xff) == 0xFE) {
                return converted(new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE));
            }
            if (isUtf8Bom(bytes, 0)) {
                return new Utf8(bytes, 3);
            }
            Charset charset = declared(bytes);
            return charset.equals(StandardCharsets.UTF_8) ? new Utf8(bytes, 0) : converted(new String(bytes, charset));
        }

        private static Utf8 converted(String text) {
            return new Utf8(text.getBytes(StandardCharsets.UTF_8), 0);
        }

        /** The encoding the XML declaration names, UTF-8 when it names none or one the JDK does not know. */
        private static Charset declared(byte[] bytes) {
            if (startsWith(bytes, USUAL_DECLARATION)) {
                return StandardCharsets.UTF_8; // what the expression below finds in it, without running it
            }
            Matcher declared = ENCODING.matcher(new String(bytes, 0, Math.min(bytes.length, 200), StandardCharsets.ISO_8859_1));
            if (declared.find()) {
                try {
                    return Charset.forName(declared.group(1));
                } catch (IllegalArgumentException e) {
                    // unknown name: the parser would have refused the file; read it as UTF-8
                }
            }
            return StandardCharsets.UTF_8;
        }
    }

    /** The XML declaration of every plist macOS and OpenClaw write. */
    private static final byte[] USUAL_DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>".getBytes(StandardCharsets.US_ASCII);

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && java.util.Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static boolean isUtf8Bom(byte[] bytes, int at) {
        return bytes.length - at >= 3 && (bytes[at] & 0xff) == 0xEF && (bytes[at + 1] & 0xff) == 0xBB && (bytes[at + 2] & 0xff) == 0xBF;
    }

    /**
     * One pass over the UTF-8 text (tags, comments, processing instructions, the DOCTYPE, CDATA and
     * text; every byte of XML's markup is ASCII, and no byte of a multi-byte character is) that
     * follows the key path as elements open, without building a tree or decoding the text. It keeps
     * the offset of the element each step of the path leads to; a later repeat of a key replaces the
     * value found for it (and forgets what was found below it), as dd-plist keeps the last one.
     * Elements nest as their tags do: an end tag closes the innermost open element, whatever its name.
     */
    private static final class PathScanner {
        private static final byte OTHER = 0;
        private static final byte PLIST = 1;
        private static final byte DICT = 2;
        private static final byte ARRAY = 3;
        private static final byte KEY = 4;
        /** An element's step on the path: none, or the plist element whose first child is the root. */
        private static final int OFF_PATH = -1;
        private static final int ROOT_PENDING = -2;

        private final byte[] text;
        private final int start;
        private final KeyPath.Segment[] steps;
        /** found[k]: the offset of the element the first k steps lead to (found[0] the root value); -1 when not (yet) found. */
        private final int[] found;

        // The open elements, innermost last; index 0 is the document.
        private byte[] kind = new byte[16];
        private int[] step = new int[16];
        private int[] children = new int[16];
        private boolean[] afterMatchingKey = new boolean[16];
        private int depth;

        /** The text of the {@code <key>} being read, when it names the next step; null otherwise. */
        private StringBuilder key;
        private int keyDepth = -1;

        PathScanner(byte[] text, int start, KeyPath path) {
            this.text = text;
            this.start = start;
            this.steps = path.segments().toArray(new KeyPath.Segment[0]);
            this.found = new int[steps.length + 1];
            java.util.Arrays.fill(found, -1);
            kind[0] = OTHER;
            step[0] = OFF_PATH;
        }

        /** The offset of the element the longest found prefix of the path leads to; -1 when the text has no element. */
        int scan() {
            byte[] text = this.text;
            int n = text.length;
            int i = isUtf8Bom(text, start) ? start + 3 : start;
            while (i < n) {
                byte c = text[i];
                if (c != '<') {
                    i = c == '&' ? entity(i) : characters(i);
                    continue;
                }
                byte next = i + 1 < n ? text[i + 1] : 0;
                if (next == '!' && startsWith(COMMENT, i)) {
                    i = after(COMMENT_END, i + 4);
                } else if (next == '!' && startsWith(CDATA, i)) {
                    int end = indexOf(CDATA_END, i + 9);
                    int stop = end < 0 ? n : end;
                    keyBytes(i + 9, stop);
                    i = stop + 3;
                } else if (next == '?') {
                    i = after(PI_END, i + 2);
                } else if (next == '!') {
                    i = afterDeclaration(i + 2);
                } else if (next == '/') {
                    close();
                    i = after(TAG_END, i + 2);
                } else {
                    i = startTag(i);
                }
            }
            int at = found[0];
            for (int k = 1; at >= 0 && k < found.length && found[k] >= 0; k++) {
                at = found[k];
            }
            return at;
        }

        private int startTag(int start) {
            byte[] text = this.text;
            int n = text.length;
            int i = start + 1;
            while (i < n && text[i] != '/' && text[i] != '>' && !isWhitespaceAt(i)) {
                i++;
            }
            byte name = name(start + 1, i);
            byte quote = 0;
            for (; i < n; i++) {
                byte c = text[i];
                if (quote == 0 && c == '>') {
                    break;
                }
                quote = quote == 0 ? (c == '"' || c == '\'' ? c : 0) : (c == quote ? 0 : quote);
            }
            boolean empty = i > start && text[i - 1] == '/';
            open(name, start, empty);
            return i + 1;
        }

        /** A child element of the innermost open one starts at {@code offset}. */
        private void open(byte name, int offset, boolean empty) {
            int parent = depth;
            int childStep = OFF_PATH;
            boolean readKey = false;
            int index = children[parent]++;
            if (parent == 0) {
                if (index == 0) { // the first element: <plist>, whose first child is the root value, or the root itself
                    found[0] = offset;
                    childStep = name == PLIST ? ROOT_PENDING : 0;
                }
            } else if (step[parent] == ROOT_PENDING) {
                if (index == 0) {
                    found[0] = offset;
                    childStep = 0;
                }
            } else if (step[parent] >= 0 && step[parent] < steps.length) {
                int k = step[parent];
                boolean match;
                if (steps[k] instanceof KeyPath.Key) {
                    match = kind[parent] == DICT && afterMatchingKey[parent];
                    afterMatchingKey[parent] = false;
                    readKey = kind[parent] == DICT && name == KEY;
                } else {
                    match = kind[parent] == ARRAY && index == ((KeyPath.Index) steps[k]).index();
                }
                if (match) {
                    found[k + 1] = offset;
                    java.util.Arrays.fill(found, k + 2, found.length, -1);
                    childStep = k + 1;
                }
            }
            if (empty) {
                if (readKey) {
                    afterMatchingKey[parent] = ((KeyPath.Key) steps[step[parent]]).name().isEmpty();
                }
                return;
            }
            push(name, childStep);
            if (readKey) {
                key = new StringBuilder();
                keyDepth = depth;
            }
        }

        private void push(byte name, int childStep) {
            if (++depth == kind.length) {
                int size = depth * 2;
                kind = java.util.Arrays.copyOf(kind, size);
                step = java.util.Arrays.copyOf(step, size);
                children = java.util.Arrays.copyOf(children, size);
                afterMatchingKey = java.util.Arrays.copyOf(afterMatchingKey, size);
            }
            kind[depth] = name;
            step[depth] = childStep;
            children[depth] = 0;
            afterMatchingKey[depth] = false;
        }

        /** An end tag: closes the innermost open element (never the document). */
        private void close() {
            if (depth == 0) {
                return;
            }
            if (depth == keyDepth) {
                int parent = depth - 1;
                afterMatchingKey[parent] = ((KeyPath.Key) steps[step[parent]]).name().contentEquals(key);
                key = null;
                keyDepth = -1;
            }
            depth--;
        }

        private byte name(int from, int to) {
            int length = to - from;
            if (length == 3 && startsWith(KEY_NAME, from)) {
                return KEY;
            }
            if (length == 4 && startsWith(DICT_NAME, from)) {
                return DICT;
            }
            if (length == 5 && startsWith(ARRAY_NAME, from)) {
                return ARRAY;
            }
            return length == 5 && startsWith(PLIST_NAME, from) ? PLIST : OTHER;
        }

        /**
         * Whether the character at {@code i} is white space as {@link Character#isWhitespace} sees it,
         * which ends an element's name; beyond ASCII that is U+1680, U+2000-U+200A but U+2007, U+2028,
         * U+2029, U+205F and U+3000: all three-byte characters led by 0xE1-0xE3.
         */
        private boolean isWhitespaceAt(int i) {
            byte c = text[i];
            if (c >= 0) {
                return c <= ' ' && Character.isWhitespace(c);
            }
            int lead = c & 0xff;
            if (lead < 0xE1 || lead > 0xE3 || i + 2 >= text.length
                    || (text[i + 1] & 0xC0) != 0x80 || (text[i + 2] & 0xC0) != 0x80) {
                return false;
            }
            return Character.isWhitespace(((lead & 0x0F) << 12) | ((text[i + 1] & 0x3F) << 6) | (text[i + 2] & 0x3F));
        }

        /** Past a DOCTYPE (with its bracketed internal subset, if any) or another {@code <!...>} declaration. */
        private int afterDeclaration(int i) {
            int depth = 0;
            for (; i < text.length; i++) {
                byte c = text[i];
                if (c == '[') {
                    depth++;
                } else if (c == ']') {
                    depth--;
                } else if (c == '>' && depth <= 0) {
                    return i + 1;
                }
            }
            return i;
        }

        private int after(byte[] end, int from) {
            int at = indexOf(end, from);
            return at < 0 ? text.length : at + end.length;
        }

        /** A run of text up to the next tag or entity: read only inside a {@code <key>} that names a step. */
        private int characters(int i) {
            byte[] text = this.text;
            int n = text.length;
            int end = i + 1;
            while (end < n && text[end] != '<' && text[end] != '&') {
                end++;
            }
            keyBytes(i, end);
            return end;
        }

        private int entity(int i) {
            int semicolon = indexOf(SEMICOLON, i);
            if (semicolon < 0 || longerThan(i, semicolon, 12)) {
                return character(i);
            }
            String name = new String(text, i + 1, semicolon - i - 1, StandardCharsets.UTF_8);
            String value = switch (name) {
                case "lt" -> "<";
                case "gt" -> ">";
                case "amp" -> "&";
                case "quot" -> "\"";
                case "apos" -> "'";
                default -> numeric(name);
            };
            if (value == null) {
                return character(i);
            }
            keyText(value);
            return semicolon + 1;
        }

        private int character(int i) {
            keyText("&");
            return i + 1;
        }

        /** Whether the text from {@code from} to {@code to} is more than {@code units} UTF-16 units long. */
        private boolean longerThan(int from, int to, int units) {
            int count = 0;
            for (int i = from; i < to; i++) {
                int b = text[i] & 0xff;
                if ((b & 0xC0) != 0x80) {
                    count += b >= 0xF0 ? 2 : 1;
                }
                if (count > units) {
                    return true;
                }
            }
            return false;
        }

        private static String numeric(String name) {
            try {
                if (name.startsWith("#x") || name.startsWith("#X")) {
                    return Character.toString(Integer.parseInt(name.substring(2), 16));
                }
                if (name.startsWith("#")) {
                    return Character.toString(Integer.parseInt(name.substring(1)));
                }
            } catch (IllegalArgumentException e) {
                return null;
            }
            return null;
        }

        /** Only the text of a key that names a step is kept: values are found by position, and a key names them. */
        private void keyText(String s) {
            if (key != null && depth == keyDepth) {
                key.append(s);
            }
        }

        private void keyBytes(int from, int to) {
            if (key == null || depth != keyDepth || from >= to) {
                return;
            }
            for (int i = from; i < to; i++) {
                if (text[i] < 0) {
                    key.append(new String(text, i, to - i, StandardCharsets.UTF_8));
                    return;
                }
                key.append((char) text[i]);
            }
        }

        private boolean startsWith(byte[] what, int at) {
            if (at < 0 || at + what.length > text.length) {
                return false;
            }
            for (int k = 0; k < what.length; k++) {
                if (text[at + k] != what[k]) {
                    return false;
                }
            }
            return true;
        }

        private int indexOf(byte[] what, int from) {
            byte[] text = this.text;
            byte first = what[0];
            for (int i = Math.max(from, 0), last = text.length - what.length; i <= last; i++) {
                if (text[i] == first && startsWith(what, i)) {
                    return i;
                }
            }
            return -1;
        }

        private static final byte[] COMMENT = ascii("<!--");
        private static final byte[] COMMENT_END = ascii("-->");
        private static final byte[] CDATA = ascii("<![CDATA[");
        private static final byte[] CDATA_END = ascii("]]>");
        private static final byte[] PI = ascii("<?");
        private static final byte[] PI_END = ascii("?>");
        private static final byte[] TAG_END = ascii(">");
        private static final byte[] SEMICOLON = ascii(";");
        private static final byte[] KEY_NAME = ascii("key");
        private static final byte[] DICT_NAME = ascii("dict");
        private static final byte[] ARRAY_NAME = ascii("array");
        private static final byte[] PLIST_NAME = ascii("plist");

        private static byte[] ascii(String s) {
            return s.getBytes(StandardCharsets.US_ASCII);
        }
    }
}
