package dev.openclawfleet.plist;

import com.dd.plist.ASCIIPropertyListParser;
import com.dd.plist.BinaryPropertyListParser;
import com.dd.plist.NSArray;
import com.dd.plist.NSData;
import com.dd.plist.NSDate;
import com.dd.plist.NSDictionary;
import com.dd.plist.NSNumber;
import com.dd.plist.NSObject;
import com.dd.plist.NSSet;
import com.dd.plist.NSString;
import com.dd.plist.XMLPropertyListParser;
import dev.openclawfleet.model.Position;
import org.xml.sax.SAXParseException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Parses plist bytes (XML, binary or ASCII, told apart by their first bytes) with dd-plist and
 * turns the result into plain Java values. Every failure becomes a {@link PlistFormatException}
 * with a one-line reason that never quotes the input.
 */
public final class PlistParser {
    static final int MAX_DEPTH = 64;
    /** Values a parsed plist may expand to: binary plists share objects, so a small file can name a huge tree. */
    static final int MAX_VALUES = 200_000;
    /**
     * The keys launchd jobs use, shared by every parsed plist instead of one copy per file: at
     * 10,000 plists the dictionary keys are half of all the strings kept.
     */
    private static final Map<String, String> KNOWN_KEYS = knownKeys("Label", "Program", "ProgramArguments", "EnvironmentVariables",
            "RunAtLoad", "KeepAlive", "StandardOutPath", "StandardErrorPath", "WorkingDirectory", "ThrottleInterval", "ProcessType",
            "Disabled", "UserName", "GroupName", "LimitLoadToSessionType", "StartInterval", "StartCalendarInterval", "WatchPaths",
            "Comment", "ExitTimeOut", "Nice", "SuccessfulExit", "Crashed", "NetworkState", "PathState", "OtherJobEnabled",
            "PATH", "HOME", "TMPDIR", "NODE_ENV", "NODE_OPTIONS", "OPENCLAW_STATE_DIR", "OPENCLAW_CONFIG_PATH", "OPENCLAW_GATEWAY_PORT",
            "OPENCLAW_GATEWAY_TOKEN", "OPENCLAW_PROFILE", "OPENCLAW_SERVICE_KIND", "OPENCLAW_SERVICE_VERSION",
            "OPENCLAW_LAUNCHD_LABEL", "OPENCLAW_SERVICE_MARKER");

    private PlistParser() {
    }

    /** The parsed root: Map, List, String, Boolean, Long, Double, byte[] or java.util.Date. */
    public static Object parse(byte[] bytes) throws PlistFormatException {
        Object plain = plainXml(bytes);
        return plain != null ? plain : parseWithoutPlainXml(bytes);
    }

    /**
     * The value of a plain XML plist read by {@link PlainXml} (no JDK XML parser) and dd-plist, or null
     * when it is not one, or when anything at all fails: such a file is parsed the JDK's way, which
     * gives the message and position. For a file it answers, the value is the one the JDK's way gives.
     */
    static Object plainXml(byte[] bytes) {
        PlainDom.PlainDocument doc = PlainXml.read(bytes);
        if (doc == null) {
            return null;
        }
        try {
            DeferredDocumentBuilderFactory.initialiseDdPlist();
            NSObject root = XMLPropertyListParser.parse(doc);
            return root == null ? null : toJava(root, 0, new int[1]);
        } catch (Exception | StackOverflowError e) {
            return null;
        }
    }

    /** {@link #parse} with the JDK's XML parser for every XML plist: the way every file the plain reader declines goes. */
    static Object parseWithoutPlainXml(byte[] bytes) throws PlistFormatException {
        int start = firstSignificantByte(bytes);
        if (start < 0) {
            throw new PlistFormatException("the file is empty");
        }
        NSObject root;
        try {
            root = parseBy(bytes, start);
        } catch (PlistFormatException e) {
            throw e;
        } catch (SAXParseException e) {
            throw new PlistFormatException("not well-formed XML at line " + e.getLineNumber() + ", column "
                    + e.getColumnNumber() + ": " + xmlReason(oneLine(e.getMessage())),
                    e.getLineNumber() > 0 ? new Position(e.getLineNumber(), Math.max(0, e.getColumnNumber())) : null);
        } catch (org.xml.sax.SAXException e) {
            throw new PlistFormatException("not well-formed XML: " + plain(oneLine(e.getMessage()), "the XML parser stopped"));
        } catch (StackOverflowError e) {
            throw new PlistFormatException("nested too deeply to be a launchd job");
        } catch (OutOfMemoryError e) {
            throw new PlistFormatException("a binary plist that claims more objects than it holds");
        } catch (Exception e) {
            throw new PlistFormatException(reason(e));
        }
        if (root == null) {
            throw new PlistFormatException("the property list has no root object");
        }
        return toJava(root, 0, new int[1]);
    }

