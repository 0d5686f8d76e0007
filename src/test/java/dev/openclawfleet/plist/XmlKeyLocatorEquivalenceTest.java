package dev.openclawfleet.plist;

import dev.openclawfleet.model.KeyPath;
import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The byte scanner of {@link XmlKeyLocator} puts every key path where the element-tree locator it
 * replaced ({@link TreeKeyLocator}) put it: on generated plists with nested dictionaries and arrays,
 * repeated keys, comments, CDATA, entities, non-ASCII text, every line ending, byte-order marks and
 * other encodings, cut short too; for paths that exist, half exist, or do not.
 */
class XmlKeyLocatorEquivalenceTest {
    private static final String[] KEYS = {"Label", "ProgramArguments", "EnvironmentVariables", "KeepAlive", "OPENCLAW_STATE_DIR",
            "A&B", "caf\u00e9", "\uD83D\uDE00", "", "PATH"};

    @Test
    void everyPathOfEveryGeneratedPlistIsWhereTheTreeLocatorPutsIt() {
        Random random = new Random(12);
        int compared = 0;
        for (int round = 0; round < 500; round++) {
            String xml = plist(random);
            for (byte[] bytes : encodings(xml, random)) {
                for (KeyPath path : paths(random)) {
                    assertThat(XmlKeyLocator.of(bytes).locate(path)).as("%s in %s", path, xml)
                            .isEqualTo(TreeKeyLocator.of(bytes).locate(path));
                    compared++;
                }
            }
        }
        assertThat(compared).isGreaterThan(12_000);
    }

    @Test
    void textCutAnywhereIsReadAsTheTreeLocatorReadIt() {
        Random random = new Random(7);
        for (int round = 0; round < 25; round++) {
            byte[] whole = plist(random).getBytes(StandardCharsets.UTF_8);
            for (int cut = 0; cut < whole.length; cut += 1 + random.nextInt(7)) {
                byte[] bytes = java.util.Arrays.copyOf(whole, cut);
                if (!XmlKeyLocator.looksLikeXml(bytes)) {
                    continue;
                }
                for (KeyPath path : paths(random)) {
                    assertThat(XmlKeyLocator.of(bytes).locate(path)).as("%s in %s", path, new String(bytes, StandardCharsets.UTF_8))
                            .isEqualTo(TreeKeyLocator.of(bytes).locate(path));
                }
            }
        }
    }

    private static List<byte[]> encodings(String xml, Random random) {
        List<byte[]> out = new ArrayList<>();
        out.add(xml.getBytes(StandardCharsets.UTF_8));
        String lines = random.nextBoolean() ? xml.replace("\n", "\r\n") : xml.replace("\n", "\r");
        out.add(lines.getBytes(StandardCharsets.UTF_8));
        out.add(("\uFEFF" + xml).getBytes(StandardCharsets.UTF_8));
        String utf16 = xml.replace("encoding=\"UTF-8\"", "encoding=\"UTF-16\"");
        out.add(concat(new byte[] {(byte) 0xFE, (byte) 0xFF}, utf16.getBytes(StandardCharsets.UTF_16BE)));
        out.add(concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, utf16.getBytes(StandardCharsets.UTF_16LE)));
        Charset latin = StandardCharsets.ISO_8859_1;
        out.add(xml.replace("encoding=\"UTF-8\"", "encoding=\"ISO-8859-1\"").getBytes(latin));
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static List<KeyPath> paths(Random random) {
        List<KeyPath> out = new ArrayList<>();
        out.add(KeyPath.LABEL);
        for (int k = 0; k < 4; k++) {
            KeyPath path = KeyPath.key(key(random));
            for (int depth = random.nextInt(4); depth > 0; depth--) {
                path = random.nextBoolean() ? path.then(key(random)) : path.index(random.nextInt(4));
            }
            out.add(path);
        }
        return out;
    }

    private static String key(Random random) {
        return KEYS[random.nextInt(KEYS.length)];
    }

    private static String plist(Random random) {
        StringBuilder out = new StringBuilder();
        if (random.nextInt(5) > 0) {
            out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        }
        switch (random.nextInt(4)) {
            case 0 -> out.append("<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n");
            case 1 -> out.append("<!DOCTYPE plist [ <!ENTITY x \"y\"> ]>\n");
            default -> {
            }
        }
        if (random.nextInt(6) > 0) {
            out.append("<plist version=\"1.0\">\n");
            value(out, random, 0, true);
            out.append("</plist>\n");
        } else {
            value(out, random, 0, true);
        }
        return out.toString();
    }

    private static void value(StringBuilder out, Random random, int depth, boolean container) {
        int choice = container ? random.nextInt(2) : random.nextInt(depth > 3 ? 6 : 9);
        String indent = "\t".repeat(depth);
        switch (choice) {
            case 0, 7 -> {
                out.append(indent).append(random.nextInt(10) == 0 ? "<dict attr='a>b'>" : "<dict>").append('\n');
                for (int n = random.nextInt(6); n > 0; n--) {
                    out.append(indent).append('\t').append(keyElement(random));
                    noise(out, random);
                    value(out, random, depth + 1, false);
                }
                if (random.nextInt(12) == 0) {
                    out.append(indent).append("<key>dangling</key>\n");
                }
                out.append(indent).append("</dict>\n");
            }
            case 1, 8 -> {
                out.append(indent).append("<array>\n");
                for (int n = random.nextInt(5); n > 0; n--) {
                    value(out, random, depth + 1, false);
                    noise(out, random);
                }
                out.append(indent).append("</array>\n");
            }
            case 2 -> out.append(indent).append("<string>").append(text(random)).append("</string>\n");
            case 3 -> out.append(indent).append(random.nextBoolean() ? "<true/>" : "<false />").append('\n');
            case 4 -> out.append(indent).append("<integer>").append(random.nextInt(70000)).append("</integer>\n");
            case 5 -> out.append(indent).append("<string/>\n");
            default -> out.append(indent).append("<array/>\n");
        }
    }

    private static String keyElement(Random random) {
        String key = key(random);
        return switch (random.nextInt(8)) {
            case 0 -> "<key><![CDATA[" + key + "]]></key>";
            case 1 -> "<key>" + key.replace("&", "&amp;").replace("L", "&#x4C;").replace("a", "&#97;") + "</key>";
            case 2 -> "<key>" + key.replace("&", "&amp;") + "<!-- c --></key>";
            case 3 -> "<key/>";
            default -> "<key>" + key.replace("&", "&amp;") + "</key>";
        };
    }

    private static void noise(StringBuilder out, Random random) {
        switch (random.nextInt(10)) {
            case 0 -> out.append("<!-- <key>Label</key><string>not this</string> -->");
            case 1 -> out.append("<?pi <dict> ?>");
            case 2 -> out.append("\n\n");
            case 3 -> out.append(" \u00e9\u2003 ");
            case 4 -> out.append("&bogus;&#xZZ;&");
            default -> {
            }
        }
    }

    private static String text(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> "caf\u00e9 \uD83D\uDE00";
            case 1 -> "a &lt; b &amp;&amp; c";
            case 2 -> "<![CDATA[<dict>]]>";
            case 3 -> "line\r\nbreak";
            default -> "/opt/homebrew/bin/node";
        };
    }
}
