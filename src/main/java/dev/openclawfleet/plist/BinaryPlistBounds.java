package dev.openclawfleet.plist;

/**
 * Checks a binary plist's structure against its own size before dd-plist reads it: the trailer,
 * the offset table, every object's marker and length, every reference and the absence of cycles.
 * dd-plist allocates what a length field claims (a 47-byte file claiming an array of 2^31-1
 * elements costs 612 MB) and prints to stderr on odd length markers; nothing that fails here
 * reaches it. Each check is a comparison with bytes the file actually has, so this costs one pass.
 */
final class BinaryPlistBounds {
    private static final int TRAILER = 32;
    private static final int HEADER = 8;
    /** More objects than any launchd job has by orders of magnitude. */
    static final long MAX_OBJECTS = 1 << 20;

    private final byte[] b;
    private final int offsetSize;
    private final int refSize;
    private final long objects;
    private final long tableOffset;

    private BinaryPlistBounds(byte[] b, int offsetSize, int refSize, long objects, long tableOffset) {
        this.b = b;
        this.offsetSize = offsetSize;
        this.refSize = refSize;
        this.objects = objects;
        this.tableOffset = tableOffset;
    }

    static void check(byte[] b) throws PlistFormatException {
        int n = b.length;
        if (n < HEADER + 1 + TRAILER) {
            throw new PlistFormatException("a binary plist of " + n + " bytes is too short to hold its header, an object and its trailer");
        }
        int t = n - TRAILER;
        int offsetSize = b[t + 6] & 0xff;
        int refSize = b[t + 7] & 0xff;
        long objects = uint(b, t + 8, 8);
        long top = uint(b, t + 16, 8);
        long tableOffset = uint(b, t + 24, 8);
        if (offsetSize < 1 || offsetSize > 8 || refSize < 1 || refSize > 8) {
            throw new PlistFormatException("a binary plist whose trailer is damaged (offset or reference size " + offsetSize + "/" + refSize
                    + ", not 1 to 8 bytes)");
        }
        if (objects < 1 || objects > MAX_OBJECTS || objects > t - HEADER) {
            throw new PlistFormatException("a binary plist that claims " + Long.toUnsignedString(objects)
                    + " objects, more than the " + n + "-byte file can hold");
        }
        if (tableOffset < HEADER + 1 || tableOffset > t || objects * offsetSize > t - tableOffset) {
            throw new PlistFormatException("a binary plist whose offset table lies outside the " + n + "-byte file");
        }
        if (top < 0 || top >= objects) {
            throw new PlistFormatException("a binary plist whose top object " + Long.toUnsignedString(top) + " is not among its "
                    + objects + " objects");
        }
        BinaryPlistBounds bounds = new BinaryPlistBounds(b, offsetSize, refSize, objects, tableOffset);
        int[] childStart = new int[(int) objects];
        int[] childCount = new int[(int) objects];
        for (int i = 0; i < objects; i++) {
            bounds.object(i, childStart, childCount);
        }
        bounds.noCycles((int) top, childStart, childCount);
    }

