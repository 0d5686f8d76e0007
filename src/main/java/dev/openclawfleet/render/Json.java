package dev.openclawfleet.render;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;

/** JSON output shared by the json and sarif renderers: two-space indent, LF, keys in insertion order. */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));

    private Json() {
    }

    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** What writes one document with a generator set up as {@link #pretty(Object)} writes. */
    @FunctionalInterface
    public interface Body {
        void write(JsonGenerator generator) throws IOException;
    }

    /**
     * The same text {@link #pretty(Object)} gives for the document {@code body} writes, handed to
     * {@code sink} a piece at a time: no tree of nodes and no one large string for 10,000 findings.
     */
    public static void stream(Body body, Consumer<String> sink) {
        try (ChunkedWriter out = new ChunkedWriter(sink)) {
            try (JsonGenerator generator = MAPPER.writer(PRETTY).createGenerator(out)) {
                body.write(generator);
            }
            out.write("\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON", e);
        }
    }

    /** {@link #stream(Body, Consumer)} into one string. */
    public static String pretty(Body body) {
        StringBuilder all = new StringBuilder();
        stream(body, all::append);
        return all.toString();
    }

    public static String pretty(Object node) {
        try {
            return MAPPER.writer(PRETTY).writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
