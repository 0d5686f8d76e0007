package dev.openclawfleet.it;

import dev.openclawfleet.launchd.Launchctl;
import dev.openclawfleet.launchd.LaunchctlError;
import dev.openclawfleet.launchd.LaunchctlException;
import dev.openclawfleet.model.ServiceRecord;
import dev.openclawfleet.system.ProcessRunner;
import dev.openclawfleet.testing.CliRun;
import dev.openclawfleet.testing.FleetFixture;
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
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The launchctl facade against the stand-in: every error mapping of the live issue, and the process budget of an audit. */
@Timeout(120)
class LaunchctlIT {
    @TempDir
    Path tmp;
    StandIn launchd;
    FleetFixture fleet;

    @BeforeEach
    void setUp() throws Exception {
        launchd = new StandIn(tmp);
        fleet = FleetFixture.withFakeGateway(tmp);
    }

    @AfterEach
    void tearDown() throws Exception {
        launchd.close();
    }

    private Launchctl launchctl(Duration timeout, Duration retry) {
        return new Launchctl(new ProcessRunner(launchd.env()), launchd.gui(), timeout, retry);
    }

    private Launchctl launchctl() {
        return launchctl(Duration.ofSeconds(10), Duration.ofSeconds(10));
    }

    @Test
    void bootstrapPrintKickstartBootout() throws Exception {
        int port = StandIn.freePort();
        Path plist = fleet.instance("luca", port).write();
        Launchctl l = launchctl();
        assertThat(l.print("ai.openclaw.luca")).isEmpty();
        l.enable("ai.openclaw.luca");
        l.bootstrap("ai.openclaw.luca", plist);
        StandIn.await(Duration.ofSeconds(20), "listening", () -> StandIn.listening(port));
        ServiceRecord record = l.print("ai.openclaw.luca").orElseThrow();
        assertThat(record.running()).isTrue();
        assertThat(record.path()).isEqualTo(plist.toString());
        assertThat(l.list()).anySatisfy(e -> assertThat(e.label()).isEqualTo("ai.openclaw.luca"));
        assertThat(l.list("ai.openclaw.luca")).hasValueSatisfying(listing -> assertThat(listing.pid()).isEqualTo(record.pid()));
        l.kickstart("ai.openclaw.luca", true);
        StandIn.await(Duration.ofSeconds(20), "restarted", () -> l.print("ai.openclaw.luca").map(ServiceRecord::runs).orElse(0L) >= 2);
        assertThat(l.bootout("ai.openclaw.luca")).isTrue();
        assertThat(l.bootout("ai.openclaw.luca")).as("second bootout: not loaded").isFalse();
        StandIn.await(Duration.ofSeconds(20), "port released", () -> !StandIn.listening(port));
    }

    @Test
    void error5IsRetriedUntilTheTeardownIsOver() throws Exception {
        Path plist = fleet.instance("luca", StandIn.freePort()).write();
        launchd.fault("bootstrap-eio", "3");
        launchctl().bootstrap("ai.openclaw.luca", plist);
        assertThat(launchctl().print("ai.openclaw.luca")).isPresent();
        assertThat(Files.readString(launchd.state.resolve("faults/bootstrap-eio")).strip()).isEqualTo("0");
    }

    @Test
    void error5ForeverGivesUpWithAClearMessage() throws Exception {
        Path plist = fleet.instance("luca", StandIn.freePort()).write();
        launchd.fault("bootstrap-eio", "1000");
        assertThatThrownBy(() -> launchctl(Duration.ofSeconds(10), Duration.ofSeconds(2)).bootstrap("ai.openclaw.luca", plist))
                .isInstanceOf(LaunchctlException.class)
                .hasMessageContaining("kept failing with `Bootstrap failed: 5: Input/output error` for 2 s")
                .hasMessageContaining("plutil -lint");
    }

    @Test
    void alreadyLoadedAs5Or37IsSuccess() throws Exception {
        Path plist = fleet.instance("luca", StandIn.freePort()).write();
        launchctl().bootstrap("ai.openclaw.luca", plist);
        launchctl().bootstrap("ai.openclaw.luca", plist);
        launchd.set("LAUNCHCTL_STANDIN_ALREADY_LOADED_ERRNO", "37");
        launchctl().bootstrap("ai.openclaw.luca", plist);
        assertThat(launchctl().print("ai.openclaw.luca")).isPresent();
    }

