package dev.openclawfleet.plist;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The DOCTYPE short cut: a plain external DOCTYPE becomes blanks (lines kept), anything else is Xerces's to judge. */
class SafeXmlTest {
    private static final String PLIST = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n"
            + "<plist version=\"1.0\">\n<dict>\n  <key>Label</key>\n  <string>ai.openclaw.x</string>\n</dict>\n</plist>\n";

    private static String blanked(String xml) {
        return new String(SafeXml.withoutExternalDoctype(xml.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    @Test
    void aPlainExternalDoctypeBecomesBlanksOnTheSameLines() {
        String out = blanked(PLIST);
        assertThat(out).doesNotContain("DOCTYPE").hasSameSizeAs(PLIST);
        assertThat(out.lines().toList()).hasSameSizeAs(PLIST.lines().toList());
        assertThat(out.lines().skip(2)).containsExactlyElementsOf(PLIST.lines().skip(2).toList());
    }

    @Test
    void internalSubsetsAndOddFormsAreLeftAlone() {
        String subset = "<?xml version=\"1.0\"?>\n<!DOCTYPE plist [<!ENTITY a \"x\">]>\n<plist><string>&a;</string></plist>\n";
        assertThat(blanked(subset)).isEqualTo(subset);
        String quoted = "<!DOCTYPE plist SYSTEM \"a>[b\">\n<plist/>";
        assertThat(blanked(quoted)).startsWith(" ".repeat(10)).endsWith("\n<plist/>");
        String unterminated = "<!DOCTYPE plist PUBLIC \"x\"";
        assertThat(blanked(unterminated)).isEqualTo(unterminated);
    }

    @Test
    void aLineNumberInAnErrorIsTheLineOfTheFile() {
        String broken = PLIST.replace("</dict>", "</dikt>");
        assertThatThrownBy(() -> PlistParser.parse(broken.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(PlistFormatException.class).hasMessageContaining("line 7");
    }

    @Test
    void anEntityDeclaredInAnInternalSubsetIsStillRefused() {
        String subset = "<?xml version=\"1.0\"?>\n<!DOCTYPE plist [<!ENTITY a \"x\">]>\n<plist><string>&a;</string></plist>\n";
        assertThatThrownBy(() -> PlistParser.parse(subset.getBytes(StandardCharsets.UTF_8))).isInstanceOf(PlistFormatException.class);
    }
}
