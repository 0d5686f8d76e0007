package dev.openclawfleet.system;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

/** Hand-made tar.gz bytes, header by header, for archives no well-behaved writer produces. */
public final class TarBytes {
    private final ByteArrayOutputStream tar = new ByteArrayOutputStream();

    /** A header block; {@code size} is what the header claims, whatever data follows. */
    public TarBytes header(String name, char type, long size, int mode) {
        byte[] h = new byte[512];
        put(h, 0, name, 100);
        put(h, 100, String.format("%07o\0", mode), 8);
        put(h, 108, "0000000\0", 8);
        put(h, 116, "0000000\0", 8);
        put(h, 124, String.format("%011o\0", size), 12);
        put(h, 136, "00000000000\0", 12);
        h[156] = (byte) type;
        put(h, 257, "ustar\0", 6);
        put(h, 263, "00", 2);
        Arrays.fill(h, 148, 156, (byte) ' ');
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        put(h, 148, String.format("%06o\0 ", sum), 8);
        tar.writeBytes(h);
        return this;
    }

    /** Data padded to the next 512-byte boundary. */
    public TarBytes data(byte[] data) {
        tar.writeBytes(data);
        tar.writeBytes(new byte[(512 - data.length % 512) % 512]);
        return this;
    }

    public TarBytes file(String name, String content, int mode) {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        return header(name, '0', data.length, mode).data(data);
    }

    public TarBytes dir(String name, int mode) {
        return header(name.endsWith("/") ? name : name + "/", '5', 0, mode);
    }

    /** A PAX extended header block with one record. */
    public TarBytes pax(String key, String value) {
        int body = (" " + key + "=" + value + "\n").getBytes(StandardCharsets.UTF_8).length;
        int length = body + 1;
        while (Integer.toString(length).length() + body != length) {
            length++;
        }
        byte[] data = (length + " " + key + "=" + value + "\n").getBytes(StandardCharsets.UTF_8);
        return header("PaxHeader", 'x', data.length, 0644).data(data);
    }

    public TarBytes raw(byte[] bytes) {
        tar.writeBytes(bytes);
        return this;
    }

    public byte[] gzip() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(tar.toByteArray());
            gz.write(new byte[1024]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public Path writeTo(Path file) {
        try {
            return Files.write(file, gzip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void put(byte[] h, int at, String s, int max) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(b, 0, h, at, Math.min(b.length, max));
    }
}
