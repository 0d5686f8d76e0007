package dev.openclawfleet.plist;

import com.dd.plist.NSObject;
import dev.openclawfleet.model.PlistRead;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parsing many plists to one XML document gives every file exactly the outcome of parsing it alone:
 * the same value, or the same message and position. The corpus mixes generated plists, the bundled
 * launch agents, the test resources, mutated plists and a set of inputs built to fool a batch (a
 * plist closing early and the next opening, comments that span files, wrapper-name injection,
 * declarations out of place, other encodings, deep nesting at the parser's limit...), shuffled into
 * batches of many sizes so that every file meets many neighbours.
 */
public class XmlBatchEquivalenceTest {
    private static final String DECL = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    private static final String DOCTYPE = "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n";
    private static final String JOB = "<plist version=\"1.0\"><dict><key>Label</key><string>ai.openclaw.x</string></dict></plist>";

    @Test
    void everyFileGetsWhatItGetsAloneWhateverBatchItLandsIn() throws Exception {
        List<byte[]> corpus = corpus();
        List<String> alone = new ArrayList<>();
        for (byte[] file : corpus) {
            alone.add(outcome(file));
        }
        Random random = new Random(16);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < corpus.size(); i++) {
            order.add(i);
        }
        int compared = 0;
        for (int round = 0; round < 6; round++) {
            Collections.shuffle(order, random);
            int at = 0;
            while (at < order.size()) {
                int size = Math.min(order.size() - at, 1 + random.nextInt(round % 2 == 0 ? 12 : 80));
                List<Integer> batch = order.subList(at, at + size);
                List<byte[]> files = batch.stream().map(corpus::get).toList();
                Object[] together = PlistParser.parseAll(files);
                for (int k = 0; k < size; k++) {
                    int i = batch.get(k);
                    assertThat(canonical(together[k])).as("file %d of the corpus (%s) in a batch of %d", i, preview(corpus.get(i)), size)
                            .isEqualTo(alone.get(i));
                    compared++;
                }
                at += size;
            }
        }
        assertThat(compared).isEqualTo(6 * corpus.size());
    }

    @Test
    void theHostReadersGetTheSameReadsWhateverBatchAFileLandsIn() throws Exception {
        List<byte[]> corpus = corpus();
        List<PlistReads.Source> sources = new ArrayList<>();
        for (int i = 0; i < corpus.size(); i++) {
            sources.add(new PlistReads.Source(Path.of("f" + i + ".plist"), null, corpus.get(i), null));
        }
        List<PlistRead> together = PlistReads.parsedAll(sources);
        for (int i = 0; i < corpus.size(); i++) {
            PlistRead one = PlistReads.parsed(Path.of("f" + i + ".plist"), null, corpus.get(i), null);
            assertThat(describe(together.get(i))).as("file %d (%s)", i, preview(corpus.get(i))).isEqualTo(describe(one));
        }
    }

    @Test
    void ordinaryPlistsAreAnsweredByTheBatchItselfSoTheTestsAboveTestIt() throws Exception {
        List<byte[]> plain = new ArrayList<>(generated(new Random(3), 200));
        try (Stream<Path> agents = Files.list(Path.of("launchagents"))) {
            for (Path p : agents.filter(p -> p.toString().endsWith(".plist")).sorted().toList()) {
                plain.add(Files.readAllBytes(p));
            }
        }
        NSObject[] roots = XmlBatch.parse(plain);
        for (int i = 0; i < roots.length; i++) {
            assertThat(roots[i]).as("plain plist %d: %s", i, preview(plain.get(i))).isNotNull();
        }
    }

    @Test
    void inputsThatCouldFoolABatchAreNeverAnsweredByIt() {
        // Each of these would read differently inside a wrapper than alone: none may be taken from a batch.
        List<String> refused = List.of(
                "\n" + DECL + JOB,                                           // declaration not at byte 0
                "<?xml version=\"1.1\" encoding=\"UTF-8\"?>" + JOB,          // XML 1.1
                "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>" + JOB,     // another encoding
                "<?xml version=\"1.0\" encoding=\"UTF-8\" ?><?pi x?>" + JOB, // a processing instruction
                "<?xml version=\"1.0\" standalone=\"yes\" encoding=\"UTF-8\"?>" + JOB, // attributes out of order
                "<!DOCTYPE plist [ <!ENTITY a \"b\"> ]>" + JOB,             // an internal subset
                "&#32;" + JOB,                                               // a reference before the root
                JOB + "&#32;",                                               // and after it
                JOB + "junk",                                                // trailing text
                JOB + "<!-- c -->",                                          // a comment after the root (alone: fine; batched: not worth it)
                "<plist><dict/><!-- </plist>",                              // a comment left open
                "<plist><![CDATA[x]]><dict/></plist>",                       // CDATA
                "<plist><dict/></plist></ofb-file-3b7e><ofb-file-3b7e><plist><dict/></plist>", // wrapper-name injection
                "<plist version=\"1.0\"><dict/></plist><plist><dict/></plist>", // two roots
                "<dict><key>Label</key><string>x</string></dict>",          // a root that is not <plist>
                "",
                "  \n");
        byte[] plain = (DECL + DOCTYPE + JOB).getBytes(StandardCharsets.UTF_8);
        for (String input : refused) {
            List<byte[]> batch = List.of(plain, plain, input.getBytes(StandardCharsets.UTF_8), plain, plain);
            NSObject[] roots = XmlBatch.parse(batch);
            assertThat(roots[2]).as(input).isNull();
            assertThat(roots[0]).as("its neighbours, after " + input).isNotNull();
        }
        assertThat(XmlBatch.bodyStart((DECL + DOCTYPE + JOB).getBytes(StandardCharsets.UTF_8))).as("a usual plist").isEqualTo(-1);
        assertThat(XmlBatch.bodyStart(SafeXml.withoutExternalDoctype((DECL + DOCTYPE + JOB).getBytes(StandardCharsets.UTF_8))))
                .as("a usual plist once its DOCTYPE is blanked: its text after the declaration").isEqualTo(DECL.indexOf("?>") + 2);
    }

    // ---- the corpus

    public static List<byte[]> corpus() throws Exception {
        List<byte[]> out = new ArrayList<>();
        out.addAll(generated(new Random(12), 300));
        out.addAll(files(Path.of("launchagents")));
        out.addAll(files(Path.of("src/test/resources")));
        for (byte[] seed : PlistFuzzTest.seeds()) {
            Random random = new Random(seed.length);
            for (int i = 0; i < 40; i++) {
                out.add(PlistFuzzTest.mutate(seed, random));
            }
        }
        for (String nasty : nasty()) {
            out.add(nasty.getBytes(StandardCharsets.UTF_8));
        }
        out.addAll(encoded());
        out.add(HostilePlists.binaryCycle());
        out.add(HostilePlists.binaryOutOfRange());
        out.add(HostilePlists.binaryDoublingChain(20));
        out.add(new byte[0]);
        out.add(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        return out;
    }

    /** Files built to fool a batch, or to fail in one where they pass alone. */
    static List<String> nasty() {
        List<String> out = new ArrayList<>();
        out.add(DECL + "<plist version=\"1.0\"><dict><key>a</key><string>x</string>");  // unclosed tags
        out.add(DECL + "<plist version=\"1.0\"><dict><key>a</key><string>x</string></plist>");
        out.add(DECL + "<plist><dict/></plist><plist><dict><key>Label</key><string>second</string></dict></plist>"); // closes early, next opens
        out.add("<plist><dict/></plist>\n</plist><plist><dict/></plist>");
        out.add("<plist><dict/><!-- </plist>");                                         // a comment that a neighbour would close
        out.add("<plist><array><string>--></string></array></plist>");
        out.add("<plist>--></plist>");
        out.add("<plist><dict/></plist></ofb-file-3b7e><ofb-file-3b7e><plist><dict/></plist>"); // wrapper-name injection
        out.add("<plist><dict/></plist></ofb-batch-3b7e>");
        out.add("<plist><dict><key>ofb-file-3b7e</key><string>x</string></dict></plist>");
        out.add("<plist><dict/></plist></x>");
        out.add("<x><plist><dict/></plist>");
        out.add("\n" + DECL + JOB);                                                     // declaration not at 0
        out.add(" " + DECL + JOB);
        out.add(JOB + DECL);
        out.add("<?xml version=\"1.1\" encoding=\"UTF-8\"?>\n" + JOB + "\u0085");          // XML 1.1
        out.add("<?xml version=\"1.1\"?>\n<plist><string>a\u0085b\u2028c</string></plist>");
        out.add("<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\" ?>\n" + JOB);
        out.add("<?xml version='1.0' encoding='UTF-8'?>" + JOB);
        out.add("<?xml version=\"1.0\" encoding=\"UTF-8\"?" + JOB);
        out.add("<?xml version=\"1.0\" encoding=\"UTF-8\" foo=\"bar\"?>" + JOB);
        out.add("<?xml encoding=\"UTF-8\"?>" + JOB);
        out.add("<?xml version=\"1.0\" encoding=\"US-ASCII\"?><plist><string>caf\u00e9</string></plist>");
        out.add("\uFEFF" + DECL + JOB);                                                 // BOM
        out.add("\uFEFF" + JOB);
        out.add("\uFEFF\uFEFF" + JOB);
        out.add(DECL + "<!DOCTYPE plist [ <!ENTITY a \"b\"> ]>\n<plist><string>&a;</string></plist>"); // internal subset
        out.add(DECL + "<!DOCTYPE plist [ ]>\n" + JOB);
        out.add(HostilePlists.billionLaughs());                                         // entity bombs
        out.add(HostilePlists.xxe("/etc/passwd"));
        out.add(HostilePlists.xxeParameterEntity("/etc/passwd"));
        out.add(DECL + DOCTYPE + "<plist><dict><key>a</key><string>" + "&amp;".repeat(40) + "</string></dict></plist>");
        out.add(DECL + "<plist><string>&lt;&gt;&amp;&quot;&apos;&#32;&#x41;&#128512;</string></plist>");
        out.add(DECL + "<plist><string>&undeclared;</string></plist>");
        out.add(DECL + "<plist><string>&#0;</string></plist>");
        out.add(DECL + "<plist><string>\u0001</string></plist>");
        out.add(DECL + "<plist><string>a]]>b</string></plist>");
        for (int depth = 58; depth <= 66; depth++) {                                     // nesting around the parser's limit of 64
            out.add(DECL + "<plist>" + "<array>".repeat(depth) + "</array>".repeat(depth) + "</plist>");
            out.add("<plist>" + "<array>".repeat(depth) + "<string>x</string>" + "</array>".repeat(depth) + "</plist>\n");
        }
        out.add(DECL + "<plist><![CDATA[x]]><dict/></plist>");                              // CDATA
        out.add(DECL + "<plist><array><string><![CDATA[<dict>]]></string></array></plist>");
        out.add(DECL + "<plist><string><![CDATA[</plist></ofb-file-3b7e>]]></string></plist>");
        out.add("&#32;" + JOB);                                                         // references outside the root
        out.add(JOB + "&#32;");
        out.add("&amp;" + JOB);
        out.add(JOB + "\n&lt;");
        out.add(JOB + "trailing junk");                                                 // trailing junk
        out.add(JOB + "\n\u0000");
        out.add(JOB + "\n<");
        out.add(JOB + "<plist/>");
        out.add(JOB + "<!-- fine -->\n");
        out.add(JOB + "<!-- not -- fine -->\n");
        out.add("<!-- a -- b -->" + JOB);
        out.add("<!-- ok -->\n<!-- ok -->" + JOB + "\n\n");
        out.add("<!--->" + JOB);
        out.add("<!---->" + JOB);
        out.add(JOB + "<?pi x?>");
        out.add("<?pi x?>" + JOB);
        out.add("<plist><?pi x?><dict/></plist>");
        out.add("<plist><?xml version=\"1.0\"?><dict/></plist>");
        out.add("<plist/>");
        out.add("<plist></plist>");
        out.add("<plist>text<dict/></plist>");
        out.add("<plist><dict/><dict/></plist>");
        out.add("<plist><foo/></plist>");
        out.add("<plist ><dict/></plist >");
        out.add("<plist\n\tversion='1.0'\n><dict/></plist>");
        out.add("<plistx><dict/></plistx>");
        out.add("<plist version=\"1.0\"><integer>99999999999999999999999</integer></plist>");
        out.add("<plist version=\"1.0\"><integer>abc</integer></plist>");
        out.add("<plist version=\"1.0\"><real>nan</real></plist>");
        out.add("<plist version=\"1.0\"><date>2026-11-30T23:00:00Z</date></plist>");
        out.add("<plist version=\"1.0\"><date>yesterday</date></plist>");
        out.add("<plist version=\"1.0\"><data>AAEC</data></plist>");
        out.add("<plist version=\"1.0\"><data>!!!</data></plist>");
        out.add("<plist version=\"1.0\"><dict><key>a</key></dict></plist>");
        out.add("<plist version=\"1.0\"><dict><string>a</string><string>b</string></dict></plist>");
        out.add("<plist version=\"1.0\" a=\"<\"><dict/></plist>");
        out.add("<plist version=\"1.0\" a=\"1\" a=\"2\"><dict/></plist>");
        out.add("<plist version=\"1.0><dict/></plist>");
        out.add("<plist><dict/></plist>\r");
        out.add("<plist>\r\n<dict>\r<key>a</key>\r\n<string>x\ry</string></dict></plist>\r\n");
        out.add(DOCTYPE + "<plist><dict/></plist>");
        out.add(JOB + DOCTYPE);
        out.add("<!DOCTYPE plist SYSTEM \"x.dtd\"><plist><dict/></plist>");
        out.add("<!DOCTYPE plist PUBLIC \"a\" \"b\" [<!ENTITY x \"y\">]><plist><string>&x;</string></plist>");
        out.add("<!DOCTYPE dict><plist><dict/></plist>");
        out.add("{ Label = \"ai.openclaw.ascii\"; }");                                   // ASCII plists
        out.add("( a, b, \"c d\" )");
        out.add("/* comment */ { a = b; }");
        out.add("{ broken");
        out.add("bplist");
        out.add("bplist00");
        out.add("not a plist at all");
        return out;
    }

    /** UTF-16 and other encodings, with and without byte-order marks. */
    static List<byte[]> encoded() {
        String job = "<plist version=\"1.0\"><dict><key>Label</key><string>caf\u00e9</string></dict></plist>";
        List<byte[]> out = new ArrayList<>();
        out.add(concat(new byte[]{(byte) 0xFE, (byte) 0xFF}, ("<?xml version=\"1.0\" encoding=\"UTF-16\"?>" + job).getBytes(StandardCharsets.UTF_16BE)));
        out.add(concat(new byte[]{(byte) 0xFF, (byte) 0xFE}, ("<?xml version=\"1.0\" encoding=\"UTF-16\"?>" + job).getBytes(StandardCharsets.UTF_16LE)));
        out.add(job.getBytes(StandardCharsets.UTF_16BE));
        out.add(job.getBytes(StandardCharsets.UTF_16LE));
        out.add(("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>" + job).getBytes(StandardCharsets.ISO_8859_1));
        out.add(job.getBytes(StandardCharsets.ISO_8859_1)); // invalid UTF-8 without a declaration
        out.add(("<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + job).getBytes(StandardCharsets.ISO_8859_1));
        byte[] cut = ("<plist><string>\u00e9</string></plist>").getBytes(StandardCharsets.UTF_8);
        out.add(java.util.Arrays.copyOf(cut, 17)); // a multi-byte character cut in half
        byte[] lone = JOB.getBytes(StandardCharsets.UTF_8).clone();
        lone[lone.length - 10] = (byte) 0xC3; // a lead byte whose continuation is '<'
        out.add(lone);
        return out;
    }

    /** Plists of every value type, with comments, white space and line ends of every kind, most of them ordinary. */
    static List<byte[]> generated(Random random, int count) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            StringBuilder text = new StringBuilder();
            if (random.nextInt(6) > 0) {
                text.append(random.nextInt(8) == 0 ? "\uFEFF" : "").append(DECL);
            }
            if (random.nextInt(3) > 0) {
                text.append(DOCTYPE);
            }
            if (random.nextInt(8) == 0) {
                text.append("<!-- generated ").append(i).append(" -->\n");
            }
            text.append("<plist version=\"1.0\">\n");
            value(text, random, 1, true);
            text.append("</plist>\n");
            String s = text.toString();
            s = switch (random.nextInt(6)) {
                case 0 -> s.replace("\n", "\r\n");
                case 1 -> s.replace("\n", "\r");
                default -> s;
            };
            out.add(s.getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    private static void value(StringBuilder out, Random random, int depth, boolean container) {
        String indent = "\t".repeat(depth);
        int choice = container ? random.nextInt(2) : random.nextInt(depth > 4 ? 10 : 12);
        switch (choice) {
            case 0, 10 -> {
                out.append(indent).append("<dict>\n");
                for (int n = random.nextInt(7); n > 0; n--) {
                    out.append(indent).append("\t<key>").append(KEYS[random.nextInt(KEYS.length)]).append("</key>");
                    if (random.nextInt(10) == 0) {
                        out.append("<!-- note -->");
                    }
                    out.append('\n');
                    value(out, random, depth + 1, false);
                }
                out.append(indent).append("</dict>\n");
            }
            case 1, 11 -> {
                out.append(indent).append("<array>\n");
                for (int n = random.nextInt(5); n > 0; n--) {
                    value(out, random, depth + 1, false);
                }
                out.append(indent).append("</array>\n");
            }
            case 2 -> out.append(indent).append("<string>").append(TEXTS[random.nextInt(TEXTS.length)]).append("</string>\n");
            case 3 -> out.append(indent).append(random.nextBoolean() ? "<true/>" : "<false />").append('\n');
            case 4 -> out.append(indent).append("<integer>").append(random.nextInt(140000) - 70000).append("</integer>\n");
            case 5 -> out.append(indent).append("<real>").append(random.nextDouble() * 1000).append("</real>\n");
            case 6 -> out.append(indent).append("<date>2026-0").append(1 + random.nextInt(9)).append("-15T10:00:00Z</date>\n");
            case 7 -> out.append(indent).append("<data>\n").append(indent).append("AAECAwQF\n").append(indent).append("</data>\n");
            case 8 -> out.append(indent).append("<string/>\n");
            default -> out.append(indent).append("<array/>\n");
        }
    }

    private static final String[] KEYS = {"Label", "ProgramArguments", "EnvironmentVariables", "KeepAlive", "RunAtLoad", "a &amp; b",
        "caf\u00e9", "OPENCLAW_GATEWAY_PORT", "&#x4C;abel", "x&lt;y"};
    private static final String[] TEXTS = {"/opt/homebrew/bin/node", "caf\u00e9 \uD83D\uDE00", "a &lt; b &amp;&amp; c", "line\nbreak",
        "  spaced  ", "&#9;tab", "gateway", "--port", "&quot;quoted&apos;", "x > y"};

    static List<byte[]> files(Path dir) throws IOException {
        List<byte[]> out = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.filter(Files::isRegularFile).sorted().toList()) {
                if (Files.size(p) <= 256 * 1024) {
                    out.add(Files.readAllBytes(p));
                }
            }
        }
        return out;
    }

    // ---- comparing outcomes

    static String outcome(byte[] file) {
        try {
            return canonical(PlistParser.parse(file));
        } catch (PlistFormatException e) {
            return canonical(e);
        }
    }

    /** A value or an error as text that tells every difference: types, order, bytes, message and position. */
    public static String canonical(Object o) {
        if (o instanceof PlistFormatException e) {
            return "error: " + e.getMessage() + " at " + e.position();
        }
        StringBuilder out = new StringBuilder();
        write(out, o);
        return out.toString();
    }

    private static void write(StringBuilder out, Object o) {
        if (o instanceof Map<?, ?> map) {
            out.append("{");
            map.forEach((k, v) -> {
                out.append(k).append('=');
                write(out, v);
                out.append(';');
            });
            out.append("}");
        } else if (o instanceof List<?> list) {
            out.append("[");
            list.forEach(v -> {
                write(out, v);
                out.append(',');
            });
            out.append("]");
        } else if (o instanceof byte[] bytes) {
            out.append("data").append(java.util.Arrays.toString(bytes));
        } else if (o instanceof java.util.Date date) {
            out.append("date ").append(date.getTime());
        } else if (o instanceof Double d) {
            out.append("real ").append(Double.doubleToRawLongBits(d));
        } else {
            out.append(o == null ? "null" : o.getClass().getSimpleName()).append(' ').append(o);
        }
    }

    private static String describe(PlistRead read) {
        if (read instanceof PlistRead.Failed f) {
            return "failed " + f.path() + ": " + f.reason() + " at " + f.at();
        }
        PlistRead.Parsed p = (PlistRead.Parsed) read;
        return "parsed " + p.path() + ": " + canonical(p.root()) + " locator " + (p.locator() == dev.openclawfleet.model.KeyLocator.NONE);
    }

    private static String preview(byte[] file) {
        String s = new String(file, 0, Math.min(file.length, 120), StandardCharsets.ISO_8859_1);
        return s.replace("\n", "\\n").replace("\r", "\\r");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
