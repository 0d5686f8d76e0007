package dev.openclawfleet.system;

import dev.openclawfleet.model.Listener;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** LsofParser on a real Linux capture, a macOS-style sample and edge cases. */
class LsofParserTest {

    static String resource(String path) {
        try (InputStream in = LsofParserTest.class.getResourceAsStream(path)) {
            assertThat(in).as("test resource %s", path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void realLinuxCapture() {
        // python3 http.server on 127.0.0.1 and ::1, node on "::" (dual stack), 0.0.0.0, "::" v6-only, and one
        // node process with two sockets: Linux lsof prints every any-address socket as "*"
        assertThat(LsofParser.parse(resource("/lsof/listen-fields-linux.txt"))).containsExactly(
                new Listener(5882, "python3", "127.0.0.1", 18789),
                new Listener(5884, "python3", "::1", 18791),
                new Listener(5886, "node", "*", 18799),
                new Listener(5888, "node", "*", 8080),
                new Listener(6074, "node", "*", 18801),
                new Listener(6306, "node", "127.0.0.1", 18810),
                new Listener(6306, "node", "::1", 18812));
    }

    @Test
    void macosStyleWithFdAndTcpStateLines() {
        assertThat(LsofParser.parse(resource("/lsof/listen-fields-macos.txt"))).containsExactly(
                new Listener(512, "ControlCe", "*", 7000),
                new Listener(512, "ControlCe", "*", 7000),
                new Listener(4242, "node", "127.0.0.1", 18789),
                new Listener(4242, "node", "::1", 18789),
                new Listener(4242, "node", "127.0.0.1", 18791),
                new Listener(4300, "node", "::", 8080),
                new Listener(4301, "python3.1", "0.0.0.0", 18809),
                new Listener(87, "rapportd", "fe80::1%lo0", 49152));
    }

    @Test
    void loopbackAndWildcard() {
        List<Listener> all = LsofParser.parse(resource("/lsof/listen-fields-macos.txt"));

        assertThat(all).filteredOn(Listener::loopback).extracting(Listener::address)
                .containsExactly("127.0.0.1", "::1", "127.0.0.1");
        assertThat(all).filteredOn(Listener::wildcard).extracting(Listener::address)
                .containsExactly("*", "*", "::", "0.0.0.0");
        assertThat(new Listener(1, "x", "::ffff:127.0.0.1", 1).loopback()).isTrue();
        assertThat(new Listener(1, "x", "192.168.1.2", 1).loopback()).isFalse();
        assertThat(new Listener(1, "x", "192.168.1.2", 1).wildcard()).isFalse();
    }

    @Test
    void junkIsSkipped() {
        String text = String.join("\r\n",
                "n127.0.0.1:1",            // before any p line
                "pnotanumber",
                "cghost",
                "n127.0.0.1:2",            // pid unreadable
                "p10",
                "n127.0.0.1:3",            // no c line yet: command null
                "cnode",
                "n127.0.0.1:5000->127.0.0.1:6000",
                "n*:*",
                "n127.0.0.1:99999",
                "n:80",
                "nnoport",
                "",
                "x unknown field",
                "n[::]:4",
                "p11",
                "n*:5") + "\r\n";

        assertThat(LsofParser.parse(text)).containsExactly(
                new Listener(10, null, "127.0.0.1", 3),
                new Listener(10, "node", "::", 4),
                new Listener(11, null, "*", 5));
    }

    @Test
    void emptyOutput() {
        assertThat(LsofParser.parse("")).isEmpty();
        assertThat(LsofParser.parse(null)).isEmpty();
    }
}
