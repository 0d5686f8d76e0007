package dev.openclawfleet.it;

import dev.openclawfleet.monitor.MonitorPlist;
import dev.openclawfleet.testing.CliRun;
import dev.openclawfleet.testing.FleetFixture;
import dev.openclawfleet.testing.Promtool;
import dev.openclawfleet.testing.StandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * `fleet monitor` end to end: the jar installs its LaunchAgent on the launchctl stand-in, launchd
 * runs `fleet metrics --textfile` at load and then every StartInterval (time-scaled), status reads
 * it back, uninstall boots it out and keeps the plist in the trash. No token anywhere.
 */
@Timeout(240)
class MonitorIT {
    /** StartInterval 60 s becomes 3 s: each run is a JVM start plus a live audit. */
    static final String TIME_SCALE = "0.05";
    static final Pattern AUDITED_AT = Pattern.compile("(?m)^openclaw_fleet_audit_timestamp_seconds (\\S+)$");

    @TempDir
    Path tmp;
    StandIn launchd;
    FleetFixture fleet;
    final List<String> outputs = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        launchd = new StandIn(tmp).set("LAUNCHCTL_STANDIN_TIME_SCALE", TIME_SCALE).set("HOME", tmp.toString());
        fleet = FleetFixture.withFakeGateway(tmp);
    }

    @AfterEach
    void tearDown() throws Exception {
        launchd.close();
    }

    private Processes.Run jar(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                Processes.jar().toString()));
        command.addAll(List.of(args));
        Processes.Run run = Processes.run(tmp, launchd.env(), 180, command);
        outputs.add(run.out() + run.err());
        return run;
    }

    private CliRun.Result cli(String... args) {
        CliRun.Result r = launchd.cli().run(args);
        outputs.add(r.all());
        return r;
    }

    private String[] dirs(String... more) {
        List<String> out = new ArrayList<>(List.of("--agents-dir", fleet.agents.toString(), "--root", fleet.root.toString()));
        out.addAll(List.of(more));
        return out.toArray(String[]::new);
    }

    private String[] args(String first, String second, String... more) {
        List<String> out = new ArrayList<>(List.of(first, second));
        out.addAll(List.of(dirs(more)));
        return out.toArray(String[]::new);
    }

    private static String auditedAt(Path textfile) throws Exception {
        Matcher m = AUDITED_AT.matcher(Files.exists(textfile) ? Files.readString(textfile) : "");
        return m.find() ? m.group(1) : "";
    }

    @Test
    void installRefreshesEveryIntervalStatusReadsItUninstallKeepsThePlistInTheTrash() throws Exception {
        int port = StandIn.freePort();
        launchd.bootstrap(fleet.instance("luca", port).write());
        StandIn.await(Duration.ofSeconds(30), "luca listening", () -> StandIn.listening(port));
        Path textDir = Files.createDirectories(tmp.resolve("node_exporter/textfile"));
        Path textfile = textDir.resolve("openclaw_fleet.prom");

        Processes.Run install = jar(args("monitor", "install", "--textfile", textDir.toString(), "--wait", "120"));
        assertThat(install.exitCode()).as(install.out() + install.err()).isZero();
        Path plist = fleet.agents.resolve(MonitorPlist.FILE_NAME);
        assertThat(install.out()).contains("wrote " + plist + " (mode 0644)")
                .contains("loaded dev.openclawfleet.monitor: every 60 s it refreshes " + textfile)
                .contains("first refresh done: " + textfile);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(plist))).isEqualTo("rw-r--r--");
        assertThat(Files.readString(plist)).contains("<string>" + Processes.jar() + "</string>")
                .contains("<string>" + Path.of(System.getProperty("java.home"), "bin", "java") + "</string>");
        CliRun.Result lint = cli("lint", "--strict", plist.toString());
        assertThat(lint.exitCode()).as(lint.out()).isZero();
        StandIn.Result print = launchd.launchctl("print", launchd.gui() + "/" + MonitorPlist.LABEL);
        assertThat(print.out()).contains("\trun interval = 60 seconds").contains("\tproperties = runatload");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fleet.root.resolve(".fleet")))).isEqualTo("rwx------");

        String text = Files.readString(textfile);
        String gatewayLog = Files.readString(fleet.layout.stderrLog("luca")) + Files.readString(fleet.layout.stdoutLog("luca"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(textfile))).isEqualTo("rw-r--r--");
        assertThat(text).as(gatewayLog).contains("openclaw_fleet_instance_running{instance=\"luca\",label=\"ai.openclaw.luca\",port=\"" + port + "\"} 1")
                .contains("openclaw_fleet_audit_live 1").contains("openclaw_fleet_audit_success 1");
        Promtool.Result check = Promtool.checkMetrics(text);
        assertThat(check.exitCode()).as(check.output()).isZero();

        // launchd, not fleet, runs it again: StartInterval, time-scaled.
        String first = auditedAt(textfile);
        StandIn.await(Duration.ofSeconds(90), "a refresh by StartInterval", () -> {
            try {
                return launchd.runs(MonitorPlist.LABEL) >= 2 && !auditedAt(textfile).equals(first) && !auditedAt(textfile).isEmpty();
            } catch (Exception e) {
                return false;
            }
        });

        CliRun.Result status = cli(args("monitor", "status"));
        assertThat(status.exitCode()).as(status.out()).isZero();
        assertThat(status.out()).contains("plist      " + plist).contains("launchd    loaded, ").contains("run interval 60 seconds")
                .contains("interval   60 s").containsPattern("textfile   " + Pattern.quote(textfile.toString()) + ", refreshed \\d+ s ago\n");

        Processes.Run again = jar(args("monitor", "install", "--textfile", textDir.toString(), "--wait", "0"));
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).isEqualTo("the monitor is already installed with these settings: " + plist + "\n");

        Processes.Run changed = jar(args("monitor", "install", "--textfile", textDir.toString(), "--interval", "120", "--notify", "--wait", "120"));
        assertThat(changed.exitCode()).as(changed.out() + changed.err()).isZero();
        assertThat(changed.out()).contains("moved the previous " + MonitorPlist.FILE_NAME + " to " + fleet.root.resolve(".trash"))
                .contains("every 120 s").contains("first refresh done");
        assertThat(launchd.launchctl("print", launchd.gui() + "/" + MonitorPlist.LABEL).out()).contains("\trun interval = 120 seconds");

        String installed = Files.readString(plist);
        CliRun.Result uninstall = cli(args("monitor", "uninstall"));
        assertThat(uninstall.exitCode()).as(uninstall.out()).isZero();
        assertThat(uninstall.out()).contains("booted out dev.openclawfleet.monitor").contains("moved " + plist + " to ")
                .contains("removed " + textfile);
        assertThat(plist).doesNotExist();
        assertThat(textfile).doesNotExist();
        assertThat(launchd.launchctl("print", launchd.gui() + "/" + MonitorPlist.LABEL).exitCode()).isEqualTo(113);
        try (Stream<Path> trash = Files.walk(fleet.root.resolve(".trash"))) {
            List<Path> kept = trash.filter(p -> p.getFileName().toString().equals(MonitorPlist.FILE_NAME)).toList();
            assertThat(kept).hasSize(2);
            assertThat(kept.stream().map(p -> {
                try {
                    return Files.readString(p);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            })).contains(installed);
        }
        assertThat(launchd.launchctl("print-disabled", launchd.gui()).out()).as("uninstall does not disable")
                .contains("\"dev.openclawfleet.monitor\" => enabled");

        CliRun.Result after = cli(args("monitor", "status"));
        assertThat(after.exitCode()).isEqualTo(1);
        assertThat(after.out()).contains("plist      not installed").contains("launchd    not loaded");
        assertThat(cli(args("monitor", "uninstall")).out()).startsWith("the monitor is not installed");

        assertNoToken();
    }

    /** Every output, the plist, the logs, the health state and the textfile: no token, not even its first half. */
    private void assertNoToken() throws Exception {
        List<String> texts = new ArrayList<>(outputs);
        try (Stream<Path> files = Stream.concat(Files.walk(fleet.root.resolve(".fleet")), Files.walk(fleet.root.resolve(".trash")))) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                texts.add(Files.readString(p));
            }
        }
        String token = FleetFixture.tokenFor("luca");
        for (String t : texts) {
            assertThat(t).doesNotContain(token.substring(0, 32)).doesNotContain(token.substring(32));
        }
    }

    @Test
    void statusOfAPlistThatIsNotLoadedAndAStaleTextfileExits1() throws Exception {
        Path textDir = Files.createDirectories(tmp.resolve("t"));
        Path plist = fleet.agents.resolve(MonitorPlist.FILE_NAME);
        Files.write(plist, dev.openclawfleet.plist.PlistWriter.toXml(MonitorPlist.of(new MonitorPlist.Spec(List.of("/bin/true"), textDir,
                fleet.root, fleet.agents, "gui", 10, dev.openclawfleet.model.LiveThresholds.DEFAULT, 60, false, "/usr/bin"))));
        Path textfile = Files.writeString(textDir.resolve("openclaw_fleet.prom"), "x 1\n");
        Files.setLastModifiedTime(textfile, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 600_000));
        CliRun.Result status = cli(args("monitor", "status"));
        assertThat(status.exitCode()).isEqualTo(1);
        assertThat(status.out()).contains("launchd    not loaded\n").containsPattern("refreshed 6\\d\\d s ago \\(stale: over 3 intervals\\)");
    }

    @Test
    void installRefusesAPlistAtItsPathThatIsNotTheMonitorAndLeavesItAlone() throws Exception {
        Path plist = fleet.agents.resolve(MonitorPlist.FILE_NAME);
        String foreign = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<plist version=\"1.0\"><dict><key>Label</key><string>com.example.other</string>"
                + "<key>Program</key><string>/bin/true</string></dict></plist>\n";
        Files.writeString(plist, foreign);
        CliRun.Result r = cli(args("monitor", "install", "--launcher", "/bin/true", "--wait", "0"));
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).contains(plist + " is not fleet's monitor (its Label is not dev.openclawfleet.monitor)");
        assertThat(Files.readString(plist)).isEqualTo(foreign);
        assertThat(launchd.launchctl("print", launchd.gui() + "/" + MonitorPlist.LABEL).exitCode()).isEqualTo(113);
        assertThat(fleet.root.resolve(".fleet")).as("nothing created").doesNotExist();
    }

    @Test
    void withoutLaunchctlNothingIsWritten() {
        CliRun.Result r = new CliRun().env("PATH", "/usr/bin:/bin").run(args("monitor", "install", "--launcher", "/bin/true"));
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).contains("`launchctl` is not on PATH");
        assertThat(fleet.agents.resolve(MonitorPlist.FILE_NAME)).doesNotExist();
        assertThat(fleet.root.resolve(".fleet")).doesNotExist();
    }

    @Test
    void usageErrors() {
        assertThat(cli(args("monitor", "install", "--interval", "5", "--launcher", "/bin/true")).err())
                .contains("--interval must be between 10 (launchd's throttle) and 86400 seconds");
        assertThat(cli(args("monitor", "install", "--launcher", "relative/fleet")).err()).contains("not an executable file");
        assertThat(fleet.agents.resolve(MonitorPlist.FILE_NAME)).doesNotExist();
    }
}
