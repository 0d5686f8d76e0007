package dev.openclawfleet.system;

import dev.openclawfleet.model.Redaction;
import dev.openclawfleet.model.Secret;
import dev.openclawfleet.model.Text;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The last lines of a gateway log, redacted (known tokens, token flags, long hex runs) and made
 * printable, read from the end of the file only.
 */
public final class LogTail {
    public static final int MAX_BYTES = 64 * 1024;

    private LogTail() {
    }

    public static Optional<List<String>> lastLines(Path log, int count) {
        return lastLines(log, count, List.of());
    }

    /** The last {@code count} non-empty lines; empty when the file is missing, unreadable or blank. */
    public static Optional<List<String>> lastLines(Path log, int count, Collection<Secret> secrets) {
        return lastLines(log, count, secrets, 0);
    }

    /**
     * The last {@code count} non-empty lines among those that start at or after byte {@code from}
     * (lines appended since a size was recorded); empty when there are none.
     */
    public static Optional<List<String>> lastLines(Path log, int count, Collection<Secret> secrets, long from) {
        if (!Files.isRegularFile(log)) {
            return Optional.empty();
        }
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long length = file.length();
            long start = Math.max(Math.max(0, from), length - MAX_BYTES);
            int size = (int) (length - start);
            if (size <= 0) {
                return Optional.empty();
            }
            byte[] tail = new byte[size];
            file.seek(start);
            file.readFully(tail);
            List<String> lines = new String(tail, StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
            if (start > Math.max(0, from) && !lines.isEmpty()) {
                lines = lines.subList(1, lines.size()); // the first line was cut in the middle
            }
            List<String> last = lines.subList(Math.max(0, lines.size() - count), lines.size()).stream()
                    .map(l -> Text.printable(Redaction.redact(l, secrets), 1000)).toList();
            return last.isEmpty() ? Optional.empty() : Optional.of(last);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The same from the last bytes of a log of {@code size} bytes (as a host reader read them, up to
     * {@link #MAX_BYTES}): the last {@code count} non-empty lines among those that start at or after
     * byte {@code from}.
     */
    public static Optional<List<String>> lastLines(byte[] tail, long size, int count, Collection<Secret> secrets, long from) {
        long tailStart = size - tail.length;
        long start = Math.max(Math.max(0, from), Math.max(tailStart, size - MAX_BYTES));
        if (size - start <= 0 || start < tailStart) {
            return Optional.empty();
        }
        byte[] bytes = java.util.Arrays.copyOfRange(tail, (int) (start - tailStart), tail.length);
        List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        if (start > Math.max(0, from) && !lines.isEmpty()) {
            lines = lines.subList(1, lines.size()); // the first line was cut in the middle
        }
        List<String> last = lines.subList(Math.max(0, lines.size() - count), lines.size()).stream()
                .map(l -> Text.printable(Redaction.redact(l, secrets), 1000)).toList();
        return last.isEmpty() ? Optional.empty() : Optional.of(last);
    }
}
