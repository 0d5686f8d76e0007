package dev.openclawfleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openclawfleet.render.JsonSchema;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks a command's JSON output against its schema: the same keys in the same order, each of its type, recursively. */
final class JsonSchemas {
    private JsonSchemas() {
    }

    /** Parses {@code json} and checks it against the schema called {@code name}. */
    static JsonNode check(String json, String name) {
        JsonNode node;
        try {
            node = new ObjectMapper().readTree(json);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + json, e);
        }
        check(node, schema(name), name);
        return node;
    }

    static JsonSchema<?> schema(String name) {
        return CommandJson.all().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no schema " + name));
    }

    static void check(JsonNode node, JsonSchema<?> schema, String where) {
        assertThat(node.isObject()).as(where + " is an object").isTrue();
        List<String> keys = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            keys.add(it.next());
        }
        List<String> expected = new ArrayList<>();
        for (JsonSchema.Field<?> field : schema.fields()) {
            if (!field.optional() || node.has(field.name())) {
                expected.add(field.name());
            }
        }
        assertThat(keys).as(where + " keys").containsExactlyElementsOf(expected);
        for (JsonSchema.Field<?> field : schema.fields()) {
            JsonNode value = node.get(field.name());
            if (value == null) {
                continue;
            }
            String at = where + "." + field.name();
            if (value.isNull()) {
                assertThat(field.nullable()).as(at + " may be null").isTrue();
                continue;
            }
            switch (field.type()) {
                case STRING -> assertThat(value.isTextual()).as(at + " is a string").isTrue();
                case INTEGER -> assertThat(value.isIntegralNumber()).as(at + " is an integer").isTrue();
                case BOOLEAN -> assertThat(value.isBoolean()).as(at + " is a boolean").isTrue();
                case STRINGS -> {
                    assertThat(value.isArray()).as(at + " is an array").isTrue();
                    value.forEach(v -> assertThat(v.isTextual()).as(at + "[] is a string").isTrue());
                }
                case OBJECT -> check(value, field.nested(), at);
                case OBJECTS -> {
                    assertThat(value.isArray()).as(at + " is an array").isTrue();
                    value.forEach(v -> check(v, field.nested(), at + "[]"));
                }
            }
        }
    }
}