    /**
     * The parsed roots of many files, each exactly as {@link #parse(byte[])} gives it, or the same
     * exception: plain XML plists are read by {@link PlainXml}; the other XML plists go through
     * {@link XmlBatch} when there are enough of them, and any file the batch does not answer for
     * (binary, ASCII, unusual or failing XML) is parsed alone. Each element
     * of the result is the root or the {@link PlistFormatException} of that file.
     */
    static Object[] parseAll(List<byte[]> files) {
        Object[] out = new Object[files.size()];
        List<byte[]> rest = new ArrayList<>();
        List<Integer> restAt = new ArrayList<>();
        for (int i = 0; i < out.length; i++) {
            out[i] = plainXml(files.get(i));
            if (out[i] == null) {
                rest.add(files.get(i));
                restAt.add(i);
            }
        }
        NSObject[] batched = rest.size() >= BATCH_FROM ? XmlBatch.parse(rest) : new NSObject[rest.size()];
        for (int k = 0; k < batched.length; k++) {
            Object root = null;
            if (batched[k] != null) {
                try {
                    root = toJava(batched[k], 0, new int[1]);
                } catch (PlistFormatException e) {
                    root = null; // parsed alone below, for the message a parse alone gives
                }
            }
            if (root == null) {
                try {
                    root = parseWithoutPlainXml(rest.get(k));
                } catch (PlistFormatException e) {
                    root = e;
                }
            }
            out[restAt.get(k)] = root;
        }
        return out;
    }

    /** Fewer files than this are parsed one by one: a batch would not pay. */
    static final int BATCH_FROM = 8;

    private static NSObject parseBy(byte[] bytes, int start) throws Exception {
        byte first = bytes[start];
        if (bytes.length - start >= 6 && new String(bytes, start, 6, java.nio.charset.StandardCharsets.ISO_8859_1).equals("bplist")) {
            if (start != 0 || bytes.length < 8 || bytes[6] != '0' || bytes[7] != '0') {
                throw new PlistFormatException("a binary plist whose header is not 'bplist00'");
            }
            BinaryPlistBounds.check(bytes);
            return BinaryPropertyListParser.parse(bytes);
        }
        if (first == '<') {
            try {
                DeferredDocumentBuilderFactory.initialiseDdPlist();
                return XMLPropertyListParser.parse(SafeXml.parse(bytes));
            } catch (RuntimeException e) {
                // The JDK's XML parser fails on some malformed input with internal messages ("Scanner State 24 not Recognized").
                throw new PlistFormatException("not well-formed XML");
            }
        }
        if (first == '{' || first == '(' || first == '/') {
            return ASCIIPropertyListParser.parse(bytes);
        }
        throw new PlistFormatException("not a property list: it starts with neither '<?xml', 'bplist' nor '{'");
    }