    /** Checks object {@code i} and records where its references start and how many it has (0 for scalars). */
    private void object(int i, int[] childStart, int[] childCount) throws PlistFormatException {
        long offset = uint(b, (int) (tableOffset + (long) i * offsetSize), offsetSize);
        if (offset < HEADER || offset >= tableOffset) {
            throw new PlistFormatException("a binary plist whose object " + i + " starts outside the object area");
        }
        int at = (int) offset;
        int marker = b[at] & 0xff;
        int type = marker >> 4;
        int info = marker & 0xf;
        long end = tableOffset; // objects may not run into the offset table
        switch (type) {
            case 0x0 -> {
                if (info != 0x0 && info != 0x8 && info != 0x9 && info != 0xf) {
                    throw unknown(i, marker);
                }
            }
            case 0x1, 0x2 -> {
                if (info > 4 || type == 0x2 && info < 2) {
                    throw new PlistFormatException("a binary plist whose number object " + i + " has an invalid size");
                }
                fits(i, at + 1L + (1L << info), end, "number");
            }
            case 0x3 -> fits(i, at + 9L, end, "date");
            case 0x8 -> fits(i, at + 2L + info, end, "UID");
            case 0x4, 0x5, 0x6, 0x7, 0xA, 0xB, 0xC, 0xD -> {
                long[] length = length(i, at, info, end);
                long count = length[0];
                long first = length[1];
                long unit = switch (type) {
                    case 0x4, 0x5, 0x7 -> 1;
                    case 0x6 -> 2;
                    case 0xD -> 2L * refSize;
                    default -> refSize;
                };
                if (count > (end - first) / unit) {
                    throw new PlistFormatException("a binary plist whose " + kind(type) + " (object " + i + ") claims " + count
                            + (type == 0x6 || type == 0x5 || type == 0x7 ? " characters" : type == 0x4 ? " bytes" : type == 0xD
                            ? " entries" : " elements") + ", more than the " + b.length + "-byte file can hold");
                }
                if (type >= 0xA) {
                    long refs = type == 0xD ? 2 * count : count;
                    for (long r = 0; r < refs; r++) {
                        long ref = uint(b, (int) (first + r * refSize), refSize);
                        if (ref >= objects) {
                            throw new PlistFormatException("a binary plist whose " + kind(type) + " (object " + i
                                    + ") refers to object " + Long.toUnsignedString(ref) + " of " + objects);
                        }
                    }
                    childStart[i] = (int) first;
                    childCount[i] = (int) refs;
                }
            }
            default -> throw unknown(i, marker);
        }
    }

    /** {count, offset of the first content byte}: the count is in the marker, or in an integer object after it. */
    private long[] length(int i, int at, int info, long end) throws PlistFormatException {
        if (info != 0xf) {
            return new long[]{info, at + 1L};
        }
        fits(i, at + 2L, end, "length");
        int marker = b[at + 1] & 0xff;
        if (marker >> 4 != 0x1 || (marker & 0xf) > 3) {
            throw new PlistFormatException("a binary plist whose object " + i + " has a damaged length field");
        }
        int size = 1 << (marker & 0xf);
        fits(i, at + 2L + size, end, "length");
        long count = uint(b, at + 2, size);
        if (count < 0) {
            throw new PlistFormatException("a binary plist whose object " + i + " has a negative length");
        }
        return new long[]{count, at + 2L + size};
    }

    /** Iterative depth-first walk from the top object: a container reachable from itself is a cycle. */
    private void noCycles(int top, int[] childStart, int[] childCount) throws PlistFormatException {
        byte[] state = new byte[(int) objects]; // 0 new, 1 on the current path, 2 done
        int[] stack = new int[(int) objects];
        int[] next = new int[(int) objects];
        int depth = 0;
        stack[0] = top;
        state[top] = 1;
        while (depth >= 0) {
            int node = stack[depth];
            if (next[node] < childCount[node]) {
                int child = (int) uint(b, childStart[node] + next[node] * refSize, refSize);
                next[node]++;
                if (state[child] == 1) {
                    throw new PlistFormatException("a binary plist whose " + "object " + child + " contains itself (a cycle)");
                }
                if (state[child] == 0 && childCount[child] > 0) {
                    if (depth + 1 >= PlistParser.MAX_DEPTH) {
                        throw new PlistFormatException("nested more than " + PlistParser.MAX_DEPTH + " levels deep");
                    }
                    state[child] = 1;
                    stack[++depth] = child;
                } else {
                    state[child] = 2;
                }
            } else {
                state[node] = 2;
                depth--;
            }
        }
    }

    private void fits(int i, long endOfObject, long end, String what) throws PlistFormatException {
        if (endOfObject > end) {
            throw new PlistFormatException("a binary plist whose " + what + " object " + i + " runs past the object area");
        }
    }

    private static PlistFormatException unknown(int i, int marker) {
        return new PlistFormatException("a binary plist whose object " + i + " has an unknown type (marker 0x"
                + Integer.toHexString(marker) + ")");
    }

    private static String kind(int type) {
        return switch (type) {
            case 0x4 -> "data";
            case 0x5, 0x6, 0x7 -> "string";
            case 0xA -> "array";
            case 0xB, 0xC -> "set";
            default -> "dictionary";
        };
    }

    /** A big-endian unsigned integer of {@code size} bytes; a value past 2^63 comes back negative. */
    private static long uint(byte[] b, int at, int size) {
        long v = 0;
        for (int k = 0; k < size; k++) {
            v = (v << 8) | (b[at + k] & 0xff);
        }
        return v;
    }
}
