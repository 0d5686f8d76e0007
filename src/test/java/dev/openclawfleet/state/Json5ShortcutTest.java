package dev.openclawfleet.state;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A config that needs no JSON5 rewrite is parsed without decoding and converting it: the tree, or
 * the error and where it is, must be exactly what the full path gives, for any text.
 */
class Json5ShortcutTest {
    /** Characters that matter to the rewrite or to Jackson, and some that do not. */
    private static final String ALPHABET = "{}[]:,\"'/*\\\n\r\t 0123456789xXNaInfity+-.eEabcgpotrkn$_\u000b\f\u00a0\u00e9\u2028\ufeff";

    @Test
    void aTextTheShortcutTakesIsOneTheRewriteLeavesAsItIs() throws Exception {
        Random random = new Random(12);
        int taken = 0;
        for (String text : texts(random)) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            if (!Json5.needsNoRewrite(bytes)) {
                continue;
            }
            taken++;
            Json5.Converted converted = Json5.convert(text);
            assertThat(converted.text()).as(text).isEqualTo(text);
            assertThat(converted.anchors()).as(text).isZero();
        }
        assertThat(taken).isGreaterThan(500);
    }

    @Test
    void theShortcutGivesTheTreeOrTheErrorOfTheFullPath() {
        Random random = new Random(34);
        int trees = 0;
        for (String text : texts(random)) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            String full = outcome(bytes, false);
            assertThat(outcome(bytes, true)).as(text).isEqualTo(full);
            trees += full.startsWith("tree ") ? 1 : 0;
        }
        assertThat(trees).isGreaterThan(100);
    }

    @Test
    void whatTheShortcutLeavesToTheRewrite() {
        for (String text : List.of("{a: 0x10}", "{a: 0X10}", "{a: -NaN}", "{\"a\": \"\\x41\"}", "{\"a\": \"caf\u00e9\"}", "\ufeff{}",
                "{\u000b}", "{\f}", "[".repeat(Json5.MAX_DEPTH + 1))) {
            assertThat(Json5.needsNoRewrite(text.getBytes(StandardCharsets.UTF_8))).as(text).isFalse();
        }
        for (String text : List.of("{\"gateway\": {\"port\": 18789, \"auth\": {\"token\": \"0a1b\"}}}", "// c\n{a: 'x', b: [1, 2,],}",
                "{a: -1, b: +2, c: .5, d: Infinity, e: 0}", "[".repeat(Json5.MAX_DEPTH))) {
            assertThat(Json5.needsNoRewrite(text.getBytes(StandardCharsets.UTF_8))).as(text).isTrue();
        }
    }

    private static String outcome(byte[] bytes, boolean shortcut) {
        try {
            JsonNode tree = ConfigReader.parse(bytes, shortcut);
            return "tree " + tree + " " + (tree == null ? "" : tree.getNodeType());
        } catch (ConfigReader.ConfigSyntaxException e) {
            return "error " + e.getMessage();
        }
    }

    /** Real configs, their JSON5 variants, and random texts built of the characters that matter. */
    private static List<String> texts(Random random) {
        List<String> out = new ArrayList<>();
        String[] seeds = {
                "{\n  \"gateway\": {\n    \"mode\": \"local\",\n    \"port\": 18793,\n    \"bind\": \"loopback\",\n    \"auth\": {\"mode\": \"token\", \"token\": \"27b1\"}\n  }\n}\n",
                "// json5\n{gateway: {mode: 'local', port: 18789, auth: {token: 'abc',},}, agents: {defaults: {workspace: '~/w'}}}\n",
                "{\"gateway\": {\"port\": 1, \"auth\": {\"token\": \"${OPENCLAW_GATEWAY_TOKEN}\"}}, \"env\": {\"vars\": {\"X\": \"y\"}}}",
                "/* block */ {a: +1, b: -2, c: .5, d: 5., e: Infinity, f: -Infinity, g: [1, 2, 3,], 'h': \"i\"}",
        };
        for (String seed : seeds) {
            out.add(seed);
            for (int k = 0; k < 400; k++) {
                StringBuilder b = new StringBuilder(seed);
                int edits = 1 + random.nextInt(3);
                for (int e = 0; e < edits; e++) {
                    int at = random.nextInt(b.length() + 1);
                    switch (random.nextInt(3)) {
                        case 0 -> b.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                        case 1 -> {
                            if (at < b.length()) {
                                b.deleteCharAt(at);
                            }
                        }
                        default -> {
                            if (at < b.length()) {
                                b.setCharAt(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                            }
                        }
                    }
                }
                out.add(b.toString());
            }
        }
        for (int k = 0; k < 1500; k++) {
            StringBuilder b = new StringBuilder();
            int length = random.nextInt(40);
            for (int i = 0; i < length; i++) {
                b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            out.add(b.toString());
        }
        return out;
    }
}
