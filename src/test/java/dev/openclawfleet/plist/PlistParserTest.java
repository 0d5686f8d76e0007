package dev.openclawfleet.plist;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The three plist formats, and malformed or hostile input failing with one clean line. */
@Timeout(20) // a hang guard for the bombs, not a speed claim
class PlistParserTest {
    private static Object parse(String s) throws PlistFormatException {
        return PlistParser.parse(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void plistsThatRepeatAValueShareOneStringForIt() throws Exception {
        String a = "<plist><dict><key>Label</key><string>ai.openclaw.a</string><key>ProgramArguments</key><array>"
                + "<string>/opt/homebrew/bin/node</string><string>gateway</string></array></dict></plist>";
        Map<?, ?> first = (Map<?, ?>) parse(a);
        Map<?, ?> second = (Map<?, ?>) parse(a.replace("ai.openclaw.a", "ai.openclaw.b"));
        assertThat(((List<?>) second.get("ProgramArguments")).get(0)).isSameAs(((List<?>) first.get("ProgramArguments")).get(0));
        assertThat(second.get("Label")).isEqualTo("ai.openclaw.b");
        assertThat(first.get("Label")).isEqualTo("ai.openclaw.a");
    }

    @Test
    void xmlBinaryAndAsciiGiveTheSameValues() throws Exception {
        Map<String, Object> job = Map.of("Label", "ai.openclaw.luca", "RunAtLoad", true, "ThrottleInterval", 10L,
                "ProgramArguments", List.of("/usr/bin/node", "x.js"));
        String xml = new String(PlistWriter.toXml(new java.util.LinkedHashMap<>(job)), StandardCharsets.UTF_8);
        assertThat(parse(xml)).isEqualTo(job);
        String ascii = "{ Label = \"ai.openclaw.luca\"; ProgramArguments = (\"/usr/bin/node\", \"x.js\"); }";
        assertThat(parse(ascii)).isEqualTo(Map.of("Label", "ai.openclaw.luca", "ProgramArguments", List.of("/usr/bin/node", "x.js")));
    }

    @Test
    void byteOrderMarkIsFineButTextBeforeTheXmlDeclarationIsNot() throws Exception {
        String body = "<?xml version=\"1.0\"?><plist><dict><key>Label</key><string>x</string></dict></plist>";
        assertThat(PlistParser.parse(("\uFEFF" + body).getBytes(StandardCharsets.UTF_8))).isEqualTo(Map.of("Label", "x"));
        // As for plutil: the declaration must come first.
        assertThatThrownBy(() -> parse("\n  " + body)).hasMessageContaining("line 2");
    }

    @Test
    void emptyAndGarbage() {
        assertThatThrownBy(() -> parse("  \n")).hasMessage("the file is empty");
        assertThatThrownBy(() -> parse("hello")).hasMessageStartingWith("not a property list");
        assertThatThrownBy(() -> parse("<plist><dict><key>Label</key>")).hasMessageStartingWith("not well-formed XML at line 1");
    }

    @Test
    void externalEntitiesAreRefusedAndNeverRead() {
        assertThatThrownBy(() -> parse(HostilePlists.xxe("/etc/passwd")))
                .isInstanceOf(PlistFormatException.class).hasMessageContaining("refused").hasMessageNotContaining("root:");
        assertThatThrownBy(() -> parse(HostilePlists.xxeParameterEntity("/etc/passwd")))
                .isInstanceOf(PlistFormatException.class).hasMessageNotContaining("root:");
    }

    @Test
    void entityExpansionBombEndsWithAFinding() {
        assertThatThrownBy(() -> parse(HostilePlists.billionLaughs())).isInstanceOf(PlistFormatException.class)
                .hasMessageContaining("declares its own DTD or entities").hasMessageContaining("refused");
    }

    @Test
    void deeplyNestedXmlIsRefused() {
        String deep = "<plist>" + "<array>".repeat(5000) + "</array>".repeat(5000) + "</plist>";
        assertThatThrownBy(() -> parse(deep)).isInstanceOf(PlistFormatException.class)
                .hasMessageEndingWith("nested more than 64 levels deep").hasMessageNotContaining("JAXP");
    }

    @Test
    void binaryCyclesOutOfRangeReferencesAndHugeCountsFailForTheRightReason() {
        assertThatThrownBy(() -> PlistParser.parse(HostilePlists.binaryCycle()))
                .hasMessage("a binary plist whose object 0 contains itself (a cycle)");
        assertThatThrownBy(() -> PlistParser.parse(HostilePlists.binaryOutOfRange()))
                .hasMessage("a binary plist whose array (object 0) refers to object 5 of 1");
        // Issue 8: 47 bytes claiming 2^31-1 elements peaked at 612 MB, reported as a "cyclic reference".
        assertThatThrownBy(() -> PlistParser.parse(HostilePlists.binaryHugeCount()))
                .hasMessage("a binary plist whose array (object 0) claims 2147483647 elements, more than the 48-byte file can hold");
    }

    @Test
    void binaryPlistsThatShareObjectsCannotExpandWithoutBound() {
        // 22 arrays, each holding the next one twice: 2^22 values once expanded, from a few hundred bytes.
        assertThatThrownBy(() -> PlistParser.parse(HostilePlists.binaryDoublingChain(22)))
                .hasMessage("it expands to more than 200000 values, far more than a launchd job has");
    }

    @Test
    void messagesNeverNameJavaInternals() {
        for (String input : List.of("{ a = <zz> ; }", "<?xml version=\"1.0\"?><plist><data>@@@</data></plist>", "bplist01xxxxxxxx")) {
            assertThatThrownBy(() -> parse(input)).isInstanceOf(PlistFormatException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContainPattern("Exception|byte\\[]|java\\.|Scanner State|com\\.dd"));
        }
    }

    @Test
    void nonUtf8BytesFailCleanly() {
        byte[] bad = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><plist><string>\u0000</string></plist>".getBytes(StandardCharsets.UTF_8);
        bad[bad.length - 20] = (byte) 0xff;
        assertThatThrownBy(() -> PlistParser.parse(bad)).isInstanceOf(PlistFormatException.class)
                .hasMessageStartingWith("not well-formed XML");
    }
}