    private static int firstSignificantByte(byte[] bytes) {
        int i = 0;
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF) {
            i = 3;
        }
        for (; i < bytes.length; i++) {
            byte b = bytes[i];
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n' && b != '\f') {
                return i;
            }
        }
        return -1;
    }

    private static Object toJava(NSObject o, int depth, int[] values) throws PlistFormatException {
        if (depth > MAX_DEPTH) {
            throw new PlistFormatException("nested more than " + MAX_DEPTH + " levels deep");
        }
        if (++values[0] > MAX_VALUES) {
            throw new PlistFormatException("it expands to more than " + MAX_VALUES + " values, far more than a launchd job has");
        }
        if (o instanceof NSDictionary dict) {
            Map<String, NSObject> entries = dict.getHashMap();
            String[] keys = new String[entries.size()];
            Object[] items = new Object[entries.size()];
            int count = 0;
            for (Map.Entry<String, NSObject> e : entries.entrySet()) {
                if (e.getValue() != null) {
                    String key = e.getKey();
                    keys[count] = KNOWN_KEYS.getOrDefault(key, key);
                    items[count++] = toJava(e.getValue(), depth + 1, values);
                }
            }
            return SmallDict.of(keys, items, count);
        }
        if (o instanceof NSArray array) {
            List<Object> out = new ArrayList<>(array.count());
            for (NSObject item : array.getArray()) {
                if (item != null) {
                    out.add(toJava(item, depth + 1, values));
                }
            }
            return out;
        }
        if (o instanceof NSSet set) {
            List<Object> out = new ArrayList<>();
            for (NSObject item : set.allObjects()) {
                out.add(toJava(item, depth + 1, values));
            }
            return out;
        }
        if (o instanceof NSString s) {
            return shared(s.getContent());
        }
        if (o instanceof NSNumber n) {
            return switch (n.type()) {
                case NSNumber.BOOLEAN -> n.boolValue();
                case NSNumber.INTEGER -> n.longValue();
                default -> n.doubleValue();
            };
        }
        if (o instanceof NSData d) {
            return d.bytes();
        }
        if (o instanceof NSDate date) {
            return date.getDate();
        }
        return "an unsupported value";
    }

    /**
     * The same string for the same value across plists, as far as a small table remembers: a fleet's
     * plists repeat most values (node's path, the entry script, "gateway", "--port", PATH), and 10,000
     * copies of each were megabytes of a large audit's memory. A slot holds the last value that
     * hashed to it; racing threads may overwrite each other's slot, which only costs a copy.
     */
    private static String shared(String value) {
        if (value.length() > 160) {
            return value;
        }
        int slot = (value.hashCode() * 0x9E3779B9) >>> (32 - SHARED_BITS);
        String known = SHARED[slot];
        if (value.equals(known)) {
            return known;
        }
        SHARED[slot] = value;
        return value;
    }

    private static final int SHARED_BITS = 12;
    private static final String[] SHARED = new String[1 << SHARED_BITS];

    private static Map<String, String> knownKeys(String... keys) {
        Map<String, String> map = new java.util.HashMap<>();
        for (String key : keys) {
            map.put(key, key);
        }
        return Map.copyOf(map);
    }

    private static String reason(Exception e) {
        if (e instanceof IndexOutOfBoundsException || e instanceof NegativeArraySizeException) {
            return "a reference points outside the file";
        }
        return plain(oneLine(e.getMessage()), "not a valid property list");
    }

    /** The JDK parser's limit messages ("JAXP00010006: ... maxElementDepth") in our words. */
    private static String xmlReason(String message) {
        if (message.contains("maxElementDepth")) {
            return "nested more than " + MAX_DEPTH + " levels deep";
        }
        if (message.contains("JAXP") && message.contains("ntit")) {
            return "too many entity expansions (an entity expansion bomb)";
        }
        return message.contains("JAXP") ? "the XML parser's limits were exceeded" : plain(message, "the XML parser stopped there");
    }

    /**
     * A parser's message when it reads as a sentence for people, else {@code fallback}: messages
     * that name Java types or parser internals ("byte[]", "...Exception", "Scanner State 24") say
     * nothing a user can act on.
     */
    static String plain(String message, String fallback) {
        if (message == null || message.isBlank() || INTERNALS.matcher(message).find()) {
            return fallback;
        }
        return message;
    }

    private static final java.util.regex.Pattern INTERNALS = java.util.regex.Pattern.compile(
            "Exception|Error\\b|\\bjava\\.|\\bjavax\\.|com\\.dd\\.|org\\.xml|\\[\\]|Scanner State|\\bNS[A-Z][a-zA-Z]+|\\bnull\\b");

    /** The first line of a parser message, cut short: enough to say what is wrong, never a dump of the input. */
    private static String oneLine(String message) {
        if (message == null) {
            return "";
        }
        String line = message.strip().lines().findFirst().orElse("").strip();
        if (line.endsWith(".")) {
            line = line.substring(0, line.length() - 1); // our messages are clauses: a caller may append more
        }
        return dev.openclawfleet.model.Text.printable(line, 160);
    }
}
