package dev.openclawfleet.render;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * The public JSON of one kind of object: an explicit list of fields in a fixed order, each with
 * one JSON type, read from a value of type {@code T}. Nothing else reaches the output, so an
 * internal field never leaks, and the schema is visible in one place (docs/json-output.md lists
 * each one, and a test holds the two together).
 *
 * @param name   how docs/json-output.md names it (its section is headed `### name`)
 * @param fields the keys, in output order
 */
public record JsonSchema<T>(String name, List<Field<T>> fields) {

    /** The JSON types a field can have. */
    public enum Type { STRING, INTEGER, BOOLEAN, STRINGS, OBJECT, OBJECTS }

    /**
     * One key: its type, whether it may be null, or absent ({@code optional}: only the audit's
     * {@code live}), the nested schema of an object or array of objects, and how to read it.
     */
    public record Field<T>(String name, Type type, boolean nullable, boolean optional, JsonSchema<?> nested,
                           Function<? super T, ?> value) {

        /** How docs/json-output.md writes this field's type, e.g. "integer or null", "array of `finding` objects". */
        public String docType() {
            String base = switch (type) {
                case STRING -> "string";
                case INTEGER -> "integer";
                case BOOLEAN -> "boolean";
                case STRINGS -> "array of strings";
                case OBJECT -> "`" + nested.name() + "` object";
                case OBJECTS -> "array of `" + nested.name() + "` objects";
            };
            return base + (nullable ? " or null" : "") + (optional ? ", optional" : "");
        }
    }

    public JsonSchema {
        fields = List.copyOf(fields);
    }

    public static <T> Builder<T> of(String name) {
        return new Builder<>(name);
    }

