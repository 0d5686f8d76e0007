package dev.openclawfleet.plist;

import com.dd.plist.NSObject;
import com.dd.plist.XMLPropertyListParser;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static dev.openclawfleet.plist.XmlBatchEquivalenceTest.canonical;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plain-XML reader against the JDK's parser, file by file: whenever {@link PlainXml} answers, the
 * JDK's way ({@link PlistParser#parseWithoutPlainXml}) accepts the file too and gives the same value
 * (and dd-plist builds an equal tree from both); whenever the JDK's way refuses a file, the plain
 * reader declines it; and {@link PlistParser#parse} and {@link PlistParser#parseAll} give every file
 * exactly the JDK's outcome, message and position included. The corpus is XmlBatchEquivalenceTest's,
 * plus seeded mutations of its XML plists built to hit what the plain reader must get right: line
 * ends, references, byte-order marks, declarations, DOCTYPEs, comments, nesting, non-ASCII, invalid
 * UTF-8, control characters, CDATA, processing instructions, attributes.
 */
class PlainXmlDifferentialTest {
    private static final int MUTANTS_PER_SEED = 24;

    @Test
    void wheneverThePlainReaderAnswersTheJdkParserAnswersTheSameAndWheneverItRefusesThePlainReaderDeclines() throws Exception {
        List<byte[]> corpus = corpus();
        int answered = 0;
        int refused = 0;
        for (int i = 0; i < corpus.size(); i++) {
            byte[] file = corpus.get(i);
            String jdk = jdkOutcome(file);
            PlainDom.PlainDocument tree = PlainXml.readOrFail(file);
            Object plain = PlistParser.plainXml(file);
            assertThat(plain == null || tree != null).as("file %d", i).isTrue();
            if (plain != null) {
                answered++;
                assertThat(canonical(plain)).as("file %d answered by the plain reader: %s", i, preview(file)).isEqualTo(jdk);
                assertThat(describe(XMLPropertyListParser.parse(tree))).as("dd-plist's tree of file %d", i)
                        .isEqualTo(describe(jdkTree(file)));
            }
            if (jdk.startsWith("error: ")) {
                refused++;
                assertThat(plain).as("file %d, refused by the JDK's parser (%s): %s", i, jdk, preview(file)).isNull();
            }
            assertThat(outcome(file)).as("what parse gives file %d: %s", i, preview(file)).isEqualTo(jdk);
        }
        // Neither side of the comparison may be empty: most files are answered, thousands refused.
        assertThat(answered).as("files the plain reader answered, of %d", corpus.size()).isGreaterThan(corpus.size() / 5);
        assertThat(refused).as("files the JDK's parser refused, of %d", corpus.size()).isGreaterThan(corpus.size() / 5);
    }

    @Test
    void manyFilesAtOnceGetWhatTheJdkParserGivesEachAlone() throws Exception {
        List<byte[]> corpus = corpus();
        Random random = new Random(17);
        int at = 0;
        while (at < corpus.size()) {
            int size = Math.min(corpus.size() - at, 1 + random.nextInt(64));
            List<byte[]> files = corpus.subList(at, at + size);
            Object[] together = PlistParser.parseAll(files);
            for (int k = 0; k < size; k++) {
                assertThat(canonical(together[k])).as("file %d in a batch of %d: %s", at + k, size, preview(files.get(k)))
                        .isEqualTo(jdkOutcome(files.get(k)));
            }
            at += size;
        }
    }

    @Test
    void everyOrdinaryPlistIsReadWithoutTheJdkParser() throws Exception {
        List<byte[]> ordinary = new ArrayList<>(XmlBatchEquivalenceTest.generated(new Random(5), 200));
        ordinary.addAll(XmlBatchEquivalenceTest.files(Path.of("launchagents")).stream().filter(PlainXmlDifferentialTest::isXml).toList());
        ordinary.add(PlistWriter.toXml(java.util.Map.of("Label", "ai.openclaw.x", "ProgramArguments", List.of("/a", "b"))));
        for (byte[] file : ordinary) {
            assertThat(PlistParser.plainXml(file)).as(preview(file)).isNotNull();
        }
    }

    // ---- the corpus

    static List<byte[]> corpus() throws Exception {
        List<byte[]> out = new ArrayList<>(XmlBatchEquivalenceTest.corpus());
        List<byte[]> seeds = new ArrayList<>(XmlBatchEquivalenceTest.generated(new Random(21), 60));
        for (byte[] file : XmlBatchEquivalenceTest.files(Path.of("launchagents"))) {
            if (isXml(file)) {
                seeds.add(file);
            }
        }
        for (byte[] file : XmlBatchEquivalenceTest.files(Path.of("src/test/resources"))) {
            if (isXml(file) && file.length < 16 * 1024) {
                seeds.add(file);
            }
        }
        Random random = new Random(1217);
        for (byte[] seed : seeds) {
            for (int i = 0; i < MUTANTS_PER_SEED; i++) {
                out.add(mutate(seed, random));
            }
        }
        out.addAll(edges());
        return out;
    }

    private static boolean isXml(byte[] file) {
        String head = new String(file, 0, Math.min(file.length, 64), StandardCharsets.ISO_8859_1).strip();
        return head.startsWith("<") || head.startsWith("\u00EF\u00BB\u00BF<");
    }

    /** Inputs at the edges of the accepted subset, each next to its accepted neighbour. */
    static List<byte[]> edges() {
        String decl = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
        String doctype = "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n";
        List<String> texts = new ArrayList<>();
        for (String value : List.of("a", "", " ", "a\r\nb", "a\rb", "a\r\rb", "a\r", "&#13;\n", "&#13;&#10;", "\r&#10;", "a&#x9;b",
                "&amp;&lt;&gt;&quot;&apos;", "&amp", "&amp ;", "& amp;", "&#;", "&#x;", "&#X41;", "&#65;", "&#0065;", "&#x1F600;", "&#x10FFFF;",
                "&#x110000;", "&#xD800;", "&#xFFFE;", "&#xFFFD;", "&#x85;", "&#1;", "&#9;", "&#99999999;", "&#x0000041;", "&#x00000041;",
                "]]>", "]]&gt;", "] ]>", "]]", "a]>b", "&#93;&#93;>", "x<!-- c -->y", "x<!-- c -->", "<!-- c -->", "<!---->", "a<!-- - -->b",
                "a<!-- -- -->b", "a<!-- x --->b", "a<!-- <!DOCTYPE plist> -->b", "x\r<!-- c -->\ny", "<![CDATA[x]]>", "a<?pi?>b", "a<b/>c",
                "a<![CDATA[b]]>c", "<![CDATA[]]>", "<![CDATA[a]]]]><![CDATA[>b]]>", "<![CDATA[a\r\nb\rc]]>", "x\r<![CDATA[\ny\r]]>\n",
                "<![CDATA[<!DOCTYPE plist>]]>", "<![CDATA[&amp;<dict/>]]>", "<![CDATA[\u0001]]>", "<![CDATA[\u00e9\uD83D\uDE00]]>",
                "<![CDATA[x]]", "<![CDATA[x]>", "<![CDATA[x", "<![cdata[x]]>", "<![CDATA [x]]>", "<!-- c --><![CDATA[x]]><!-- d -->&amp;",
                "<!-->x-->", "<!-- > -->", "a<!---->b", "<!---x-->", "<![CDATA[]]>a", "<![CDATA[\r]]>\n", "&#x0D;\n", "&#xd;&#xa;",
                "caf\u00e9", "\uD83D\uDE00", "\u2028", "\u0085", "\u0080", "\u009F", "\u00A0", "\uFEFF", "\uFFFD", "\u007F", "\u0001",
                "\u000B", "\u000C", "\u0000", "\t\n", "&undeclared;", "&lt", "&#x41", "a>b")) {
            texts.add("<plist version=\"1.0\"><dict><key>k</key><string>" + value + "</string></dict></plist>");
            texts.add(decl + doctype + "<plist version=\"1.0\">\n<array>\n\t<string>" + value + "</string>\n\t<key>" + value
                    + "</key>\n</array>\n</plist>\n");
        }
        String job = "<plist version=\"1.0\"><dict><key>Label</key><string>x</string></dict></plist>";
        texts.addAll(List.of(
                decl + job, "\uFEFF" + decl + job, "\uFEFF" + job, "\uFEFF\uFEFF" + job, " \n" + job, "\f" + job, "\u00A0" + job,
                "<?xml version=\"1.0\"?>" + job, "<?xml version='1.0' encoding='utf-8' standalone='no' ?>" + job,
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"maybe\"?>" + job, "<?xml version=\"1.0\"encoding=\"UTF-8\"?>" + job,
                "<?xml  version = \"1.0\"  encoding = \"UTF-8\" ?>" + job, "<?xml version=\"1.0' encoding=\"UTF-8\"?>" + job,
                "<?xml version=\"1.1\"?>" + job, "<?xml version=\"1.0\" encoding=\"UTF8\"?>" + job, "<?XML version=\"1.0\"?>" + job,
                "<?xml version=\"1.0\" encoding=\"UTF-16\"?>" + job, "<?xml-stylesheet href=\"a\"?>" + job, " " + decl + job,
                decl + decl + job, decl + "<?pi?>" + job, job + "<?pi?>", job + "\n<!-- c -->\n", job + "<!-- c -- d -->", job + " x",
                job + "<plist/>", job + doctype, doctype + job, doctype + doctype + job, "<!-- c -->" + doctype + "<!-- d -->" + job,
                "<!-- " + "x".repeat(1100) + " -->" + doctype + job, "<!-- " + "x".repeat(880) + " -->" + doctype + job,
                "<!DOCTYPE plist>" + job, "<!DOCTYPE plist SYSTEM \"x.dtd\">" + job, "<!DOCTYPE plist SYSTEM 'x.dtd'>" + job,
                "<!DOCTYPE plist PUBLIC \"a\">" + job, "<!DOCTYPE plist PUBLIC \"a\" \"b\" [ ]>" + job, "<!DOCTYPE dict>" + job,
                "<!DOCTYPE plist [<!ENTITY x \"y\">]><plist><string>&x;</string></plist>", "<!DOCTYPE  plist  >" + job,
                "<!DOCTYPEplist>" + job, "<!DOCTYPE plist PUBLIC \"a>b\" \"c\">" + job, "<!DOCTYPE plist PUBLIC \"a[b\" \"c\">" + job,
                "<plist><dict/></plist>", "<plist/>", "<plist></plist>", "<plist><dict/><dict/></plist>", "<plist> <!-- c --> <dict/> </plist>",
                "<plist version=\"1.0\" version=\"1.0\"><dict/></plist>", "<plist version=\"1.0\"  version=\"1.0\"><dict/></plist>",
                "<plist version=\"1.0\"version=\"1.0\"><dict/></plist>", "<plist version=\"1.0\" foo=\"x\"><dict/></plist>",
                "<plist version=\"1 0\"><dict/></plist>", "<plist version=\"&amp;\"><dict/></plist>", "<plist version=><dict/></plist>",
                "<plist version = '1.0' ><dict/></plist >", "<plist\tversion\t=\t\"1.0\"\t/>", "<plist version=\"1.0\"/ >",
                "<plist><dict x=\"1\"/></plist>", "<plist><dict ><key >a</key ><string >b</string ></dict ></plist>",
                "<plist><dict></dict ></plist>", "<plist><dict></ dict></plist>", "<plist><dict></dicts></plist>", "<plist><dict></array></plist>",
                "<plist><Dict/></plist>", "<plist><dict:x/></plist>", "<plist><foo/></plist>", "<plist><plist><dict/></plist></plist>",
                "<dict><key>a</key><string>b</string></dict>", "<plist><dict><key>a</key></dict></plist>",
                "<plist><dict><string>a</string><string>b</string></dict></plist>", "<plist><dict><key>a</key><key>b</key></dict></plist>",
                "<plist><dict><key>a</key><string>1</string><key>a</key><string>2</string></dict></plist>",
                "<plist><dict>x<key>a</key><string>b</string></dict></plist>", "<plist><dict>\u00A0<key>a</key><string>b</string></dict></plist>",
                "<plist><array><key>a</key></array></plist>", "<plist><array><true>x</true><false> </false><true></true></array></plist>",
                "<plist><array><integer> 12 </integer><integer>0x1F</integer><integer>-0</integer><real>1e3</real><real> .5 </real>"
                        + "<date>2026-12-01T02:00:00Z</date><data>AA EC\nAw==</data><data></data><string/></array></plist>",
                "<plist><array><integer>1<!-- c -->2</integer><string>a<!-- c -->&amp;<!-- d -->b</string></array></plist>",
                "<plist><array><string>a<b>c</b></string></array></plist>", "<plist><array><string><![CDATA[x]]></string></array></plist>",
                "<plist><array><![CDATA[x]]><string>y</string></array></plist>", "<plist><dict><key><![CDATA[k]]></key><true/></dict></plist>",
                "<plist><array><string><![CDATA[" + "x".repeat(3000) + "]]></string></array></plist>",
                "<plist><array><string>&#x26;amp;</string></array></plist>", "<plist><array><string>&#60;dict/></string></array></plist>",
                "<plist><array><string>" + "&amp;".repeat(500) + "</string></array></plist>",
                "<plist><array><string>" + "&amp;".repeat(513) + "</string></array></plist>",
                "<plist><array><string>" + "&amp;".repeat(1030) + "</string></array></plist>",
                "<plist><array><string>" + "&#38;".repeat(1100) + "</string></array></plist>",
                "<plist><array>" + "<string>&lt;</string>".repeat(1100) + "</array></plist>",
                "<plist><array><string>" + "\u00e9".repeat(5000) + "</string></array></plist>"));
        for (int depth = 44; depth <= 66; depth += 2) {
            texts.add("<plist>" + "<array>".repeat(depth) + "<string>x</string>" + "</array>".repeat(depth) + "</plist>");
            texts.add("<plist>" + "<dict><key>k</key>".repeat(depth) + "<true/>" + "</dict>".repeat(depth) + "</plist>");
        }
        List<byte[]> out = new ArrayList<>();
        for (String text : texts) {
            out.add(text.getBytes(StandardCharsets.UTF_8));
        }
        byte[] base = "<plist><array><string>ab</string></array></plist>".getBytes(StandardCharsets.UTF_8);
        int at = "<plist><array><string>a".length();
        for (int[] bytes : new int[][]{{0xC0, 0xAF}, {0xC1, 0xBF}, {0xE0, 0x80, 0xAF}, {0xED, 0xA0, 0x80}, {0xED, 0xBF, 0xBF},
            {0xEF, 0xBF, 0xBE}, {0xEF, 0xBF, 0xBF}, {0xF0, 0x80, 0x80, 0xAF}, {0xF4, 0x90, 0x80, 0x80}, {0xF5, 0x80, 0x80, 0x80},
            {0xF8, 0x88, 0x80, 0x80, 0x80}, {0x80}, {0xBF}, {0xC3}, {0xE2, 0x82}, {0xF0, 0x9F, 0x98}, {0xFE}, {0xFF},
            {0xC2, 0x80}, {0xC2, 0x9F}, {0xC2, 0xA0}, {0xE2, 0x80, 0xA8}, {0xF0, 0x9F, 0x98, 0x80}, {0xF4, 0x8F, 0xBF, 0xBF}}) {
            byte[] insert = new byte[bytes.length];
            for (int k = 0; k < bytes.length; k++) {
                insert[k] = (byte) bytes[k];
            }
            out.add(splice(base, at, insert));
            out.add(concat(concat(ascii("<!-- "), insert), concat(ascii(" -->"), base))); // in a comment
        }
        return out;
    }

    /** A seeded edit of a plist: a few of the changes the plain reader has to tell apart. */
    static byte[] mutate(byte[] seed, Random random) {
        byte[] b = seed.clone();
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits && b.length > 0; e++) {
            int at = position(b, random);
            b = switch (random.nextInt(12)) {
                case 0 -> {
                    byte[] c = b.clone();
                    c[random.nextInt(c.length)] ^= (byte) (1 << random.nextInt(8));
                    yield c;
                }
                case 1 -> splice(b, at, new byte[]{(byte) random.nextInt(256)});
                case 2 -> {
                    int from = random.nextInt(b.length);
                    int to = Math.min(b.length, from + 1 + random.nextInt(4));
                    yield concat(java.util.Arrays.copyOfRange(b, 0, from), java.util.Arrays.copyOfRange(b, to, b.length));
                }
                case 3 -> lineEnds(b, random);
                case 4 -> splice(b, at, pick(random, "&amp;", "&lt;", "&gt;", "&quot;", "&apos;", "&#13;", "&#10;", "&#x1F600;", "&#0;",
                        "&#xD800;", "&foo;", "&#X41;", "&amp", "&", "&#65", "&#xFFFF;", "&#x7F;"));
                case 5 -> {
                    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
                    yield random.nextBoolean() ? concat(bom, b) : splice(b, at, bom);
                }
                case 6 -> concat(pick(random, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "<?xml version=\"1.0\"?>\n",
                        "<?xml version=\"1.1\"?>", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>", " <?xml version=\"1.0\"?>",
                        "<?xml version=\"1.0\" standalone=\"yes\"?>", "<!-- lead -->", "<!DOCTYPE plist>", "\n\n",
                        "<!DOCTYPE plist [<!ENTITY e \"v\">]>"), b);
                case 7 -> splice(b, at, pick(random, "<!-- c -->", "<!-- a -- b -->", "<!--->", "<!---->", "<!-- <!DOCTYPE x> -->",
                        "<!-- \u00e9 -->", "<!-- \u0001 -->", "<!--", "-->", "<!-- x --->"));
                case 8 -> nest(b, 30 + random.nextInt(40));
                case 9 -> splice(b, at, pick(random, "\u00e9", "\uD83D\uDE00", "\u2028", "\u0085", "\uFEFF", "\uFFFE", "\u00A0",
                        "\u0001", "\u0000", "\u000B", "\u000C", "\u007F", "\r", "\t"));
                case 10 -> splice(b, at, new byte[][]{{(byte) 0xC3}, {(byte) 0x80}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                    {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xF8}, {(byte) 0xE2, (byte) 0x28, (byte) 0xA1}}[random.nextInt(6)]);
                default -> splice(b, at, pick(random, "<![CDATA[x]]>", "<![CDATA[a&b\r\n]]>", "<![CDATA[", "<?pi x?>", "]]>", " a=\"b\"", " version=\"1.0\"", "<key>", "</dict>",
                        "<dict/>", "<data>", "<foo>", "<Dict>", "<string>s</string>", "<true/>", "</plist>", "<plist>", "x"));
            };
        }
        return b;
    }

    /** Mostly next to markup, where an edit changes the structure, sometimes anywhere. */
    private static int position(byte[] b, Random random) {
        int at = random.nextInt(b.length + 1);
        if (random.nextInt(3) > 0) {
            for (int k = at; k < b.length; k++) {
                if (b[k] == '<' || b[k] == '>') {
                    return random.nextBoolean() ? k : k + 1;
                }
            }
        }
        return at;
    }

    private static byte[] lineEnds(byte[] b, Random random) {
        String text = new String(b, StandardCharsets.ISO_8859_1);
        text = switch (random.nextInt(4)) {
            case 0 -> text.replace("\n", "\r\n");
            case 1 -> text.replace("\n", "\r");
            case 2 -> text.replace("\r\n", "\n").replace("\n", "\n\r");
            default -> text.replace(">", ">\r\n").replace("\r\n\r\n", "\r\r\n");
        };
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The root value wrapped in {@code levels} arrays. */
    private static byte[] nest(byte[] b, int levels) {
        String text = new String(b, StandardCharsets.ISO_8859_1);
        int open = text.indexOf("<plist");
        int body = open < 0 ? -1 : text.indexOf('>', open);
        int close = text.lastIndexOf("</plist>");
        if (body < 0 || close < body) {
            return b;
        }
        return (text.substring(0, body + 1) + "<array>".repeat(levels) + text.substring(body + 1, close) + "</array>".repeat(levels)
                + text.substring(close)).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] pick(Random random, String... choices) {
        return choices[random.nextInt(choices.length)].getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] splice(byte[] b, int at, byte[] insert) {
        return concat(concat(java.util.Arrays.copyOfRange(b, 0, at), insert), java.util.Arrays.copyOfRange(b, at, b.length));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(a.length + b.length);
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }

    // ---- outcomes

    private static String jdkOutcome(byte[] file) {
        try {
            return canonical(PlistParser.parseWithoutPlainXml(file));
        } catch (PlistFormatException e) {
            return canonical(e);
        }
    }

    private static String outcome(byte[] file) {
        try {
            return canonical(PlistParser.parse(file));
        } catch (PlistFormatException e) {
            return canonical(e);
        }
    }

    private static NSObject jdkTree(byte[] file) throws Exception {
        return XMLPropertyListParser.parse(SafeXml.parse(file));
    }

    /** dd-plist's tree as text: each object's type and value, in order. */
    private static String describe(NSObject o) {
        if (o instanceof com.dd.plist.NSDictionary d) {
            StringBuilder out = new StringBuilder("dict{");
            d.getHashMap().forEach((k, v) -> out.append(k).append('=').append(describe(v)).append(';'));
            return out.append('}').toString();
        }
        if (o instanceof com.dd.plist.NSArray a) {
            StringBuilder out = new StringBuilder("array[");
            for (NSObject item : a.getArray()) {
                out.append(describe(item)).append(',');
            }
            return out.append(']').toString();
        }
        if (o instanceof com.dd.plist.NSData d) {
            return "data" + java.util.Arrays.toString(d.bytes());
        }
        if (o instanceof com.dd.plist.NSDate d) {
            return "date" + d.getDate().getTime();
        }
        if (o instanceof com.dd.plist.NSNumber n) {
            return "number" + n.type() + ":" + n.stringValue() + ":" + Double.doubleToRawLongBits(n.doubleValue());
        }
        return o == null ? "null" : o.getClass().getSimpleName() + ":" + o;
    }

    private static String preview(byte[] file) {
        String text = new String(file, 0, Math.min(file.length, 400), StandardCharsets.ISO_8859_1);
        return text.replace("\r", "\\r").replace("\n", "\\n");
    }
}
