package dev.openclawfleet.monitor;

import dev.openclawfleet.model.PlistFile;
import dev.openclawfleet.plist.PlistWriter;
import dev.openclawfleet.testing.CliRun;
import dev.openclawfleet.testing.FleetFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The monitor's LaunchAgent: byte-stable, absolute paths, and never taken for a gateway by lint or audit. */
class MonitorPlistTest {
    static final Path GOLDEN = Path.of("src/test/resources/golden/dev.openclawfleet.monitor.plist");

    @TempDir
    Path tmp;

    static MonitorPlist.Spec spec(boolean notify) {
        return new MonitorPlist.Spec(List.of("/opt/homebrew/opt/openjdk@17/bin/java", "-XX:+UseSerialGC", "-jar", "/Users/ada/fleet/openclaw-fleet.jar"),
                Path.of("/opt/homebrew/var/node_exporter/textfile"), Path.of("/Users/ada/.openclaw"), Path.of("/Users/ada/Library/LaunchAgents"),
                "gui", 10, dev.openclawfleet.model.LiveThresholds.DEFAULT, 60, notify, MonitorPlist.path("/opt/homebrew/bin:relative/bin:/usr/bin:~/bin"));
    }

    @Test
    void matchesTheGoldenFile() throws Exception {
        byte[] bytes = PlistWriter.toXml(MonitorPlist.of(spec(true)));
        if ("1".equals(System.getenv("UPDATE_GOLDEN")) && System.getenv("CI") == null) {
            Files.write(GOLDEN, bytes);
        }
        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(Files.readString(GOLDEN));
        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("<key>StartInterval</key>\n\t<integer>60</integer>")
                .contains("<string>--notify</string>").contains("<string>/Users/ada/.openclaw/.fleet/monitor.err.log</string>")
                .doesNotContain("KeepAlive");
    }

    @Test
    void crashLoopThresholdsOtherThanTheDefaultsAreHandedToTheJob() {
        MonitorPlist.Spec d = spec(false);
        MonitorPlist.Spec custom = new MonitorPlist.Spec(d.launcher(), d.textfileDir(), d.root(), d.agentsDir(), "user", 20,
                new dev.openclawfleet.model.LiveThresholds(5, 2), 300, false, d.path());
        @SuppressWarnings("unchecked")
        List<String> args = (List<String>) MonitorPlist.of(custom).get("ProgramArguments");
        assertThat(String.join(" ", args)).endsWith("metrics --textfile /opt/homebrew/var/node_exporter/textfile --root /Users/ada/.openclaw"
                + " --agents-dir /Users/ada/Library/LaunchAgents --domain user --timeout 20 --crash-loop-runs 5 --crash-loop-throttles 2");
        assertThat(MonitorPlist.of(custom).get("StartInterval")).isEqualTo(300L);
    }

    @Test
    void thePathKeepsOnlyAbsoluteEntriesThenLaunchdsDefaults() {
        assertThat(MonitorPlist.path("/opt/homebrew/bin:relative:~/x::/usr/bin")).isEqualTo("/opt/homebrew/bin:/usr/bin:/bin:/usr/sbin:/sbin");
        assertThat(MonitorPlist.path(null)).isEqualTo("/usr/bin:/bin:/usr/sbin:/sbin");
    }

    @Test
    void specsAreValidatedWhenMade() {
        assertThatThrownBy(() -> new MonitorPlist.Spec(List.of("java"), Path.of("/t"), Path.of("/r"), Path.of("/a"), "gui", 10, dev.openclawfleet.model.LiveThresholds.DEFAULT, 60, false, "/usr/bin"))
                .hasMessageContaining("absolute");
        assertThatThrownBy(() -> new MonitorPlist.Spec(List.of("/j"), Path.of("t"), Path.of("/r"), Path.of("/a"), "gui", 10, dev.openclawfleet.model.LiveThresholds.DEFAULT, 60, false, "/usr/bin"))
                .hasMessageContaining("absolute");
        assertThatThrownBy(() -> new MonitorPlist.Spec(List.of("/j"), Path.of("/t"), Path.of("/r"), Path.of("/a"), "gui", 10, dev.openclawfleet.model.LiveThresholds.DEFAULT, 5, false, "/usr/bin"))
                .hasMessageContaining("interval");
    }

    @Test
    void fleetsOwnLintPassesItAndTheAuditDoesNotTakeItForAGateway() throws Exception {
        FleetFixture fleet = FleetFixture.in(tmp);
        fleet.instance("luca", 18789).write();
        Path plist = fleet.agents.resolve(MonitorPlist.FILE_NAME);
        Files.write(plist, PlistWriter.toXml(MonitorPlist.of(spec(false))));
        Files.setPosixFilePermissions(plist, PosixFilePermissions.fromString("rw-r--r--"));

        CliRun.Result lint = new CliRun().run("lint", "--strict", "--format", "json", plist.toString());
        assertThat(lint.exitCode()).as(lint.out()).isZero();
        assertThat(lint.out()).contains("\"rule\": \"not-openclaw\"").contains("dev.openclawfleet.monitor' is not an OpenClaw gateway job")
                .doesNotContain("\"severity\": \"error\"").doesNotContain("\"severity\": \"warning\"");
        assertThat(fleet.lint().findings()).noneMatch(f -> f.path() != null && f.path().equals(plist.toString()) && !f.rule().equals("not-openclaw"));
        assertThat(fleet.audit().instances()).extracting(i -> i.name()).containsExactly("luca");
        assertThat(dev.openclawfleet.audit.PlistClassifier.classify(new dev.openclawfleet.system.PlistScanner(FleetFixture.UID)
                .scan(List.of(plist), false, p -> true).reads().get(0))).isInstanceOf(PlistFile.Foreign.class);
    }
}
