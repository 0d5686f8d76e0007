package dev.openclawfleet.it;

import dev.openclawfleet.testing.FleetFixture;
import dev.openclawfleet.testing.Sshd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sshd harness the multi-host audit will use: two loopback "Macs", each with its own HOME and
 * launchctl stand-in reached over a real SSH connection in BatchMode; and the failure modes with
 * ssh's own reason (closed port, a key the host refuses, an unknown host key).
 */
@Timeout(120)
class SshdHarnessIT {
    @TempDir
    static Path tmp;
    static Sshd macs;

    @BeforeAll
    static void twoMacs() throws Exception {
        macs = Sshd.start(tmp.resolve("ssh"), "mac1", "mac2");
    }

    @AfterAll
    static void stop() throws Exception {
        if (macs != null) {
            macs.close();
        }
    }

    @Test
    void eachHostReachesItsOwnLaunchctlStandInWithItsOwnHome() throws Exception {
        Sshd.Result empty = macs.ssh("mac1", "launchctl print-disabled gui/$(id -u)");
        assertThat(empty.exitCode()).as(empty.err()).isZero();
        assertThat(empty.out()).isEqualTo("disabled services = {\n}\n");
        assertThat(empty.err()).isEmpty();

        assertThat(macs.ssh("mac1", "launchctl disable gui/$(id -u)/ai.openclaw.luca").exitCode()).isZero();
        assertThat(macs.ssh("mac1", "launchctl print-disabled gui/$(id -u)").out()).contains("\t\"ai.openclaw.luca\" => disabled");
        assertThat(macs.ssh("mac2", "launchctl print-disabled gui/$(id -u)").out()).isEqualTo("disabled services = {\n}\n");

        Sshd.Result env = macs.ssh("mac2", "echo \"$HOME\"; command -v launchctl; id -u");
        assertThat(env.out().lines()).containsExactly(macs.host("mac2").home().toString(),
                Path.of("src/test/standins/launchctl").toAbsolutePath().toString(), Long.toString(FleetFixture.UID));
        assertThat(macs.host("mac1").home()).isNotEqualTo(macs.host("mac2").home());
        assertThat(Files.readString(macs.config())).contains("BatchMode yes").contains("StrictHostKeyChecking yes").doesNotContain("0.0.0.0");
    }

    @Test
    void aClosedPortGivesSshsReason() throws Exception {
        Sshd.Result r = macs.ssh(Sshd.CLOSED, "true");
        assertThat(r.exitCode()).isEqualTo(255);
        assertThat(r.err()).contains("connect to host 127.0.0.1 port").contains("Connection refused");
    }

    @Test
    void aKeyTheHostRefusesGivesSshsReasonWithoutAPrompt() throws Exception {
        Sshd.Result r = macs.ssh("mac1-wrongkey", "true");
        assertThat(r.exitCode()).isEqualTo(255);
        assertThat(r.err()).contains("Permission denied (publickey)");
    }

    @Test
    void anUnknownHostKeyIsRefusedInBatchMode() throws Exception {
        Sshd.Result r = macs.ssh("mac2-unknownkey", "true");
        assertThat(r.exitCode()).isEqualTo(255);
        assertThat(r.err()).contains("Host key verification failed.");
    }
}
