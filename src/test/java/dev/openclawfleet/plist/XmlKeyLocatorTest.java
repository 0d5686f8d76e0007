package dev.openclawfleet.plist;

import dev.openclawfleet.model.KeyLocator;
import dev.openclawfleet.model.KeyPath;
import dev.openclawfleet.model.Position;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Key paths found in the text of XML plists, as dd-plist reads them; nothing for other formats. */
class XmlKeyLocatorTest {
    private static final String HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n"
            + "<plist version=\"1.0\">\n";

    private static Position at(String xml, KeyPath path) {
        return at(xml.getBytes(StandardCharsets.UTF_8), path);
    }

    /** The position the locator finds, which must be the one the element-tree locator it replaced found. */
    private static Position at(byte[] bytes, KeyPath path) {
        Position found = XmlKeyLocator.of(bytes).locate(path).orElseThrow();
        assertThat(found).as("as the tree locator").isEqualTo(TreeKeyLocator.of(bytes).locate(path).orElseThrow());
        return found;
    }

    /** The text at a position: from its column to the end of its line. */
    private static String textAt(String text, Position p) {
        String line = text.lines().toList().get(p.line() - 1);
        return line.substring(p.column() - 1);
    }

    @Test
    void everyValueOfAGeneratedPlistIsFoundAtItsElement() throws Exception {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("OPENCLAW_STATE_DIR", "/Users/example/.openclaw/.openclaw-luca");
        env.put("PATH", "/opt/homebrew/bin:/usr/bin:/bin");
        Map<String, Object> job = new LinkedHashMap<>();
        job.put("Label", "ai.openclaw.luca");
        job.put("EnvironmentVariables", env);
        job.put("KeepAlive", true);
        job.put("ProgramArguments", List.of("/opt/homebrew/bin/node", "/opt/homebrew/lib/node_modules/openclaw/dist/index.js",
                "gateway", "--port", "18789"));
        job.put("StandardOutPath", "/Users/example/.openclaw/.openclaw-luca/logs/gateway.log");
        String xml = new String(PlistWriter.toXml(job), StandardCharsets.UTF_8);

        assertThat(textAt(xml, at(xml, KeyPath.LABEL))).isEqualTo("<string>ai.openclaw.luca</string>");
        assertThat(textAt(xml, at(xml, KeyPath.key("KeepAlive")))).isEqualTo("<true/>");
        assertThat(textAt(xml, at(xml, KeyPath.key("ProgramArguments").index(4)))).isEqualTo("<string>18789</string>");
        assertThat(textAt(xml, at(xml, KeyPath.key("ProgramArguments").index(2)))).isEqualTo("<string>gateway</string>");
        assertThat(textAt(xml, at(xml, KeyPath.key("EnvironmentVariables").then("OPENCLAW_STATE_DIR"))))
                .isEqualTo("<string>/Users/example/.openclaw/.openclaw-luca</string>");
        assertThat(textAt(xml, at(xml, KeyPath.key("StandardOutPath")))).startsWith("<string>/Users/example/");
    }

    @Test
    void aMissingKeyPointsAtTheDictionaryThatLacksIt() {
        String xml = HEAD + "<dict>\n  <key>EnvironmentVariables</key>\n  <dict>\n    <key>PATH</key>\n    <string>/bin</string>\n"
                + "  </dict>\n  <key>ProgramArguments</key>\n  <array>\n    <string>node</string>\n  </array>\n</dict>\n</plist>\n";
        assertThat(at(xml, KeyPath.LABEL)).isEqualTo(new Position(4, 1));
        assertThat(at(xml, KeyPath.key("EnvironmentVariables").then("OPENCLAW_STATE_DIR"))).isEqualTo(new Position(6, 3));
        assertThat(at(xml, KeyPath.key("ProgramArguments").index(4))).isEqualTo(new Position(11, 3));
        assertThat(at(xml, KeyPath.key("ProgramArguments").then("x"))).isEqualTo(new Position(11, 3));
    }

    @Test
    void commentsCdataEntitiesAndRepeatedKeysAreReadAsTheParserReadsThem() {
        String xml = HEAD + "<dict>\n"
                + "<!-- <key>Label</key><string>not this</string> -->\n"
                + "<key>Label</key><string>first</string>\n"
                + "<key><![CDATA[A&B]]></key><string>cdata</string>\n"
                + "<key>C&amp;D&#x21;</key><string attr=\"a>b\">entity</string>\n"
                + "<key>Label</key>\t<string>last wins, as in dd-plist</string>\n"
                + "</dict></plist>";
        assertThat(at(xml, KeyPath.LABEL)).isEqualTo(new Position(9, 18));
        assertThat(at(xml, KeyPath.key("A&B"))).isEqualTo(new Position(7, 27));
        assertThat(at(xml, KeyPath.key("C&D!"))).isEqualTo(new Position(8, 25));
    }

