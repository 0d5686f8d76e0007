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

    private static Position at(byte[] bytes, KeyPath path) {
        return XmlKeyLocator.of(bytes).locate(path).orElseThrow();
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
}