    /** The JSON object of {@code value}: every field in order; a value of the wrong type is a bug and fails loudly. */
    public ObjectNode write(T value) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        for (Field<T> field : fields) {
            Object v = field.value().apply(value);
            if (v == null && field.optional()) {
                continue;
            }
            if (v == null) {
                if (!field.nullable()) {
                    throw new IllegalStateException(name + "." + field.name() + " must not be null");
                }
                node.putNull(field.name());
                continue;
            }
            node.set(field.name(), node(field, v));
        }
        return node;
    }

    /**
     * The same object as {@link #write(Object)}, streamed to {@code g} as a field's value or an
     * array item: the same fields, order, types and checks, without building nodes.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void stream(JsonGenerator g, T value) throws IOException {
        g.writeStartObject();
        for (Field<T> field : fields) {
            Object v = field.value().apply(value);
            if (v == null && field.optional()) {
                continue;
            }
            if (v == null) {
                if (!field.nullable()) {
                    throw new IllegalStateException(name + "." + field.name() + " must not be null");
                }
                g.writeNullField(field.name());
                continue;
            }
            g.writeFieldName(field.name());
            switch (field.type()) {
                case STRING -> {
                    if (!(v instanceof String s)) {
                        throw wrongType(field, v);
                    }
                    g.writeString(s);
                }
                case INTEGER -> {
                    if (!(v instanceof Integer || v instanceof Long || v instanceof Short)) {
                        throw wrongType(field, v);
                    }
                    g.writeNumber(((Number) v).longValue());
                }
                case BOOLEAN -> {
                    if (!(v instanceof Boolean b)) {
                        throw wrongType(field, v);
                    }
                    g.writeBoolean(b);
                }
                case STRINGS -> {
                    if (!(v instanceof Collection<?> c)) {
                        throw wrongType(field, v);
                    }
                    g.writeStartArray();
                    for (Object s : c) {
                        g.writeString((String) s);
                    }
                    g.writeEndArray();
                }
                case OBJECT -> ((JsonSchema) field.nested()).stream(g, v);
                case OBJECTS -> {
                    if (!(v instanceof Collection<?> c)) {
                        throw wrongType(field, v);
                    }
                    g.writeStartArray();
                    for (Object item : c) {
                        ((JsonSchema) field.nested()).stream(g, item);
                    }
                    g.writeEndArray();
                }
            }
        }
        g.writeEndObject();
    }

    private IllegalStateException wrongType(Field<T> field, Object v) {
        return new IllegalStateException(name + "." + field.name() + " is a " + field.type() + " field but got a " + v.getClass().getSimpleName());
    }

    /** A JSON array of {@code values}, each written with this schema. */
    public ArrayNode writeAll(Collection<? extends T> values) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (T v : values) {
            array.add(write(v));
        }
        return array;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private JsonNode node(Field<T> field, Object v) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        switch (field.type()) {
            case STRING:
                if (v instanceof String s) {
                    return f.textNode(s);
                }
                break;
            case INTEGER:
                if (v instanceof Integer || v instanceof Long || v instanceof Short) {
                    return f.numberNode(((Number) v).longValue());
                }
                break;
            case BOOLEAN:
                if (v instanceof Boolean b) {
                    return f.booleanNode(b);
                }
                break;
            case STRINGS:
                if (v instanceof Collection<?> c) {
                    ArrayNode array = f.arrayNode();
                    for (Object s : c) {
                        array.add((String) s);
                    }
                    return array;
                }
                break;
            case OBJECT:
                return ((JsonSchema) field.nested()).write(v);
            case OBJECTS:
                if (v instanceof Collection<?> c) {
                    return ((JsonSchema) field.nested()).writeAll(c);
                }
                break;
        }
        throw wrongType(field, v);
    }

    /** Adds fields in output order. */
    public static final class Builder<T> {
        private final String name;
        private final List<Field<T>> fields = new ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        private Builder<T> add(String key, Type type, boolean nullable, boolean optional, JsonSchema<?> nested, Function<? super T, ?> value) {
            fields.add(new Field<>(key, type, nullable, optional, nested, value));
            return this;
        }

        public Builder<T> string(String key, Function<? super T, String> value) {
            return add(key, Type.STRING, false, false, null, value);
        }

        public Builder<T> stringOrNull(String key, Function<? super T, String> value) {
            return add(key, Type.STRING, true, false, null, value);
        }

        public Builder<T> integer(String key, Function<? super T, ? extends Number> value) {
            return add(key, Type.INTEGER, false, false, null, value);
        }

        public Builder<T> integerOrNull(String key, Function<? super T, ? extends Number> value) {
            return add(key, Type.INTEGER, true, false, null, value);
        }

        public Builder<T> bool(String key, Function<? super T, Boolean> value) {
            return add(key, Type.BOOLEAN, false, false, null, value);
        }

        public Builder<T> boolOrNull(String key, Function<? super T, Boolean> value) {
            return add(key, Type.BOOLEAN, true, false, null, value);
        }

        public Builder<T> strings(String key, Function<? super T, ? extends Collection<String>> value) {
            return add(key, Type.STRINGS, false, false, null, value);
        }

        public <N> Builder<T> object(String key, JsonSchema<N> schema, Function<? super T, ? extends N> value) {
            return add(key, Type.OBJECT, false, false, schema, value);
        }

        public <N> Builder<T> objectOrNull(String key, JsonSchema<N> schema, Function<? super T, ? extends N> value) {
            return add(key, Type.OBJECT, true, false, schema, value);
        }

        /** An object that is left out (not null) when there is none. */
        public <N> Builder<T> optionalObject(String key, JsonSchema<N> schema, Function<? super T, ? extends N> value) {
            return add(key, Type.OBJECT, false, true, schema, value);
        }

        public <N> Builder<T> objects(String key, JsonSchema<N> schema, Function<? super T, ? extends Collection<? extends N>> value) {
            return add(key, Type.OBJECTS, false, false, schema, value);
        }

        public JsonSchema<T> build() {
            return new JsonSchema<>(name, fields);
        }
    }
}
