package dev.openclawfleet.plist;

import dev.openclawfleet.model.KeyLocator;
import dev.openclawfleet.model.KeyPath;
import dev.openclawfleet.model.Position;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/**
 * The element-tree locator that {@link XmlKeyLocator} replaced, kept as the oracle of
 * XmlKeyLocatorEquivalenceTest: the same positions for every input, however odd. Finds key paths in
 * the text of an XML plist, which dd-plist's parser cannot do (it keeps no positions). A small scanner over the same bytes the parser accepted: it records where each
 * element's start tag begins and which {@code <key>} names which value, and nothing else. It runs
 * only when a finding asks (most files have none) and keeps nothing afterwards: a lint of 10,000
 * plists, each with a finding, would otherwise hold 10,000 element trees.
 */
final class TreeKeyLocator implements KeyLocator {
    private static final Pattern ENCODING = Pattern.compile("^<\\?xml[^>]*encoding\\s*=\\s*[\"']([A-Za-z0-9._-]+)[\"']");

    private final Supplier<byte[]> source;
    private final int length;
    private final long checksum;

    private TreeKeyLocator(byte[] parsed, Supplier<byte[]> source) {
        this.source = source;
        this.length = parsed.length;
        this.checksum = checksum(parsed);
    }

    /** A locator for these plist bytes, which it keeps: positions for XML plists, {@link KeyLocator#NONE} for binary and ASCII ones. */
    static KeyLocator of(byte[] bytes) {
        return looksLikeXml(bytes) ? new TreeKeyLocator(bytes, () -> bytes) : KeyLocator.NONE;
    }

    /**
     * A locator for the plist that parsed from {@code parsed}, which it does not keep: {@code reread}
     * reads the file again when a position is asked for. When the file changed in between (other
     * length or checksum) or cannot be read, positions are unknown and findings stay on line 1.
     */
    static KeyLocator of(byte[] parsed, Supplier<byte[]> reread) {
        return looksLikeXml(parsed) ? new TreeKeyLocator(parsed, reread) : KeyLocator.NONE;
    }

    @Override
    public Optional<Position> locate(KeyPath path) {
        byte[] bytes = bytes();
        if (bytes == null) {
            return Optional.empty();
        }
        String text;
        Node root;
        try {
            text = decode(bytes);
            Node document = new Scanner(text).scan();
            Node first = document.children.isEmpty() ? null : document.children.get(0);
            root = first != null && first.name.equals("plist") ? (first.children.isEmpty() ? first : first.children.get(0)) : first;
        } catch (RuntimeException e) {
            return Optional.empty(); // the parser accepted the file, so this is unexpected; findings then stay on line 1
        }
        if (root == null) {
            return Optional.empty();
        }
        Node at = root;
        for (KeyPath.Segment segment : path.segments()) {
            Node next = segment instanceof KeyPath.Key key ? at.valueOf(key.name()) : at.item(((KeyPath.Index) segment).index());
            if (next == null) {
                break;
            }
            at = next;
        }
        return Optional.of(position(text, at.offset));
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

    /** Line and column (1-based) of an offset; XML ends lines with LF, CR LF or a lone CR. */
    private static Position position(String text, int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset && i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                line++;
                lineStart = i + 1;
            }
        }
        return new Position(line, offset - lineStart + 1);
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

