package dev.openclawfleet.plist;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Parsed dictionaries: small ones as two arrays, read like the LinkedHashMaps they replace; large ones still LinkedHashMaps. */
class SmallDictTest {
    @Test
    void aSmallDictionaryReadsLikeALinkedHashMapInTheFilesOrder() throws Exception {
        Object root = PlistParser.parse(("<plist><dict><key>b</key><string>1</string><key>a</key><integer>2</integer>"
                + "<key>Label</key><dict><key>x</key><true/></dict></dict></plist>").getBytes(StandardCharsets.UTF_8));
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("b", "1");
        expected.put("a", 2L);
        expected.put("Label", Map.of("x", true));
        assertThat(root).isInstanceOf(SmallDict.class).isEqualTo(expected);
        @SuppressWarnings("unchecked")
        Map<String, Object> dict = (Map<String, Object>) root;
        assertThat(dict.hashCode()).isEqualTo(expected.hashCode());
        assertThat(List.copyOf(dict.keySet())).containsExactly("b", "a", "Label");
        assertThat(dict.get(new String("a"))).isEqualTo(2L);
        assertThat(dict.containsKey("Label")).isTrue();
        assertThat(dict.containsKey("missing")).isFalse();
        assertThat(dict.get(null)).isNull();
        assertThat(dict.get(3)).isNull();
        assertThat(dict.toString()).isEqualTo(expected.toString());
        assertThatThrownBy(() -> dict.put("c", "d")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aLargeDictionaryStaysALinkedHashMapInTheFilesOrder() throws Exception {
        StringBuilder xml = new StringBuilder("<plist><dict>");
        for (int i = SmallDict.MAX_KEYS; i >= 0; i--) {
            xml.append("<key>k").append(i).append("</key><integer>").append(i).append("</integer>");
        }
        Object root = PlistParser.parse(xml.append("</dict></plist>").toString().getBytes(StandardCharsets.UTF_8));
        assertThat(root).isInstanceOf(LinkedHashMap.class);
        assertThat(((Map<?, ?>) root).keySet()).hasSize(SmallDict.MAX_KEYS + 1).first().isEqualTo("k" + SmallDict.MAX_KEYS);
    }
}
