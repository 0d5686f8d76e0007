package dev.openclawfleet.launchd;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/** DisabledParser for both the current and the older {@code launchctl print-disabled} formats. */
class DisabledParserTest {

    @Test
    void currentFormat() {
        String text = "disabled services = {\n\t\"com.x\" => disabled\n\t\"ai.openclaw.work\" => enabled\n}\n";

        assertThat(DisabledParser.parse(text))
                .containsExactly(entry("com.x", true), entry("ai.openclaw.work", false));
    }

    @Test
    void olderTrueFalseFormatWithCrlf() {
        String text = "disabled services = {\r\n\t\"com.apple.ftpd\" => true\r\n\t\"com.y\" => false\r\n}\r\n";

        assertThat(DisabledParser.parse(text))
                .containsExactly(entry("com.apple.ftpd", true), entry("com.y", false));
    }

    @Test
    void otherBlocksUnknownValuesAndJunkAreSkipped() {
        String text = """
                disabled services = {
                \t"com.a" => disabled
                \t"com.b" => maybe
                \tnot an entry
                }

                login item associations = {
                \t"com.c" => disabled
                }
                """;

        assertThat(DisabledParser.parse(text)).containsExactly(entry("com.a", true));
    }

    @Test
    void headerlessFragmentAndUnquotedLabels() {
        assertThat(DisabledParser.parse("\"com.a\" => enabled\ncom.b => disabled\n"))
                .containsExactly(entry("com.a", false), entry("com.b", true));
    }

    @Test
    void emptyInputsAndImmutability() {
        assertThat(DisabledParser.parse("")).isEmpty();
        assertThat(DisabledParser.parse(null)).isEmpty();
        assertThat(DisabledParser.parse("disabled services = {\n}\n")).isEmpty();
        Map<String, Boolean> map = DisabledParser.parse("disabled services = {\n\t\"com.a\" => disabled\n}\n");
        assertThatThrownBy(() -> map.put("x", true)).isInstanceOf(UnsupportedOperationException.class);
    }
}
