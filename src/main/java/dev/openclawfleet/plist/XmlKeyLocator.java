package dev.openclawfleet.plist;

import dev.openclawfleet.model.KeyLocator;
import dev.openclawfleet.model.KeyPath;
import dev.openclawfleet.model.Position;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds key paths in the text of an XML plist, which dd-plist's parser cannot do (it keeps no
 * positions). A small scanner over the same bytes the parser accepted: it records where each
 * element's start tag begins and which {@code <key>} names which value, and nothing else. Built on
 * first use, since most files have no finding that needs a line.
 */
public final class XmlKeyLocator implements KeyLocator {
    private static final Pattern ENCODING = Pattern.compile("^<\\?xml[^>]*encoding\\s*=\\s*[\"']([A-Za-z0-9._-]+)[\"']");

    private final byte[] bytes;
    private Node root;
    private int[] lineStarts;
    private boolean built;

    private XmlKeyLocator(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A locator for these plist bytes: positions for XML plists, {@link KeyLocator#NONE} for binary and ASCII ones. */
    public static KeyLocator of(byte[] bytes) {
        return looksLikeXml(bytes) ? new XmlKeyLocator(bytes) : KeyLocator.NONE;
    }

    @Override
    public synchronized Optional<Position> locate(KeyPath path) {
        if (!built) {
            build();
            built = true;
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
        return Optional.of(position(at.offset));
    }

    private void build() {
        try {
            String text = decode(bytes);
            lineStarts = lineStarts(text);
            Node document = new Scanner(text).scan();
            Node first = document.children.isEmpty() ? null : document.children.get(0);
            root = first != null && first.name.equals("plist") ? (first.children.isEmpty() ? first : first.children.get(0)) : first;
        } catch (RuntimeException e) {
            root = null; // the parser accepted the file, so this is unexpected; findings then stay on line 1
        }
    }

    private Position position(int offset) {
        int index = Arrays.binarySearch(lineStarts, offset);
        int line = index >= 0 ? index : -index - 2;
        return new Position(line + 1, offset - lineStarts[line] + 1);
    }

    /** Offsets where lines begin; XML ends lines with LF, CR LF or a lone CR. */
    private static int[] lineStarts(String text) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
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
        final List<Node> children = new ArrayList<>();
        final StringBuilder text = new StringBuilder();

        Node(String name, int offset) {
            this.name = name;
            this.offset = offset;
        }

        /** The value of a dictionary key; the last one when a key repeats, as dd-plist keeps the last. */
        Node valueOf(String key) {
            if (!name.equals("dict")) {
                return null;
            }
            Node found = null;
            for (int i = 0; i + 1 < children.size(); i++) {
                Node child = children.get(i);
                if (child.name.equals("key") && child.text.toString().equals(key)) {
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
                    i = c == '&' ? entity(i) : character(i);
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

        private int startTag(int start) {
            int i = start + 1;
            while (i < text.length() && !Character.isWhitespace(text.charAt(i)) && text.charAt(i) != '/' && text.charAt(i) != '>') {
                i++;
            }
            Node node = new Node(text.substring(start + 1, i), start);
            char quote = 0;
            while (i < text.length() && (quote != 0 || text.charAt(i) != '>')) {
                char c = text.charAt(i);
                quote = quote == 0 ? (c == '"' || c == '\'' ? c : 0) : (c == quote ? 0 : quote);
                i++;
            }
            boolean empty = i > start && text.charAt(i - 1) == '/';
            open.peek().children.add(node);
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
            Node top = open.peek();
            if (top.name.equals("key")) {
                top.text.append(s);
            }
        }
    }
}
