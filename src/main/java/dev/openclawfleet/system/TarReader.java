package dev.openclawfleet.system;

import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A strict, bounded reader of the tar.gz archives fleet writes. Written by hand because Commons
 * Compress reads a PAX extended header or a GNU long name whole into memory, whatever size its
 * header claims (a 600 MB header in a 2.7 MB file): here every header is capped before a byte of
 * it is read, checksums are checked, and only regular files and folders are accepted. Extended
 * headers are understood as far as fleet's own archives (and GNU or POSIX tar's) need: a long
 * path and a large size.
 */
public final class TarReader implements AutoCloseable {
    /** A PAX extended header or GNU long name larger than this is refused before it is read. */
    public static final int MAX_HEADER_BYTES = 64 * 1024;
    /** Longest entry name accepted; macOS paths end at 1,024 bytes. */
    public static final int MAX_NAME_BYTES = 4096;

    private static final int BLOCK = 512;

    /** What a caller sees of one entry: a regular file (with its size) or a folder. */
    public record Entry(String name, boolean directory, long size, int mode) {
    }

    /** The archive is not a well-formed tar.gz, or breaks a limit; the message is one plain clause. */
    public static final class BadArchive extends IOException {
        public BadArchive(String message) {
            super(message, null);
        }
    }

    private final CountingStream compressed;
    private final InputStream tar;
    private final byte[] block = new byte[BLOCK];
    private long remaining;
    private long padding;
    private int entries;

    private TarReader(CountingStream compressed, InputStream tar) {
        this.compressed = compressed;
        this.tar = tar;
    }

    /** Opens {@code archive}; it must be a regular file (not a FIFO or device) and gzip-compressed. */
    public static TarReader open(Path archive) throws IOException {
        try {
            SafeFiles.requireRegular(archive);
        } catch (FileReadException e) {
            throw new BadArchive(e.getMessage());
        }
        CountingStream counting = new CountingStream(new BufferedInputStream(Files.newInputStream(archive)));
        InputStream gzip;
        try {
            gzip = new GzipCompressorInputStream(counting);
        } catch (IOException e) {
            counting.close();
            throw new BadArchive("it is not a gzip-compressed tar archive");
        }
        return new TarReader(counting, new BufferedInputStream(new Decompressed(gzip)));
    }

    /** Bytes of the compressed file read so far, for expansion-ratio checks. */
    public long compressedBytesRead() {
        return compressed.count;
    }

    /** How many entries {@link #next()} has returned. */
    public int entriesRead() {
        return entries;
    }

