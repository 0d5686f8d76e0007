package dev.openclawfleet.render;

import java.io.Writer;
import java.util.function.Consumer;

/** A writer that hands its text to a sink a good piece at a time, so that a large output is never one string. */
final class ChunkedWriter extends Writer {
    static final int CHUNK = 1 << 16;

    private final Consumer<String> sink;
    private final StringBuilder buffer = new StringBuilder(CHUNK + 1024);

    /** Hands {@code out} to {@code sink} and empties it, once it holds a good piece of text (for renderers that build text themselves). */
    static void flushLarge(StringBuilder out, Consumer<String> sink) {
        if (out.length() >= CHUNK) {
            sink.accept(out.toString());
            out.setLength(0);
        }
    }

    ChunkedWriter(Consumer<String> sink) {
        this.sink = sink;
    }

    @Override
    public void write(char[] chars, int offset, int length) {
        buffer.append(chars, offset, length);
        if (buffer.length() >= CHUNK) {
            handOver();
        }
    }

    @Override
    public void write(String text, int offset, int length) {
        buffer.append(text, offset, offset + length);
        if (buffer.length() >= CHUNK) {
            handOver();
        }
    }

    /** Nothing: a JSON generator flushes after every tree it writes, and each flush would be a tiny piece. */
    @Override
    public void flush() {
    }

    private void handOver() {
        if (!buffer.isEmpty()) {
            sink.accept(buffer.toString());
            buffer.setLength(0);
        }
    }

    @Override
    public void close() {
        handOver();
    }
}
