package dev.openclawfleet.state;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Editing one key of a JSON5 config keeps its comments and layout; what cannot be kept is said. */
class Json5EditTest {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final String CONFIG = """
            // luca's gateway
            {
              gateway: {
                mode: 'remote', // was copied from the laptop
                port: 0x4965,
                auth: { mode: "token" },
              },
              /* models */
              agents: {"defaults": {"model": "x"}}
            }
            """;

    @Test
    void replacingAValueKeepsEverythingElse() throws Exception {
        Json5Edit.Result r = Json5Edit.set(CONFIG, List.of("gateway", "mode"), F.textNode("local"));
        assertThat(r.commentsKept()).isTrue();
        assertThat(r.changed()).isTrue();
        assertThat(r.text()).isEqualTo(CONFIG.replace("mode: 'remote'", "mode: \"local\""));
        assertThat(Json5Edit.set(r.text(), List.of("gateway", "mode"), F.textNode("local")).changed()).isFalse();
    }

    @Test
    void addingKeysFollowsTheLayoutOfTheObject() throws Exception {
        String withToken = Json5Edit.set(CONFIG, List.of("gateway", "auth", "token"), F.textNode("abc")).text();
        assertThat(withToken).contains("auth: { mode: \"token\", \"token\": \"abc\" },");
        String withBind = Json5Edit.set(CONFIG, List.of("gateway", "bind"), F.textNode("loopback")).text();
        assertThat(withBind).contains("    auth: { mode: \"token\" },\n    \"bind\": \"loopback\",\n  },");
        String nested = Json5Edit.set(CONFIG, List.of("env", "vars", "OPENAI_API_KEY"), F.textNode("k")).text();
        assertThat(nested).contains("agents: {\"defaults\": {\"model\": \"x\"}},\n  \"env\": {\n    \"vars\": {\n      \"OPENAI_API_KEY\": \"k\"\n    }\n  }\n}");
        assertThat(nested).startsWith("// luca's gateway\n").contains("/* models */").contains("// was copied from the laptop");
        String port = Json5Edit.set(CONFIG, List.of("gateway", "port"), F.numberNode(18809)).text();
        assertThat(port).contains("port: 18809,");
    }

    @Test
    void intoAnEmptyObjectAndAnEmptyFile() throws Exception {
        assertThat(Json5Edit.set("{}\n", List.of("gateway", "mode"), F.textNode("local")).text())
                .isEqualTo("{\n  \"gateway\": {\n    \"mode\": \"local\"\n  }\n}\n");
    }

    @Test
    void unsettingRemovesTheLineAndItsComma() throws Exception {
        String text = """
                {
                  // the port
                  "port": 18789,
                  "bind": "lan"
                }
                """;
        assertThat(Json5Edit.unset(text, List.of("bind")).text()).isEqualTo("{\n  // the port\n  \"port\": 18789\n}\n");
        assertThat(Json5Edit.unset(text, List.of("port")).text()).isEqualTo("{\n  // the port\n  \"bind\": \"lan\"\n}\n");
        assertThat(Json5Edit.unset(text, List.of("nope")).changed()).isFalse();
        assertThat(Json5Edit.unset("{\"a\": 1}", List.of("a")).text()).isEqualTo("{}");
    }

    @Test
    void whenTheTextCannotBeEditedTheFileIsRewrittenAndItSaysCommentsWereLost() throws Exception {
        String duplicate = "{ // twice\n  \"a\": 1,\n  \"a\": 2\n}";
        Json5Edit.Result r = Json5Edit.unset(duplicate, List.of("a"));
        assertThat(r.commentsKept()).isFalse();
        assertThat(r.text()).isEqualTo("{ }\n");
    }

    @Test
    void aParentThatIsNotAnObjectIsRefused() {
        assertThatThrownBy(() -> Json5Edit.set("{\"gateway\": \"x\"}", List.of("gateway", "port"), F.numberNode(1)))
                .isInstanceOf(Json5Edit.Refused.class).hasMessage("gateway is a string, not an object, so it has no key port");
        assertThatThrownBy(() -> Json5Edit.set("{\"gateway\": ", List.of("a"), F.numberNode(1)))
                .isInstanceOf(Json5Edit.Refused.class).hasMessageContaining("not valid JSON5");
    }
}