    @Test
    void linesEndInLfCrLfOrCrAndColumnsCountUtf16Units() {
        String crlf = HEAD.replace("\n", "\r\n") + "<dict>\r\n<key>Label</key>\r\n<string>x</string>\r\n</dict></plist>";
        assertThat(at(crlf, KeyPath.LABEL)).isEqualTo(new Position(6, 1));
        String cr = HEAD.replace("\n", "\r") + "<dict>\r<key>Label</key>\r<string>x</string>\r</dict></plist>";
        assertThat(at(cr, KeyPath.LABEL)).isEqualTo(new Position(6, 1));
        String emoji = HEAD + "<dict><key>A</key><string>\uD83D\uDE00</string><key>Label</key><string>x</string></dict></plist>";
        assertThat(at(emoji, KeyPath.LABEL)).isEqualTo(new Position(4, 54)); // the emoji is two UTF-16 units
    }

    @Test
    void byteOrderMarksAndUtf16AreDecoded() {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<plist>\n<dict>\n<key>Label</key>\n<string>x</string>\n</dict></plist>";
        byte[] utf16 = ("\uFEFF" + xml).getBytes(StandardCharsets.UTF_16BE);
        assertThat(at(utf16, KeyPath.LABEL)).isEqualTo(new Position(5, 1));
        byte[] utf8Bom = ("\uFEFF" + xml.replace("UTF-16", "UTF-8")).getBytes(StandardCharsets.UTF_8);
        assertThat(at(utf8Bom, KeyPath.LABEL)).isEqualTo(new Position(5, 1));
    }

    @Test
    void binaryAndAsciiPlistsHaveNoPositions() {
        assertThat(XmlKeyLocator.of("bplist00\u0000".getBytes(StandardCharsets.ISO_8859_1))).isSameAs(KeyLocator.NONE);
        assertThat(XmlKeyLocator.of("{ Label = x; }".getBytes(StandardCharsets.UTF_8))).isSameAs(KeyLocator.NONE);
    }

    @Test
    void brokenTextNeverThrows() {
        for (String broken : List.of("<plist><dict><key>Label", "<!-- never closed", "<", "<plist></plist>", "<![CDATA[", "<dict><key>&#xZZ;</key>")) {
            KeyLocator locator = XmlKeyLocator.of(broken.getBytes(StandardCharsets.UTF_8));
            assertThat(locator.locate(KeyPath.LABEL)).as(broken).isNotNull();
        }
    }

    @Test
    void aLocatorThatReadsTheFileAgainTrustsOnlyTheBytesThatWereParsed() {
        byte[] parsed = "<plist>\n<dict>\n<key>Label</key>\n<string>ai.openclaw.luca</string>\n</dict>\n</plist>\n"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(XmlKeyLocator.of(parsed, parsed::clone).locate(KeyPath.LABEL)).contains(new Position(4, 1));
        byte[] edited = new String(parsed, StandardCharsets.UTF_8).replace("luca", "lucy").getBytes(StandardCharsets.UTF_8);
        assertThat(XmlKeyLocator.of(parsed, () -> edited).locate(KeyPath.LABEL)).as("changed since it was parsed").isEmpty();
        assertThat(XmlKeyLocator.of(parsed, () -> null).locate(KeyPath.LABEL)).as("gone").isEmpty();
    }

    @Test
    void pathsThroughNestedDictionariesAndArraysStopAtTheirValue() {
        String xml = HEAD + "<dict>\n"
                + "  <key>KeepAlive</key>\n  <dict>\n    <key>PathState</key>\n    <dict>\n      <key>/tmp/x</key>\n      <true/>\n"
                + "    </dict>\n  </dict>\n"
                + "  <key>WatchPaths</key>\n  <array>\n    <array><string>a</string><dict><key>k</key><string>v</string></dict></array>\n"
                + "  </array>\n"
                + "  <key>Label</key>\n  <string>x</string>\n"
                + "</dict>\n</plist>\n";
        assertThat(at(xml, KeyPath.key("KeepAlive").then("PathState").then("/tmp/x"))).isEqualTo(new Position(10, 7));
        assertThat(at(xml, KeyPath.key("WatchPaths").index(0).index(1).then("k"))).isEqualTo(new Position(15, 48));
        assertThat(at(xml, KeyPath.key("WatchPaths").index(0).index(5))).as("past the end: the array").isEqualTo(new Position(15, 5));
        assertThat(at(xml, KeyPath.key("KeepAlive").index(0))).as("an index into a dictionary").isEqualTo(new Position(6, 3));
        assertThat(at(xml, KeyPath.LABEL)).as("after the nested values").isEqualTo(new Position(18, 3));
    }

