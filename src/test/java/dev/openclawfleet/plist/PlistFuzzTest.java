package dev.openclawfleet.plist;

import com.dd.plist.BinaryPropertyListWriter;
import com.dd.plist.NSObject;
import com.dd.plist.XMLPropertyListParser;
import dev.openclawfleet.model.FleetLayout;
import dev.openclawfleet.provision.ContractPlist;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * 3,500 generated inputs (mutated XML, binary and ASCII plists, with a fixed seed so every run
 * reads the same bytes): each is parsed or refused with one plain line; nothing else escapes, no
 * input costs more than a bounded amount of memory, and dd-plist never writes to stderr.
 */
@Timeout(120) // a hang guard for the whole run, not a speed claim
class PlistFuzzTest {
    static final long SEED = 8L;
    static final int PER_FORMAT = 700;
    /** What one parse of a few-KiB input may allocate; the 47-byte attack of issue 8 cost 612 MB. */
    static final long MAX_ALLOCATED = 64L << 20;
    static final Pattern INTERNALS = Pattern.compile("Exception|byte\\[]|\\bjava\\.|javax\\.|com\\.dd|Scanner State|JAXP|\\bnull\\b");

    @Test
    void noInputEscapesAsAnythingButOnePlainLine() throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        List<byte[]> seeds = seeds();
        Random random = new Random(SEED);
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int parsed = 0;
        int refused = 0;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            for (int format = 0; format < seeds.size(); format++) {
                for (int i = 0; i < PER_FORMAT; i++) {
                    byte[] input = mutate(seeds.get(format), random);
                    long before = threads.getCurrentThreadAllocatedBytes();
                    try {
                        PlistParser.parse(input);
                        parsed++;
                    } catch (PlistFormatException e) {
                        refused++;
                        String m = e.getMessage();
                        if (m == null || m.isBlank() || m.contains("\n") || m.length() > 400 || INTERNALS.matcher(m).find()) {
                            fail("input " + format + "/" + i + " gave the message '" + m + "': " + Base64.getEncoder().encodeToString(input));
                        }
                    } catch (Throwable t) {
                        fail("input " + format + "/" + i + " escaped as " + t + ": " + Base64.getEncoder().encodeToString(input), t);
                    }
                    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
                    if (allocated > MAX_ALLOCATED) {
                        fail("input " + format + "/" + i + " allocated " + (allocated >> 20) + " MiB: " + Base64.getEncoder().encodeToString(input));
                    }
                }
            }
        } finally {
            System.setErr(stderr);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).as("dd-plist wrote to stderr").isEmpty();
        assertThat(parsed).as("the mutations keep some inputs valid").isPositive();
        assertThat(refused).as("and break most").isGreaterThan(parsed);
    }

    /** A contract plist as XML, binary and ASCII, plus a small binary plist with every object type. */
    static List<byte[]> seeds() throws Exception {
        Map<String, Object> job = ContractPlist.of(new ContractPlist.Spec(new FleetLayout(Path.of("/Users/me/.openclaw")), "luca", 18789,
                Path.of("/opt/homebrew/bin/node"), Path.of("/opt/homebrew/lib/node_modules/openclaw/dist/index.js")));
        byte[] xml = PlistWriter.toXml(job);
        NSObject object = XMLPropertyListParser.parse(xml);
        byte[] binary = BinaryPropertyListWriter.writeToArray(object);
        byte[] ascii = ((com.dd.plist.NSDictionary) object).toASCIIPropertyList().getBytes(StandardCharsets.UTF_8);
        Map<String, Object> kinds = new LinkedHashMap<>();
        kinds.put("data", new byte[]{1, 2, 3});
        kinds.put("date", new java.util.Date(0));
        kinds.put("real", 1.5);
        kinds.put("int", 1L << 40);
        kinds.put("bool", true);
        kinds.put("nested", List.of(List.of("a", "ü"), Map.of("k", "v")));
        byte[] mixed = BinaryPropertyListWriter.writeToArray(NSObject.fromJavaObject(kinds));
        return List.of(xml, binary, ascii, mixed, HostilePlists.binaryDoublingChain(8));
    }

    static byte[] mutate(byte[] seed, Random random) {
        byte[] b = seed.clone();
        int edits = 1 + random.nextInt(6);
        for (int e = 0; e < edits; e++) {
            switch (random.nextInt(7)) {
                case 0 -> b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
                case 1 -> b[random.nextInt(b.length)] = (byte) new int[]{0x00, 0xff, 0x7f, 0x80, 0x0f, 0xf0, 0xaf, 0xdf, 0x5f, 0x4f}[random.nextInt(10)];
                case 2 -> b = java.util.Arrays.copyOf(b, Math.max(1, random.nextInt(b.length)));
                case 3 -> b = splice(b, random.nextInt(b.length), randomBytes(random, 1 + random.nextInt(16)));
                case 4 -> { // the binary trailer and offset table are where the lengths live
                    int from = Math.max(0, b.length - 40);
                    b[from + random.nextInt(b.length - from)] = (byte) random.nextInt(256);
                }
                case 5 -> {
                    int from = random.nextInt(b.length);
                    int length = Math.min(b.length - from, 1 + random.nextInt(64));
                    b = splice(b, random.nextInt(b.length), java.util.Arrays.copyOfRange(b, from, from + length));
                }
                default -> {
                    int at = random.nextInt(b.length);
                    byte[] tokens = new String[]{"<array>", "</dict>", "<key>", "&amp;", "<!DOCTYPE x>", "(", "{", "\"", ";", "<data>", "\u0000"}
                            [random.nextInt(11)].getBytes(StandardCharsets.UTF_8);
                    b = splice(b, at, tokens);
                }
            }
        }
        return b;
    }

    private static byte[] splice(byte[] b, int at, byte[] insert) {
        byte[] out = new byte[b.length + insert.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(b, at, out, at + insert.length, b.length - at);
        return out;
    }

    private static byte[] randomBytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

}
