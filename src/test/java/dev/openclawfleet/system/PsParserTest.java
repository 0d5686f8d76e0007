package dev.openclawfleet.system;

import dev.openclawfleet.model.ProcessInfo;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.openclawfleet.system.LsofParserTest.resource;
import static org.assertj.core.api.Assertions.assertThat;

/** PsParser on real procps output, a macOS-style sample, and every etime form. */
class PsParserTest {

    @Test
    void realLinuxCapture() {
        List<ProcessInfo> rows = PsParser.parse(resource("/ps/ps-linux.txt"));

        assertThat(rows).hasSize(16);
        assertThat(rows.get(0)).isEqualTo(new ProcessInfo(2, 0, 14 * 60 + 38, "[kthreadd]"));
        assertThat(rows).filteredOn(p -> p.pid() == 6306).singleElement().isEqualTo(new ProcessInfo(6306, 1, 8,
                "node -e const n=require(\"net\");n.createServer().listen(18810,\"127.0.0.1\");"
                        + "n.createServer().listen(18812,\"::1\")"));
        assertThat(rows).filteredOn(p -> p.pid() == 6579).singleElement()
                .isEqualTo(new ProcessInfo(6579, 1, 1, "sh -c sleep 600 & sleep 601 & wait"));
        assertThat(rows).filteredOn(p -> p.ppid() == 6579).extracting(ProcessInfo::command)
                .containsExactly("sleep 600", "sleep 601");
    }

    @Test
    void macosStyle() {
        List<ProcessInfo> rows = PsParser.parse(resource("/ps/ps-macos.txt"));

        assertThat(rows).hasSize(10);
        assertThat(rows.get(0)).isEqualTo(new ProcessInfo(1, 0, 2 * 86400 + 3 * 3600 + 4 * 60 + 5, "/sbin/launchd"));
        assertThat(rows.get(2)).isEqualTo(new ProcessInfo(279, 1, 3723,
                "/System/Library/CoreServices/Finder.app/Contents/MacOS/Finder"));
        assertThat(rows.get(4).command()).isEqualTo("/Applications/Google Chrome.app/Contents/MacOS/Google Chrome");
        assertThat(rows.get(6).elapsedSeconds()).isEqualTo(7);
        assertThat(rows.get(7)).isEqualTo(new ProcessInfo(4242, 4241, 6,
                "/opt/homebrew/bin/node /opt/homebrew/lib/node_modules/openclaw/dist/index.js gateway --port 18789"));
        assertThat(rows.get(8).elapsedSeconds()).isEqualTo(123L * 86400 + 1);
        assertThat(rows.get(9).command()).as("inner double spaces kept").isEqualTo("python3.12 -c print(\"a  b\")");
    }

    @Test
    void etimeForms() {
        assertThat(PsParser.elapsedSeconds("00:07")).isEqualTo(7);
        assertThat(PsParser.elapsedSeconds("12:40")).isEqualTo(760);
        assertThat(PsParser.elapsedSeconds("01:02:03")).isEqualTo(3723);
        assertThat(PsParser.elapsedSeconds("2-03:04:05")).isEqualTo(183845);
        assertThat(PsParser.elapsedSeconds("1-00:00")).as("days without hours, tolerated").isEqualTo(86400);
        assertThat(PsParser.elapsedSeconds(" 00:00 ")).isZero();
        assertThat(PsParser.elapsedSeconds("1:2:3:4")).isEqualTo(-1);
        assertThat(PsParser.elapsedSeconds("07")).isEqualTo(-1);
        assertThat(PsParser.elapsedSeconds("ab:cd")).isEqualTo(-1);
        assertThat(PsParser.elapsedSeconds("")).isEqualTo(-1);
        assertThat(PsParser.elapsedSeconds(null)).isEqualTo(-1);
    }

    @Test
    void headerMalformedRowsCrlfAndEmptyCommands() {
        String text = "  PID  PPID ELAPSED COMMAND\r\n"
                + "  100     1   00:05 /usr/bin/a  --flag   value\r\n"
                + "  101   100   bogus /usr/bin/b\r\n"
                + "  102   100   00:01\r\n"
                + "  abc   100   00:01 x\r\n"
                + "99999999999999999999 1 00:01 toolong\r\n"
                + "\r\n"
                + "  103   100   00:02 /usr/bin/c   \r\n";

        assertThat(PsParser.parse(text)).containsExactly(
                new ProcessInfo(100, 1, 5, "/usr/bin/a  --flag   value"),
                new ProcessInfo(102, 100, 1, ""),
                new ProcessInfo(103, 100, 2, "/usr/bin/c"));
        assertThat(PsParser.parse("")).isEmpty();
        assertThat(PsParser.parse(null)).isEmpty();
    }
}
