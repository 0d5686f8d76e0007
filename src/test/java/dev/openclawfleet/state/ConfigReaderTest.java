package dev.openclawfleet.state;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openclawfleet.model.ConfigState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** openclaw.json read as JSON5, as OpenClaw reads it; errors name a line and column and never quote the file. */
class ConfigReaderTest {
    @TempDir
    Path tmp;

    private static JsonNode parse(String text) throws Exception {
        return ConfigReader.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aLoneDecimalPointIsASyntaxErrorNotACrash() {
        // Jackson's lenient decimal points take "." for a number and fail only when converting it: that stopped the audit.
        for (String text : List.of("{\"gateway\": {\"port\": 1, \"x\": [.]}}", "{a: -.}", "{a: .}")) {
            assertThatThrownBy(() -> parse(text)).as(text).isInstanceOf(ConfigReader.ConfigSyntaxException.class)
                    .hasMessageStartingWith("not valid JSON5").hasMessageNotContaining("\".\"");
        }
    }

    @Test
    void hexSignedAndSpecialNumbersReadAsJson5() throws Exception {
        JsonNode json = parse("{ gateway: { port: 0x4E5D, neg: -0x10, plus: +1, half: .5, whole: 5., big: +Infinity,"
                + " small: -Infinity, nan: NaN, snan: -NaN } }");
        JsonNode g = json.path("gateway");
        assertThat(g.path("port").intValue()).isEqualTo(20061);
        assertThat(ConfigReader.extract(json).port()).isEqualTo(20061);
        assertThat(g.path("neg").intValue()).isEqualTo(-16);
        assertThat(g.path("plus").intValue()).isEqualTo(1);
        assertThat(g.path("half").doubleValue()).isEqualTo(0.5);
        assertThat(g.path("whole").doubleValue()).isEqualTo(5.0);
        assertThat(g.path("big").doubleValue()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(g.path("small").doubleValue()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(g.path("nan").doubleValue()).isNaN();
        assertThat(g.path("snan").doubleValue()).isNaN();
    }

    @Test
    void json5StringsAndWhiteSpace() throws Exception {
        JsonNode json = parse("\uFEFF{\u00a0// comment\n  'single': 'it\\'s',\n  multi: 'one \\\n two',\n  esc: '\\x41\\v\\0',"
                + " /* block */ key0x1: 'x', trailing: [1, 2,],\u2028}");
        assertThat(json.path("single").asText()).isEqualTo("it's");
        assertThat(json.path("multi").asText()).isEqualTo("one  two");
        assertThat(json.path("esc").asText()).isEqualTo("A\u000b\u0000");
        assertThat(json.path("key0x1").asText()).isEqualTo("x");
        assertThat(json.path("trailing")).hasSize(2);
    }

    @Test
    void errorsNameTheOriginalLineAndColumnAndNeverTheText() {
        // The hex literal on line 1 shortens the rewritten text; the error must still point at line 3 of the original.
        assertThatThrownBy(() -> parse("{ a: 0xFFFFFFFF,\n b: 'x\\x41',\n c: sekrit-token-value }"))
                .hasMessageStartingWith("not valid JSON5 at line 3, column").hasMessageNotContaining("sekrit");
    }

    @Test
    void nestedTooDeeplyNamesTheLine() {
        String deep = "{\n\"a\":\n" + "[".repeat(500) + "]".repeat(500) + "}";
        assertThatThrownBy(() -> parse(deep)).hasMessage("not valid JSON5: nested too deeply (more than 128 levels) at line 3, column 128");
        assertThatThrownBy(() -> parse("{ port: 0x" + "f".repeat(100) + " }")).hasMessageContaining("hexadecimal number longer than");
    }

    @Test
    void notUtf8IsSaidPlainly() {
        assertThatThrownBy(() -> ConfigReader.parse(new byte[]{'{', (byte) 0xff, '}'})).hasMessage("not valid JSON5: it is not UTF-8 text");
    }

    @Test
    void aFolderThatCannotBeEnteredIsPermissionDeniedNotMissing() throws Exception {
        // Root enters every folder; this runs the check through an unreadable path only when not root.
        Path state = Files.createDirectories(tmp.resolve(".openclaw-luca"));
        Path config = Files.writeString(state.resolve("openclaw.json"), "{}");
        assertThat(ConfigReader.read(config, 0)).isInstanceOf(ConfigState.Loaded.class);
        assertThat(ConfigReader.read(state.resolve("nothing.json"), 0)).isInstanceOf(ConfigState.Missing.class);
    }
}
