package dev.openclawfleet.provision;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * `tail -n N` and `tail -F` for a gateway log: the last lines first, then new lines as they come,
 * starting over when the file is truncated or replaced (log rotation), and waiting while it is missing.
 */
public final class LogFollower {
    static final long POLL_MILLIS = 250;

    private final Path file;
    private final Consumer<String> sink;
    private long offset;
    private Object identity;

    public LogFollower(Path file, Consumer<String> sink) {
        this.file = file;
        this.sink = sink;
    }

    /** Prints the last {@code count} lines and remembers where the file ended. */
    public void printLast(int count) {
        if (!Files.isRegularFile(file)) {
            offset = 0;
            return;
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            Deque<String> last = new ArrayDeque<>();
            long start = Math.max(0, length - 4L * 1024 * 1024); // never read more than 4 MiB back
            raf.seek(start);
            byte[] bytes = new byte[(int) (length - start)];
            raf.readFully(bytes);
            String text = new String(bytes, StandardCharsets.UTF_8);
            text.lines().skip(start > 0 ? 1 : 0).forEach(line -> {
                last.addLast(line);
                if (last.size() > count) {
                    last.removeFirst();
                }
            });
            last.forEach(sink);
            offset = length;
            identity = key();
        } catch (IOException e) {
            offset = 0;
        }
    }

    /** Polls for new complete lines until the thread is interrupted. */
    public void follow() throws InterruptedException {
        StringBuilder partial = new StringBuilder();
        while (!Thread.currentThread().isInterrupted()) {
            poll(partial);
            Thread.sleep(POLL_MILLIS);
        }
    }

    void poll(StringBuilder partial) {
        try {
            Object now = key();
            long length = Files.size(file);
            if (!now.equals(identity) || length < offset) {
                offset = 0; // rotated or truncated: read the new file from its start
                identity = now;
            }
            if (length == offset) {
                return;
            }
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
                raf.seek(offset);
                byte[] bytes = new byte[(int) Math.min(length - offset, 1 << 20)];
                raf.readFully(bytes);
                offset += bytes.length;
                partial.append(new String(bytes, StandardCharsets.UTF_8));
            }
            int newline;
            while ((newline = partial.indexOf("\n")) >= 0) {
                sink.accept(partial.substring(0, newline));
                partial.delete(0, newline + 1);
            }
        } catch (NoSuchFileException e) {
            identity = null; // waiting for the gateway to create it again
        } catch (IOException e) {
            // transient (rotation in progress): try again at the next poll
        }
    }

    private Object key() throws IOException {
        Object key = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        return key == null ? "" : key;
    }
}