    @Test
    void disabledBadPermissionsAndMissingProgram() throws Exception {
        Path plist = fleet.instance("luca", StandIn.freePort()).write();
        launchctl().disable("ai.openclaw.luca");
        assertThatThrownBy(() -> launchctl().bootstrap("ai.openclaw.luca", plist)).isInstanceOf(LaunchctlException.class)
                .satisfies(e -> assertThat(((LaunchctlException) e).kind()).isEqualTo(LaunchctlError.Kind.DISABLED))
                .hasMessageContaining("error 119").hasMessageContaining("launchctl enable " + launchd.gui() + "/ai.openclaw.luca");

        Path loose = fleet.instance("critic", StandIn.freePort()).plistMode("rw-rw-rw-").write();
        assertThatThrownBy(() -> launchctl().bootstrap("ai.openclaw.critic", loose))
                .satisfies(e -> assertThat(((LaunchctlException) e).kind()).isEqualTo(LaunchctlError.Kind.BAD_PERMISSIONS))
                .hasMessageContaining(loose + " (error 122").hasMessageContaining("chmod 644");

        Path noProgram = fleet.instance("ops", StandIn.freePort()).plist(p -> p.remove("ProgramArguments")).write();
        assertThatThrownBy(() -> launchctl().bootstrap("ai.openclaw.ops", noProgram))
                .satisfies(e -> assertThat(((LaunchctlException) e).kind()).isEqualTo(LaunchctlError.Kind.MISSING_PROGRAM))
                .hasMessageContaining("error 111");
    }

    @Test
    void noGuiDomainSuggestsLoggingInOrTheUserDomain() throws Exception {
        Path plist = fleet.instance("luca", StandIn.freePort()).write();
        launchd.fault("no-gui", "");
        assertThatThrownBy(() -> launchctl().bootstrap("ai.openclaw.luca", plist))
                .satisfies(e -> assertThat(((LaunchctlException) e).kind()).isEqualTo(LaunchctlError.Kind.NO_DOMAIN))
                .hasMessageContaining("Log in at the Mac").hasMessageContaining("--domain user");
        assertThatThrownBy(() -> launchctl().print("ai.openclaw.luca"))
                .satisfies(e -> assertThat(((LaunchctlException) e).kind()).isEqualTo(LaunchctlError.Kind.NO_DOMAIN));
        Launchctl user = new Launchctl(new ProcessRunner(launchd.env()), "user/" + FleetFixture.UID, Duration.ofSeconds(10), Duration.ofSeconds(5));
        user.bootstrap("ai.openclaw.luca", plist);
        assertThat(user.print("ai.openclaw.luca")).isPresent();
    }

    @Test
    void aHangingCallIsKilledAtTheTimeout() throws Exception {
        launchd.fault("hang", "print");
        assertThatThrownBy(() -> launchctl(Duration.ofSeconds(1), Duration.ofSeconds(1)).print("ai.openclaw.luca"))
                .hasMessageContaining("did not answer within 1 s and was killed");
    }

    @Test
    void anAuditCallsListLsofPsAndPrintDisabledOnceAndPrintsEachJobTheListDoesNotShow() throws Exception {
        Path log = tmp.resolve("calls.log");
        Path bin = Files.createDirectories(tmp.resolve("counting-bin"));
        for (String tool : List.of("launchctl", "lsof", "ps")) {
            String real = tool.equals("launchctl") ? StandIn.DIR.resolve("launchctl").toString() : "/usr/bin/" + tool;
            Path wrapper = bin.resolve(tool);
            Files.writeString(wrapper, "#!/bin/sh\necho \"" + tool + " $*\" >> '" + log + "'\nexec '" + real + "' \"$@\"\n");
            Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        int base = StandIn.freePort();
        for (int i = 0; i < 12; i++) {
            fleet.instance("n" + i, base + 20 * i).write();
        }
        CliRun.Result r = launchd.cli().env("PATH", bin + ":" + launchd.env().get("PATH"))
                .run("audit", "--agents-dir", fleet.agents.toString(), "--root", fleet.root.toString());
        assertThat(r.out()).contains("12 instances");
        List<String> calls = Files.readAllLines(log);
        assertThat(calls.stream().filter(c -> c.startsWith("lsof "))).hasSize(1);
        assertThat(calls.stream().filter(c -> c.startsWith("ps "))).hasSize(1);
        assertThat(calls.stream().filter(c -> c.equals("launchctl list"))).hasSize(1);
        assertThat(calls.stream().filter(c -> c.startsWith("launchctl print-disabled "))).hasSize(1);
        // None of them is loaded: the list does not show them, so each is printed once (LiveDetail).
        assertThat(calls.stream().filter(c -> c.startsWith("launchctl print gui/"))).hasSize(12).doesNotHaveDuplicates();
        assertThat(calls).hasSize(16);
    }

}