    @Test
    void aKeyRepeatedAfterTheTargetReplacesItAndWhatWasFoundBelowIt() {
        String xml = HEAD + "<dict>\n"
                + "<key>EnvironmentVariables</key>\n<dict><key>OPENCLAW_STATE_DIR</key><string>/a</string></dict>\n"
                + "<key>Label</key>\n<string>x</string>\n"
                + "<key>EnvironmentVariables</key>\n<dict><key>PATH</key><string>/bin</string></dict>\n"
                + "</dict></plist>";
        assertThat(at(xml, KeyPath.key("EnvironmentVariables").then("OPENCLAW_STATE_DIR")))
                .as("dd-plist keeps the second dictionary, which lacks the variable").isEqualTo(new Position(10, 1));
        assertThat(at(xml, KeyPath.key("EnvironmentVariables").then("PATH"))).isEqualTo(new Position(10, 22));
    }

    @Test
    void aKeyWithoutAValueAndAKeyAsAValueAreReadAsTheTreeWasRead() {
        String xml = HEAD + "<dict><key>A</key><key>Label</key><string>x</string><key>B</key></dict></plist>";
        assertThat(at(xml, KeyPath.key("A"))).as("the next element, even a key").isEqualTo(new Position(4, 19));
        assertThat(at(xml, KeyPath.LABEL)).isEqualTo(new Position(4, 35));
        assertThat(at(xml, KeyPath.key("B"))).as("no value after it: the dictionary").isEqualTo(new Position(4, 1));
        assertThat(at(HEAD + "<dict><key/><string>empty key</string></dict></plist>", KeyPath.key(""))).isEqualTo(new Position(4, 13));
    }

    @Test
    void columnsCountUtf16UnitsInEveryEncodingTheParserReads() {
        String body = "<plist>\n<dict><key>N</key><string>caf\u00e9 \uD83D\uDE00</string><key>Label</key><string>x</string></dict></plist>";
        Position expected = new Position(3, 59);
        assertThat(at(("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + body).getBytes(StandardCharsets.UTF_8), KeyPath.LABEL))
                .isEqualTo(expected);
        String latin = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n" + body.replace(" \uD83D\uDE00", "!!!");
        assertThat(at(latin.getBytes(StandardCharsets.ISO_8859_1), KeyPath.LABEL)).isEqualTo(expected);
        byte[] utf16le = ("\uFEFF<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n" + body).getBytes(StandardCharsets.UTF_16LE);
        assertThat(at(utf16le, KeyPath.LABEL)).isEqualTo(expected);
    }

    @Test
    void entitiesInKeysAreExpandedAndTooLongOnesAreText() {
        String xml = HEAD + "<dict><key>&#x41;&#66;&lt;</key><string>1</string>"
                + "<key>&#x0000000000041;</key><string>2</string></dict></plist>";
        assertThat(at(xml, KeyPath.key("AB<"))).isEqualTo(new Position(4, 33));
        assertThat(at(xml, KeyPath.key("A"))).as("an entity reference longer than 12 characters is not expanded")
                .isEqualTo(new Position(4, 1));
        assertThat(at(xml, KeyPath.key("&#x0000000000041;"))).isEqualTo(new Position(4, 79));
    }

    @Test
    void anElementNameEndsAtUnicodeWhiteSpaceAsItDidInTheDecodedText() {
        String xml = HEAD + "<dict\u2003a='b'><key>Label</key><string>x</string></dict></plist>";
        assertThat(at(xml, KeyPath.LABEL)).as("still a dict").isEqualTo(new Position(4, 29));
        String other = HEAD + "<dict\u00a0a='b'><key>Label</key><string>x</string></dict></plist>";
        assertThat(at(other, KeyPath.LABEL)).as("no-break space is part of the name: not a dict").isEqualTo(new Position(4, 1));
    }
}
