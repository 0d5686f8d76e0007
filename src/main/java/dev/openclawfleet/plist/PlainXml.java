package dev.openclawfleet.plist;

import dev.openclawfleet.plist.PlainDom.PlainDocument;
import dev.openclawfleet.plist.PlainDom.PlainElement;
import dev.openclawfleet.plist.PlainDom.PlainText;
import org.w3c.dom.Node;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the plain XML that real plists are, in one pass over the bytes, into a {@link PlainDom} tree
 * for dd-plist, without starting the JDK's XML parser: at 10,000 plists Xerces building its DOM was a
 * quarter of an audit's CPU, and its start-up a sixth of a 10-plist lint.
 *
 * <p>It is conservative: it answers only for a file that it is sure the JDK's parser (the {@link SafeXml}
 * path) accepts and reads into the same tree, and declines (null) everything else, which then goes the
 * JDK's way unchanged, so every verdict, message, position and limit stays the JDK path's. Accepted:
 * UTF-8 (optional byte-order mark); an optional declaration at the very start, exactly
 * {@code <?xml version="1.0" [encoding="UTF-8"] [standalone="yes|no"]?>}; white space, comments and one
 * external {@code <!DOCTYPE plist ...>} (no internal subset, ending in the first 1024 bytes, as
 * {@link SafeXml#withoutExternalDoctype} blanks it) before the root; one {@code <plist>} root with at
 * most a {@code version} attribute; only plist's element names, at most {@link #MAX_DEPTH} deep;
 * dictionaries of key-value pairs; text only inside leaves (key, string, integer, real, date, data,
 * true, false), with the five predefined entities (at most {@link #MAX_BUILT_IN_REFERENCES}, far below
 * the JDK's limit of 1024 in a document), character references, comments and CDATA sections; after
 * the root, white space and comments. Declined: any other DOCTYPE, entity, processing instruction,
 * attribute, element name or encoding; CDATA outside leaves; invalid UTF-8; control characters, C1
 * controls, surrogates, U+FFFE and U+FFFF; {@code ]]>} in text; {@code --} in a comment; a comment or
 * CDATA section holding {@code <!}; text beside elements.
 */
final class PlainXml {
    /** Elements nested deeper than this are left to the JDK's parser, which stops at 64. */
    static final int MAX_DEPTH = 48;
    /**
     * Predefined entity references ({@code &amp;} and the like) in one file beyond this are left to the
     * JDK's parser: it counts each one against its general-entity size limit (1024 here).
     */
    static final int MAX_BUILT_IN_REFERENCES = 512;
    /** How far {@link SafeXml#withoutExternalDoctype} looks for the DOCTYPE it blanks. */
    private static final int DOCTYPE_WINDOW = 1024;

    private static final String[] NAMES = {"plist", "dict", "array", "key", "string", "integer", "real", "date", "data", "true", "false"};
    private static final byte[][] NAME_BYTES = Arrays.stream(NAMES).map(n -> n.getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new);
    private static final int PLIST = 0;
    private static final int DICT = 1;
    private static final int ARRAY = 2;
    private static final int KEY = 3;
    private static final Node[] NO_CHILDREN = new Node[0];

    /** Thrown (without a stack) to decline a file: the JDK's parser reads it instead. */
    private static final class Decline extends RuntimeException {
        Decline() {
            super(null, null, false, false);
        }
    }

    private static final Decline DECLINE = new Decline();

    private final byte[] b;
    private int p;
    private int references;
    private char[] chars;

    private PlainXml(byte[] bytes) {
        this.b = bytes;
    }

    /**
     * The tree of a plain plist, or null when the JDK's parser must read it. A failure of the reader
     * itself also declines, so that the file still gets the JDK's verdict; the tests call
     * {@link #readOrFail} instead, which lets such a failure through.
     */
    static PlainDocument read(byte[] bytes) {
        try {
            return readOrFail(bytes);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** {@link #read}, throwing anything but a decision to decline. */
    static PlainDocument readOrFail(byte[] bytes) {
        try {
            return new PlainXml(bytes).document();
        } catch (Decline | ArrayIndexOutOfBoundsException e) {
            return null; // an index past the end is a file cut short: the JDK's parser says where
        }
    }

    private PlainDocument document() {
        if (b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF) {
            p = 3;
        }
        if (at("<?")) {
            declaration();
        }
        boolean doctype = false;
        while (true) {
            skipBlanks();
            if (at("<!--")) {
                comment();
            } else if (at("<!DOCTYPE") && !doctype) {
                doctype();
                doctype = true;
            } else if (p < b.length && b[p] == '<') {
                break;
            } else {
                throw DECLINE;
            }
        }
        PlainElement root = element(1, -1);
        while (true) {
            skipBlanks();
            if (p == b.length) {
                return new PlainDocument(root);
            }
            if (!at("<!--")) {
                throw DECLINE;
            }
            comment();
        }
    }

    /**
     * Past the XML declaration at {@code at} when it has the strict form {@link #declaration} accepts;
     * -1 for anything else. {@link XmlBatch} takes into a batch only files declared so.
     */
    static int afterDeclaration(byte[] bytes, int at) {
        PlainXml x = new PlainXml(bytes);
        x.p = at;
        try {
            x.declaration();
            return x.p;
        } catch (Decline | ArrayIndexOutOfBoundsException e) {
            return -1;
        }
    }

    /** {@code <?xml version="1.0" [encoding="UTF-8"] [standalone="yes|no"] ?>}, quotes ' or ". */
    private void declaration() {
        expect("<?xml");
        if (!blanks()) {
            throw DECLINE;
        }
        expect("version");
        if (!"1.0".equals(attributeValue())) {
            throw DECLINE;
        }
        boolean blank = blanks();
        if (blank && at("encoding")) {
            p += "encoding".length();
            if (!"UTF-8".equalsIgnoreCase(attributeValue())) {
                throw DECLINE;
            }
            blank = blanks();
        }
        if (blank && at("standalone")) {
            p += "standalone".length();
            String value = attributeValue();
            if (!"yes".equals(value) && !"no".equals(value)) {
                throw DECLINE;
            }
            blanks();
        }
        expect("?>");
    }

    /** {@code Eq} and a quoted value of letters, digits, '.', '_' and '-' (nothing to normalise). */
    private String attributeValue() {
        skipBlanks();
        expect("=");
        skipBlanks();
        byte quote = b[p];
        if (quote != '"' && quote != '\'') {
            throw DECLINE;
        }
        int start = ++p;
        while (b[p] != quote) {
            byte c = b[p];
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-')) {
                throw DECLINE;
            }
            p++;
        }
        p++;
        return new String(b, start, p - 1 - start, StandardCharsets.US_ASCII);
    }

    /**
     * {@code <!DOCTYPE plist [PUBLIC "..." "..." | SYSTEM "..."]>} with plain ASCII literals, ending before
     * byte 1024: exactly what {@link SafeXml#withoutExternalDoctype} blanks (no earlier {@code <!} can
     * precede it: comments that hold one are declined), so that the JDK's parser never sees it.
     */
    private void doctype() {
        expect("<!DOCTYPE");
        if (!blanks()) {
            throw DECLINE;
        }
        expect("plist");
        boolean blank = blanks();
        if (blank && at("PUBLIC")) {
            p += "PUBLIC".length();
            literal();
            literal();
            skipBlanks();
        } else if (blank && at("SYSTEM")) {
            p += "SYSTEM".length();
            literal();
            skipBlanks();
        }
        expect(">");
        if (p > DOCTYPE_WINDOW) {
            throw DECLINE;
        }
    }

    private void literal() {
        if (!blanks()) {
            throw DECLINE;
        }
        byte quote = b[p];
        if (quote != '"' && quote != '\'') {
            throw DECLINE;
        }
        p++;
        while (b[p] != quote) {
            byte c = b[p];
            if (c < 0x20 || c > 0x7E || c == '<' || c == '>' || c == '[' || c == ']' || c == '&') {
                throw DECLINE;
            }
            p++;
        }
        p++;
    }

    /**
     * The element at {@code p} (its '<') and everything in it, up to and past its end tag.
     * {@code parent} is the parent's name index (-1 for the root).
     */
    private PlainElement element(int depth, int parent) {
        if (depth > MAX_DEPTH) {
            throw DECLINE;
        }
        p++;
        int name = name();
        if ((name == PLIST) != (parent < 0)) {
            throw DECLINE; // <plist> is the root and only the root
        }
        boolean empty = false;
        boolean version = false;
        while (true) {
            boolean blank = blanks();
            if (b[p] == '>') {
                p++;
                break;
            }
            if (b[p] == '/') {
                expect("/>");
                empty = true;
                break;
            }
            if (!blank || name != PLIST || version || !at("version")) {
                throw DECLINE; // any other attribute, or version twice
            }
            p += "version".length();
            attributeValue();
            version = true;
        }
        PlainElement out;
        if (name <= ARRAY) {
            Node[] children = empty ? NO_CHILDREN : children(depth, name);
            if (name == PLIST && children.length != 1) {
                throw DECLINE;
            }
            if (name == DICT) {
                if (children.length % 2 != 0) {
                    throw DECLINE;
                }
                for (int i = 0; i < children.length; i += 2) {
                    if (!"key".equals(children[i].getNodeName())) {
                        throw DECLINE;
                    }
                }
            }
            out = new PlainElement(NAMES[name], children);
        } else {
            String text = empty ? "" : text(name);
            out = new PlainElement(NAMES[name], text.isEmpty() ? NO_CHILDREN : new Node[]{new PlainText(text)});
        }
        return out;
    }

    /** A plist element name at {@code p}, as an index into {@link #NAMES}, followed by white space, '>' or '/'. */
    private int name() {
        int start = p;
        while (p < b.length && b[p] >= 'a' && b[p] <= 'z') {
            p++;
        }
        if (p >= b.length || !(isBlank(b[p]) || b[p] == '>' || b[p] == '/')) {
            throw DECLINE;
        }
        int length = p - start;
        for (int i = 0; i < NAME_BYTES.length; i++) {
            byte[] known = NAME_BYTES[i];
            if (known.length == length && known[0] == b[start] && Arrays.equals(b, start, p, known, 0, length)) {
                return i;
            }
        }
        throw DECLINE;
    }

    /** A container's child elements up to and past its end tag; only white space and comments may lie between them. */
    private Node[] children(int depth, int name) {
        Node[] out = NO_CHILDREN;
        int count = 0;
        while (true) {
            skipBlanks();
            if (b[p] != '<') {
                throw DECLINE; // text beside elements
            }
            if (at("<!--")) {
                comment();
            } else if (b[p + 1] == '/') {
                endTag(name);
                return count == out.length ? out : Arrays.copyOf(out, count);
            } else {
                PlainElement child = element(depth + 1, name);
                if (count == out.length) {
                    out = Arrays.copyOf(out, Math.max(4, count * 2));
                }
                out[count++] = child;
            }
        }
    }

    private void endTag(int name) {
        p += 2;
        byte[] expected = NAME_BYTES[name];
        if (!Arrays.equals(b, p, p + expected.length, expected, 0, expected.length)) {
            throw DECLINE;
        }
        p += expected.length;
        skipBlanks();
        expect(">");
    }

    /**
     * A leaf's text, as Xerces gives it with comments ignored: all of it, line ends normalised (CR LF and
     * CR read as LF), references replaced; up to and past the end tag. Any element inside declines.
     */
    private String text(int name) {
        int start = p;
        boolean plain = true;
        while (b[p] != '<') {
            byte c = b[p];
            if (c < 0x20 || c >= 0x7F || c == '&') {
                if (c != '\t' && c != '\n') {
                    plain = false;
                }
            } else if (c == '>' && p - start >= 2 && b[p - 1] == ']' && b[p - 2] == ']') {
                throw DECLINE;
            }
            p++;
        }
        if (plain && b[p + 1] == '/') {
            int end = p;
            endTag(name);
            return new String(b, start, end - start, StandardCharsets.ISO_8859_1);
        }
        // The slow way: decode, normalise and resolve, segment by segment between comments.
        p = start;
        int length = 0;
        while (true) {
            int from = p;
            while (b[p] != '<') {
                byte c = b[p];
                if (c == '>' && p - from >= 2 && b[p - 1] == ']' && b[p - 2] == ']') {
                    throw DECLINE;
                }
                if (c == '&') {
                    p++;
                    length = reference(length);
                } else {
                    length = character(length);
                }
            }
            if (at("<!--")) {
                comment();
            } else if (at("<![CDATA[")) {
                length = cdata(length);
            } else if (b[p + 1] == '/') {
                endTag(name);
                return length == 0 ? "" : new String(chars, 0, length);
            } else {
                throw DECLINE; // an element or a processing instruction inside a leaf
            }
        }
    }

    /**
     * A CDATA section inside a leaf, from its {@code <![CDATA[} past its {@code ]]>}: its text as it
     * stands (line ends normalised), which Xerces, coalescing, joins to the text around it. dd-plist
     * writes strings holding '&', '<' or '>' this way. No {@code <!} inside (see {@link #comment}).
     */
    private int cdata(int length) {
        p += "<![CDATA[".length();
        while (true) {
            byte c = b[p];
            if (c == ']' && b[p + 1] == ']' && b[p + 2] == '>') {
                p += 3;
                return length;
            }
            if (c == '<' && b[p + 1] == '!') {
                throw DECLINE;
            }
            length = character(length);
        }
    }

    /** The character at {@code p}, taken as it reads: CR LF and a lone CR as LF, a non-ASCII one decoded and checked. */
    private int character(int length) {
        byte c = b[p];
        if (c == '\r') {
            p++;
            if (b[p] == '\n') {
                p++;
            }
            return put(length, '\n');
        }
        if (c >= 0x20 && c < 0x7F || c == '\t' || c == '\n') {
            p++;
            return put(length, (char) c);
        }
        return putCodePoint(length, utf8());
    }

    /** After '&': one of the five predefined entities or a character reference, through its ';'. */
    private int reference(int length) {
        if (b[p] == '#') {
            p++;
            boolean hex = b[p] == 'x';
            if (hex) {
                p++;
            }
            int start = p;
            int value = 0;
            while (b[p] != ';') {
                int digit = Character.digit(b[p], hex ? 16 : 10);
                if (digit < 0 || b[p] >= 0x7F || p - start >= 7) {
                    throw DECLINE;
                }
                value = value * (hex ? 16 : 10) + digit;
                p++;
            }
            if (p == start || !isXmlChar(value)) {
                throw DECLINE;
            }
            p++;
            return putCodePoint(length, value);
        }
        if (++references > MAX_BUILT_IN_REFERENCES) {
            throw DECLINE;
        }
        char c;
        if (at("lt;")) {
            c = '<';
        } else if (at("gt;")) {
            c = '>';
        } else if (at("amp;")) {
            c = '&';
        } else if (at("quot;")) {
            c = '"';
        } else if (at("apos;")) {
            c = '\'';
        } else {
            throw DECLINE;
        }
        while (b[p] != ';') {
            p++;
        }
        p++;
        return put(length, c);
    }

    /**
     * A comment from its {@code <!--} past its {@code -->}: no {@code --} inside, valid UTF-8 of XML's
     * characters, and no {@code <!} (which could be a DOCTYPE {@link SafeXml#withoutExternalDoctype} blanks).
     */
    private void comment() {
        p += 4;
        while (true) {
            byte c = b[p];
            if (c == '-' && b[p + 1] == '-') {
                expect("-->");
                return;
            }
            if (c == '<' && b[p + 1] == '!') {
                throw DECLINE;
            }
            if (c >= 0x20 && c < 0x7F || c == '\t' || c == '\n' || c == '\r') {
                p++;
            } else {
                utf8();
            }
        }
    }

    /**
     * The character whose UTF-8 encoding starts at {@code p}, moving past it: strictly formed (shortest
     * form, no surrogates) and one XML allows, C0 and C1 controls and DEL declined.
     */
    private int utf8() {
        int lead = b[p] & 0xff;
        int cp;
        int extra;
        if (lead < 0x80) {
            throw DECLINE; // ASCII controls and DEL: the callers take the ASCII they allow themselves
        } else if (lead >= 0xC2 && lead <= 0xDF) {
            cp = lead & 0x1F;
            extra = 1;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            cp = lead & 0x0F;
            extra = 2;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            cp = lead & 0x07;
            extra = 3;
        } else {
            throw DECLINE;
        }
        for (int k = 1; k <= extra; k++) {
            int next = b[p + k] & 0xff;
            if ((next & 0xC0) != 0x80) {
                throw DECLINE;
            }
            cp = (cp << 6) | (next & 0x3F);
        }
        int shortest = extra == 1 ? 0x80 : extra == 2 ? 0x800 : 0x10000;
        if (cp < shortest || cp < 0xA0 || !isXmlChar(cp)) {
            throw DECLINE;
        }
        p += extra + 1;
        return cp;
    }

    /** XML 1.0's Char production. */
    private static boolean isXmlChar(int cp) {
        return cp == 0x9 || cp == 0xA || cp == 0xD || cp >= 0x20 && cp <= 0xD7FF || cp >= 0xE000 && cp <= 0xFFFD
                || cp >= 0x10000 && cp <= 0x10FFFF;
    }

    private int putCodePoint(int length, int cp) {
        if (cp < 0x10000) {
            return put(length, (char) cp);
        }
        length = put(length, Character.highSurrogate(cp));
        return put(length, Character.lowSurrogate(cp));
    }

    private int put(int length, char c) {
        if (chars == null) {
            chars = new char[64];
        } else if (length == chars.length) {
            chars = Arrays.copyOf(chars, length * 2);
        }
        chars[length] = c;
        return length + 1;
    }

    private boolean at(String s) {
        int n = s.length();
        if (p + n > b.length) {
            return false;
        }
        for (int k = 0; k < n; k++) {
            if (b[p + k] != s.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private void expect(String s) {
        if (!at(s)) {
            throw DECLINE;
        }
        p += s.length();
    }

    /** Skips XML white space (space, tab, CR, LF); true when there was some. */
    private boolean blanks() {
        int start = p;
        skipBlanks();
        return p > start;
    }

    private void skipBlanks() {
        while (p < b.length && isBlank(b[p])) {
            p++;
        }
    }

    private static boolean isBlank(byte c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }
}