    /** The text as the XML parser read it: byte-order mark or declared encoding, else UTF-8. */
    static String decode(byte[] bytes) {
        if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xFE && (bytes[1] & 0xff) == 0xFF) {
            return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16BE);
        }
        if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xFF && (bytes[1] & 0xff) == 0xFE) {
            return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE);
        }
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF) {
            return new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        }
        Charset charset = StandardCharsets.UTF_8;
        Matcher declared = ENCODING.matcher(new String(bytes, 0, Math.min(bytes.length, 200), StandardCharsets.ISO_8859_1));
        if (declared.find()) {
            try {
                charset = Charset.forName(declared.group(1));
            } catch (IllegalArgumentException e) {
                // unknown name: the parser would have refused the file; read it as UTF-8
            }
        }
        return new String(bytes, charset);
    }

    /** An element: its name, where its start tag begins, its child elements, and for {@code <key>} its text. */
    private static final class Node {
        final String name;
        final int offset;
        /** Made on the first child: most elements (strings, integers, booleans) have none. */
        private List<Node> children = List.of();
        /** A {@code <key>}'s text; null for every other element. */
        final StringBuilder text;

        Node(String name, int offset) {
            this.name = name;
            this.offset = offset;
            this.text = name.equals("key") ? new StringBuilder() : null;
        }

        void add(Node child) {
            if (children.isEmpty()) {
                children = new ArrayList<>();
            }
            children.add(child);
        }

        /** The value of a dictionary key; the last one when a key repeats, as dd-plist keeps the last. */
        Node valueOf(String key) {
            if (!name.equals("dict")) {
                return null;
            }
            Node found = null;
            for (int i = 0; i + 1 < children.size(); i++) {
                Node child = children.get(i);
                if (child.text != null && key.contentEquals(child.text)) {
                    found = children.get(i + 1);
                }
            }
            return found;
        }

        Node item(int index) {
            return name.equals("array") && index < children.size() ? children.get(index) : null;
        }
    }

    /** One pass over the text: tags, comments, processing instructions, the DOCTYPE, CDATA and text. */
    private static final class Scanner {
        private final String text;
        private final Deque<Node> open = new ArrayDeque<>();

        Scanner(String text) {
            this.text = text;
        }

        Node scan() {
            Node document = new Node("#document", 0);
            open.push(document);
            int i = text.startsWith("\uFEFF") ? 1 : 0;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (c != '<') {
                    i = c == '&' ? entity(i) : characters(i);
                } else if (text.startsWith("<!--", i)) {
                    i = after("-->", i + 4);
                } else if (text.startsWith("<![CDATA[", i)) {
                    int end = text.indexOf("]]>", i + 9);
                    int stop = end < 0 ? text.length() : end;
                    keyText(text.substring(i + 9, stop));
                    i = stop + 3;
                } else if (text.startsWith("<?", i)) {
                    i = after("?>", i + 2);
                } else if (text.startsWith("<!", i)) {
                    i = afterDeclaration(i + 2);
                } else if (text.startsWith("</", i)) {
                    if (open.size() > 1) {
                        open.pop();
                    }
                    i = after(">", i + 2);
                } else {
                    i = startTag(i);
                }
            }
            return document;
        }

        /** An element's name: plist's own names without a new String each, others as they are. */
        private String name(int from, int to) {
            for (String known : KNOWN_NAMES) {
                if (known.length() == to - from && text.startsWith(known, from)) {
                    return known;
                }
            }
            return text.substring(from, to);
        }

        private static final String[] KNOWN_NAMES = {"key", "string", "dict", "array", "integer", "true", "false", "plist", "real",
                "date", "data"};

        private int startTag(int start) {
            int i = start + 1;
            while (i < text.length() && !Character.isWhitespace(text.charAt(i)) && text.charAt(i) != '/' && text.charAt(i) != '>') {
                i++;
            }
            Node node = new Node(name(start + 1, i), start);
            char quote = 0;
            while (i < text.length() && (quote != 0 || text.charAt(i) != '>')) {
                char c = text.charAt(i);
                quote = quote == 0 ? (c == '"' || c == '\'' ? c : 0) : (c == quote ? 0 : quote);
                i++;
            }
            boolean empty = i > start && text.charAt(i - 1) == '/';
            open.peek().add(node);
            if (!empty) {
                open.push(node);
            }
            return i + 1;
        }

        /** Past a DOCTYPE (with its bracketed internal subset, if any) or another {@code <!...>} declaration. */
        private int afterDeclaration(int i) {
            int depth = 0;
            for (; i < text.length(); i++) {
                char c = text.charAt(i);
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

        private int after(String end, int from) {
            int at = text.indexOf(end, from);
            return at < 0 ? text.length() : at + end.length();
        }

        /** A run of text up to the next tag or entity: kept only inside a {@code <key>}, without a String per character. */
        private int characters(int i) {
            int end = i + 1;
            while (end < text.length() && text.charAt(end) != '<' && text.charAt(end) != '&') {
                end++;
            }
            StringBuilder key = open.peek().text;
            if (key != null) {
                key.append(text, i, end);
            }
            return end;
        }

        private int character(int i) {
            keyText(String.valueOf(text.charAt(i)));
            return i + 1;
        }

        private int entity(int i) {
            int semicolon = text.indexOf(';', i);
            if (semicolon < 0 || semicolon - i > 12) {
                return character(i);
            }
            String name = text.substring(i + 1, semicolon);
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

        /** Only a key's text is kept: values are found by position, and a key names them. */
        private void keyText(String s) {
            StringBuilder key = open.peek().text;
            if (key != null) {
                key.append(s);
            }
        }
    }
}