    /** The next file or folder, or null at the end of the archive; whatever was left of the previous entry is skipped. */
    public Entry next() throws IOException {
        skipRest();
        String longName = null;
        Long paxSize = null;
        while (true) {
            if (!readBlock(true)) {
                return null; // end of stream without the two zero blocks: tolerated, as GNU tar does
            }
            if (allZero(block)) {
                return null;
            }
            checkChecksum();
            char type = (char) block[156];
            long size = number(124, 12, "size");
            String ustarName = name();
            switch (type) {
                case 'x', 'g' -> {
                    byte[] pax = readHeaderData(size, "a PAX extended header");
                    if (type == 'x') {
                        Pax parsed = Pax.parse(pax);
                        longName = parsed.path != null ? parsed.path : longName;
                        paxSize = parsed.size != null ? parsed.size : paxSize;
                    }
                }
                case 'L' -> longName = cString(readHeaderData(size, "a GNU long name"));
                case 'K' -> readHeaderData(size, "a GNU long link name");
                case '0', '\0', '7', '5' -> {
                    String name = longName != null ? longName : ustarName;
                    if (name.isEmpty()) {
                        throw new BadArchive("an entry has an empty name");
                    }
                    if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
                        throw new BadArchive("an entry name is longer than " + MAX_NAME_BYTES + " bytes");
                    }
                    boolean directory = type == '5' || (type != '7' && name.endsWith("/") && size == 0);
                    long length = directory ? 0 : paxSize != null ? paxSize : size;
                    if (length < 0) {
                        throw new BadArchive("entry '" + printable(name) + "' has a negative size");
                    }
                    int mode = (int) number(100, 8, "mode");
                    remaining = directory ? size : length; // a folder's data (never written by fleet) is skipped
                    padding = (BLOCK - (remaining % BLOCK)) % BLOCK;
                    entries++;
                    return new Entry(name, directory, length, mode & 07777);
                }
                case '1', '2' -> throw new BadArchive("entry '" + printable(longName != null ? longName : ustarName)
                        + "' is a link, which instance backups never contain");
                case '3', '4', '6' -> throw new BadArchive("entry '" + printable(longName != null ? longName : ustarName)
                        + "' is a device or FIFO, which instance backups never contain");
                default -> throw new BadArchive("entry '" + printable(longName != null ? longName : ustarName)
                        + "' has a type ('" + (Character.isLetterOrDigit(type) ? String.valueOf(type) : "?")
                        + "') that instance backups never contain");
            }
        }
    }

    /** The current entry's data; reads stop at its end. */
    public InputStream content() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (remaining <= 0) {
                    return -1;
                }
                int n = tar.read(b, off, (int) Math.min(len, remaining));
                if (n < 0) {
                    throw new BadArchive("it ends in the middle of an entry (truncated)");
                }
                remaining -= n;
                return n;
            }
        };
    }

    private void skipRest() throws IOException {
        long left = remaining + padding;
        remaining = 0;
        padding = 0;
        while (left > 0) {
            long n = tar.skip(left);
            if (n <= 0) {
                if (tar.read() < 0) {
                    throw new BadArchive("it ends in the middle of an entry (truncated)");
                }
                n = 1;
            }
            left -= n;
        }
    }

    private byte[] readHeaderData(long size, String what) throws IOException {
        if (size < 0 || size > MAX_HEADER_BYTES) {
            throw new BadArchive("it has " + what + " of " + size + " bytes, over the " + (MAX_HEADER_BYTES >> 10) + " KiB limit");
        }
        byte[] data = tar.readNBytes((int) size);
        if (data.length < size) {
            throw new BadArchive("it ends in the middle of an entry (truncated)");
        }
        long pad = (BLOCK - (size % BLOCK)) % BLOCK;
        if (tar.skip(pad) < pad && tar.readNBytes((int) pad).length < pad) {
            throw new BadArchive("it ends in the middle of an entry (truncated)");
        }
        return data;
    }

    private boolean readBlock(boolean atBoundary) throws IOException {
        int n = tar.readNBytes(block, 0, BLOCK);
        if (n == 0 && atBoundary) {
            return false;
        }
        if (n < BLOCK) {
            throw new BadArchive("it ends in the middle of a header (truncated)");
        }
        return true;
    }

    private String name() {
        String name = cString(block, 0, 100);
        boolean ustar = new String(block, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
        String prefix = ustar ? cString(block, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private void checkChecksum() throws IOException {
        long stored = number(148, 8, "checksum");
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += (i >= 148 && i < 156) ? ' ' : (block[i] & 0xff);
        }
        if (sum != stored) {
            throw new BadArchive("a header's checksum is wrong (not a tar archive, or a damaged one)");
        }
    }

    /** An octal field, or a base-256 one (first byte with the high bit set) as GNU tar writes for big values. */
    private long number(int offset, int length, String field) throws IOException {
        if ((block[offset] & 0x80) != 0) {
            if ((block[offset] & 0x40) != 0) {
                throw new BadArchive("a header has a negative " + field);
            }
            long value = block[offset] & 0x3f;
            for (int i = 1; i < length; i++) {
                if (value > (Long.MAX_VALUE >> 8)) {
                    throw new BadArchive("a header's " + field + " is too large");
                }
                value = (value << 8) | (block[offset + i] & 0xff);
            }
            return value;
        }
        long value = 0;
        int i = offset;
        int end = offset + length;
        while (i < end && (block[i] == ' ' || block[i] == 0)) {
            i++;
        }
        for (; i < end && block[i] != 0 && block[i] != ' '; i++) {
            int digit = block[i] - '0';
            if (digit < 0 || digit > 7) {
                throw new BadArchive("a header's " + field + " field is not a number (not a tar archive, or a damaged one)");
            }
            value = (value << 3) | digit;
        }
        return value;
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private static String cString(byte[] b, int offset, int length) {
        int end = offset;
        while (end < offset + length && b[end] != 0) {
            end++;
        }
        return new String(b, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static String cString(byte[] b) {
        return cString(b, 0, b.length);
    }

    static String printable(String name) {
        return dev.openclawfleet.model.Text.printable(name, 120);
    }

    @Override
    public void close() throws IOException {
        tar.close();
    }

    /** The PAX records fleet cares about: {@code path} and {@code size}. */
    private record Pax(String path, Long size) {
        static Pax parse(byte[] data) throws IOException {
            String path = null;
            Long size = null;
            int i = 0;
            while (i < data.length) {
                int space = i;
                while (space < data.length && data[space] != ' ') {
                    space++;
                }
                int length;
                try {
                    length = Integer.parseInt(new String(data, i, space - i, StandardCharsets.US_ASCII));
                } catch (NumberFormatException e) {
                    throw new BadArchive("a PAX extended header is malformed");
                }
                if (length <= space - i + 1 || i + length > data.length || data[i + length - 1] != '\n') {
                    throw new BadArchive("a PAX extended header is malformed");
                }
                String record = new String(data, space + 1, i + length - space - 2, StandardCharsets.UTF_8);
                int eq = record.indexOf('=');
                if (eq < 0) {
                    throw new BadArchive("a PAX extended header is malformed");
                }
                String key = record.substring(0, eq);
                String value = record.substring(eq + 1);
                if (key.equals("path")) {
                    path = value;
                } else if (key.equals("size")) {
                    try {
                        size = Long.parseLong(value);
                    } catch (NumberFormatException e) {
                        throw new BadArchive("a PAX extended header has a size that is not a number");
                    }
                } else if (key.startsWith("GNU.sparse")) {
                    throw new BadArchive("it holds a sparse file, which instance backups never contain");
                }
                i += length;
            }
            return new Pax(path, size);
        }
    }

    /** The gzip stream, its failures in plain words: a truncated file, or damaged compressed data. */
    private static final class Decompressed extends FilterInputStream {
        Decompressed(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                throw plain(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                throw plain(e);
            }
        }

        @Override
        public long skip(long n) throws IOException {
            try {
                return super.skip(n);
            } catch (IOException e) {
                throw plain(e);
            }
        }

        private static IOException plain(IOException e) {
            if (e instanceof java.nio.file.AccessDeniedException || e instanceof java.nio.file.FileSystemException) {
                return e;
            }
            return new BadArchive(e instanceof EOFException ? "it ends in the middle of the compressed data (truncated)"
                    : "its compressed data is damaged");
        }
    }

    /** Counts the compressed bytes read from the file. */
    private static final class CountingStream extends FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += Math.max(0, skipped);
            return skipped;
        }
    }
}
