package dev.openclawfleet.plist;

import com.dd.plist.NSObject;
import com.dd.plist.XMLPropertyListParser;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXParseException;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses many XML plists as one XML document, each file's text inside an element of its own: the
 * JDK's parser resets its whole configuration for every document, a sixth of a small plist's parse.
 * Only files that read exactly as they would alone go in (see {@link #bodyStart}); the batch only
 * ever answers for files that parse cleanly, and a file it cannot answer for (any error, anything
 * unusual) is parsed alone, so its verdict, value and error message are those of a parse alone.
 * dd-plist stays the parser of record: each file's {@code <plist>} element is made the batch
 * document's element in turn, and {@link XMLPropertyListParser#parse(Document)} reads it.
 */
final class XmlBatch {
    /** The names of the wrapping elements; a file that contains {@link #RESERVED} anywhere is not batched. */
    private static final String BATCH = "ofb-batch-3b7e";
    private static final String FILE = "ofb-file-3b7e";
    private static final byte[] RESERVED = ascii("ofb-");
    private static final byte[] OPEN_BATCH = ascii("<" + BATCH + ">");
    private static final byte[] CLOSE_BATCH = ascii("</" + BATCH + ">");
    private static final byte[] OPEN_FILE = ascii("<" + FILE + ">");
    private static final byte[] CLOSE_FILE = ascii("</" + FILE + ">\n");
    private static final byte[] END_TAG = ascii("</plist>");
    /** Fewer files than this are not worth a document of their own: they are parsed alone. */
    private static final int SMALLEST_BATCH = 4;

    private XmlBatch() {
    }

    /**
     * The dd-plist root of each file, in order; null for a file the batch does not answer for, which
     * the caller parses alone. {@code files} are the bytes as read (a plain external DOCTYPE is blanked
     * here, as for a parse alone).
     */
    static NSObject[] parse(List<byte[]> files) {
        NSObject[] out = new NSObject[files.size()];
        List<Integer> members = new ArrayList<>();
        List<byte[]> texts = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            byte[] text = SafeXml.withoutExternalDoctype(files.get(i));
            int start = bodyStart(text);
            if (start >= 0) {
                members.add(i);
                texts.add(text);
                starts.add(start);
            }
        }
        parseInto(out, members, texts, starts);
        return out;
    }

    /** Parses these files as one document and fills their roots in; after an XML error, again without the file it names. */
    private static void parseInto(NSObject[] out, List<Integer> members, List<byte[]> texts, List<Integer> starts) {
        int n = members.size();
        if (n == 0) {
            return;
        }
        if (n < SMALLEST_BATCH) {
            return; // too few to share a document: each is parsed alone by the caller
        }
        ByteArrayOutputStream batch = new ByteArrayOutputStream(64 + texts.stream().mapToInt(t -> t.length + 32).sum());
        int[] firstLine = new int[n];
        int line = 1;
        batch.writeBytes(OPEN_BATCH);
        for (int k = 0; k < n; k++) {
            byte[] text = texts.get(k);
            int start = starts.get(k);
            batch.writeBytes(OPEN_FILE);
            firstLine[k] = line;
            batch.write(text, start, text.length - start);
            batch.writeBytes(CLOSE_FILE);
            line += lines(text, start) + 1;
        }
        batch.writeBytes(CLOSE_BATCH);
        Document doc;
        try {
            doc = SafeXml.parseAsIs(batch.toByteArray());
        } catch (SAXParseException e) {
            retryWithout(out, members, texts, starts, fileAt(firstLine, e.getLineNumber()));
            return;
        } catch (Exception | StackOverflowError e) {
            return; // every file is parsed alone
        }
        List<Element> plists = plists(doc.getDocumentElement(), n);
        if (plists == null) {
            return; // not one wrapper per file: nothing is answered from this batch
        }
        doc.removeChild(doc.getDocumentElement());
        DeferredDocumentBuilderFactory.initialiseDdPlist();
        for (int k = 0; k < n; k++) {
            Element plist = plists.get(k);
            if (plist == null) {
                continue;
            }
            Element previous = doc.getDocumentElement();
            if (previous != null) {
                doc.removeChild(previous);
            }
            doc.appendChild(plist);
            try {
                out[members.get(k)] = XMLPropertyListParser.parse(doc);
            } catch (Exception | StackOverflowError e) {
                out[members.get(k)] = null; // parsed alone, for its own message
            }
        }
    }

    /**
     * After an XML error in file {@code bad} (-1: unknown), the files before and after it as batches of
     * their own. The parser stops at the first error, so the retries read each file about twice at most.
     */
    private static void retryWithout(NSObject[] out, List<Integer> members, List<byte[]> texts, List<Integer> starts, int bad) {
        if (bad < 0) {
            return;
        }
        parseInto(out, members.subList(0, bad), texts.subList(0, bad), starts.subList(0, bad));
        int after = bad + 1;
        parseInto(out, members.subList(after, members.size()), texts.subList(after, texts.size()), starts.subList(after, starts.size()));
    }

    /** The index of the file whose text holds batch line {@code line}; -1 when the line is unknown. */
    private static int fileAt(int[] firstLine, int line) {
        if (line < 1) {
            return -1;
        }
        int k = 0;
        while (k + 1 < firstLine.length && firstLine[k + 1] <= line) {
            k++;
        }
        return k;
    }

    /** Line breaks as XML counts them (CR LF, CR, LF) from {@code start}. */
    private static int lines(byte[] text, int start) {
        int count = 0;
        for (int i = start; i < text.length; i++) {
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.length || text[i + 1] != '\n'))) {
                count++;
            }
        }
        return count;
    }

    /**
     * The {@code <plist>} element of each file's wrapper, in order; an element is null when its
     * wrapper holds anything but that one element, white space and comments (such a file is parsed
     * alone); null when the batch does not hold exactly {@code n} wrappers and nothing else.
     */
    private static List<Element> plists(Element batch, int n) {
        List<Element> out = new ArrayList<>(n);
        NodeList wrappers = batch.getChildNodes();
        for (int i = 0; i < wrappers.getLength(); i++) {
            Node wrapper = wrappers.item(i);
            if (wrapper.getNodeType() == Node.TEXT_NODE && isBlank(wrapper.getNodeValue())) {
                continue;
            }
            if (wrapper.getNodeType() != Node.ELEMENT_NODE || !FILE.equals(wrapper.getNodeName()) || wrapper.hasAttributes()) {
                return null;
            }
            out.add(onlyPlist(wrapper));
        }
        return out.size() == n ? out : null;
    }

    private static Element onlyPlist(Node wrapper) {
        Element plist = null;
        NodeList children = wrapper.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            Node child = children.item(i);
            short type = child.getNodeType();
            if (type == Node.COMMENT_NODE || type == Node.TEXT_NODE && isBlank(child.getNodeValue())) {
                continue;
            }
            if (type != Node.ELEMENT_NODE || plist != null || !"plist".equals(child.getNodeName())) {
                return null;
            }
            plist = (Element) child;
        }
        return plist;
    }

    /** White space as XML's grammar has it between top-level items: space, tab, CR and LF only. */
    private static boolean isBlank(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                return false;
            }
        }
        return true;
    }

    /**
     * Where a file's text starts inside its wrapper, or -1 when it may not go into a batch. A file
     * may when it is UTF-8 (no declaration, or one at the very start, after an optional UTF-8 byte-order
     * mark, in the strict form {@code <?xml version="1.0" [encoding="UTF-8"] [standalone="yes|no"]?>});
     * it holds no other processing instruction, no {@code <!} but complete comments (no DOCTYPE left,
     * no CDATA), and nothing that names the wrappers; before {@code <plist} only white space and
     * comments; after its last {@code </plist>} only white space. Whatever else it holds, the parser
     * reads it the same inside the wrapper as alone, or fails on it in both.
     */
    static int bodyStart(byte[] text) {
        int start = (text.length >= 3 && (text[0] & 0xff) == 0xEF && (text[1] & 0xff) == 0xBB && (text[2] & 0xff) == 0xBF) ? 3 : 0;
        if (startsWith(text, start, "<?")) {
            start = PlainXml.afterDeclaration(text, start);
            if (start < 0) {
                return -1;
            }
        }
        if (indexOf(text, RESERVED, start) >= 0) {
            return -1;
        }
        // Before the root: white space and comments only.
        int i = start;
        while (true) {
            i = skipBlanks(text, i);
            if (startsWith(text, i, "<!--")) {
                int end = indexOf(text, COMMENT_END, i + 4);
                if (end < 0) {
                    return -1;
                }
                i = end + 3;
            } else {
                break;
            }
        }
        if (!startsWith(text, i, "<plist") || i + 6 >= text.length || !(isBlank(text[i + 6]) || text[i + 6] == '>')) {
            return -1;
        }
        // After the root: white space only.
        int end = text.length;
        while (end > i && isBlank(text[end - 1])) {
            end--;
        }
        if (end - i < END_TAG.length || !java.util.Arrays.equals(text, end - END_TAG.length, end, END_TAG, 0, END_TAG.length)) {
            return -1;
        }
        // Inside: no processing instruction, and no <! but comments that end.
        for (int k = i; k < end; k++) {
            if (text[k] != '<' || k + 1 >= end) {
                continue;
            }
            if (text[k + 1] == '?') {
                return -1;
            }
            if (text[k + 1] == '!') {
                if (!startsWith(text, k, "<!--")) {
                    return -1;
                }
                int close = indexOf(text, COMMENT_END, k + 4);
                if (close < 0 || close + 3 > end) {
                    return -1;
                }
                k = close + 2;
            }
        }
        return start;
    }

    private static final byte[] COMMENT_END = ascii("-->");

    private static int skipBlanks(byte[] text, int i) {
        while (i < text.length && isBlank(text[i])) {
            i++;
        }
        return i;
    }

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }

    private static boolean startsWith(byte[] text, int at, String prefix) {
        if (at < 0 || at + prefix.length() > text.length) {
            return false;
        }
        for (int k = 0; k < prefix.length(); k++) {
            if (text[at + k] != prefix.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] text, byte[] what, int from) {
        outer:
        for (int i = from; i <= text.length - what.length; i++) {
            for (int k = 0; k < what.length; k++) {
                if (text[i + k] != what[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
