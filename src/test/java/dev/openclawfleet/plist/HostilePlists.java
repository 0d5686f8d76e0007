package dev.openclawfleet.plist;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Byte-level fixtures of malicious or broken plists, built here so every byte is explained. */
public final class HostilePlists {
    private HostilePlists() {
    }

    /** An internal DTD whose external entity points at {@code file}. */
    public static String xxe(String file) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<!DOCTYPE plist [ <!ENTITY xxe SYSTEM \"file://" + file + "\"> ]>\n"
                + "<plist version=\"1.0\"><dict><key>Label</key><string>&xxe;</string></dict></plist>\n";
    }

    /** Error-based exfiltration: a parameter entity that would put the file into an error message. */
    public static String xxeParameterEntity(String file) {
        return "<?xml version=\"1.0\"?>\n<!DOCTYPE plist [\n"
                + " <!ENTITY % file SYSTEM \"file://" + file + "\">\n"
                + " <!ENTITY % eval \"<!ENTITY &#x25; error SYSTEM 'file:///nonexistent/%file;'>\">\n"
                + " %eval;\n %error;\n]>\n<plist><dict/></plist>\n";
    }

    /** The billion-laughs entity expansion bomb (10^9 "lol"s if expanded). */
    public static String billionLaughs() {
        StringBuilder dtd = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE plist [\n <!ENTITY lol0 \"lol\">\n");
        for (int i = 1; i <= 9; i++) {
            dtd.append(" <!ENTITY lol").append(i).append(" \"");
            for (int k = 0; k < 10; k++) {
                dtd.append("&lol").append(i - 1).append(';');
            }
            dtd.append("\">\n");
        }
        return dtd.append("]>\n<plist><dict><key>Label</key><string>&lol9;</string></dict></plist>\n").toString();
    }

    /** A binary plist whose only object, an array, contains itself. */
    public static byte[] binaryCycle() {
        return binary(new byte[]{(byte) 0xA1, 0x00}, 1);
    }

    /** A binary plist whose array points at object 5 of a 1-object table. */
    public static byte[] binaryOutOfRange() {
        return binary(new byte[]{(byte) 0xA1, 0x05}, 1);
    }

    /** A binary plist claiming an array of 2^31-1 elements in a few bytes. */
    public static byte[] binaryHugeCount() {
        // 0xAF: array with a length that follows as an int object: 0x12 = 4-byte int 0x7fffffff.
        return binary(new byte[]{(byte) 0xAF, 0x12, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x00}, 1);
    }

    /**
     * A binary plist of {@code depth} arrays, each holding the next one twice, and an empty array
     * at the end: legal sharing that expands to 2^depth values.
     */
    public static byte[] binaryDoublingChain(int depth) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("bplist00".getBytes(StandardCharsets.US_ASCII));
        int[] offsets = new int[depth + 1];
        for (int i = 0; i < depth; i++) {
            offsets[i] = out.size();
            out.write(0xA2); // array of 2
            out.write(i + 1);
            out.write(i + 1);
        }
        offsets[depth] = out.size();
        out.write(0xA0); // empty array
        int table = out.size();
        for (int o : offsets) {
            out.write(o); // all offsets fit in one byte
        }
        out.writeBytes(new byte[6]);
        out.write(1);
        out.write(1);
        out.writeBytes(long8(depth + 1));
        out.writeBytes(long8(0));
        out.writeBytes(long8(table));
        return out.toByteArray();
    }

    /** "bplist00", the object bytes at offset 8, a 1-byte offset table and the 32-byte trailer. */
    private static byte[] binary(byte[] objectBytes, int objects) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("bplist00".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(objectBytes);
        int offsetTable = out.size();
        out.write(8); // object 0 starts at byte 8
        out.writeBytes(new byte[6]);
        out.write(1); // offset int size
        out.write(1); // object ref size
        out.writeBytes(long8(objects));
        out.writeBytes(long8(0)); // top object
        out.writeBytes(long8(offsetTable));
        return out.toByteArray();
    }

    private static byte[] long8(long v) {
        byte[] b = new byte[8];
        for (int i = 7; i >= 0; i--) {
            b[i] = (byte) (v & 0xff);
            v >>= 8;
        }
        return b;
    }
}
