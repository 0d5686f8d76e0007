package dev.openclawfleet.remote;

import dev.openclawfleet.system.ProcessRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The ways a Mac fails that a loopback sshd cannot stage: a machine without launchd (here Linux's
 * own shell, which has no launchctl), one that never answers, and one whose answer is not the
 * collector's. Each becomes one sentence for the host-unreachable finding, never a verdict.
 */
class UnreadableHostTest {
    @TempDir
    Path home;

    private ProcessRunner.Session shell(Duration deadline, String... argv) {
        ProcessRunner runner = new ProcessRunner(Map.of("PATH", "/usr/bin:/bin", "HOME", home.toString()));
        String[] rest = new String[argv.length - 1];
        System.arraycopy(argv, 1, rest, 0, rest.length);
        return runner.start(deadline, argv[0], rest);
    }

    @Test
    void aMachineWithoutLaunchdIsUnreachableForALiveAuditOnly() {
        SshOptions options = SshOptions.of(null, Duration.ofSeconds(10));
        assertThatThrownBy(() -> SshReader.over(shell(options.deadline(), "sh", "-s"), SshTarget.parse("linux-box", "test"), options, true))
                .isInstanceOf(HostUnreachableException.class)
                .hasMessage("it has no launchd: `launchctl` is not on PATH there (not a Mac?)");
        try (SshReader offline = SshReader.over(shell(options.deadline(), "sh", "-s"), SshTarget.parse("linux-box", "test"), options, false)) {
            assertThat(offline.identity().home()).isEqualTo(home);
        }
    }

    @Test
    void aMachineThatNeverAnswersIsStoppedAtItsDeadline() {
        SshOptions options = new SshOptions(null, Duration.ofSeconds(1), Duration.ofSeconds(2));
        // Reads the collector and then says nothing, like a Mac whose shell hangs in a login script.
        assertThatThrownBy(() -> SshReader.over(shell(options.deadline(), "sh", "-c", "cat >/dev/null; sleep 60"),
                SshTarget.parse("silent", "test"), options, false))
                .isInstanceOf(HostUnreachableException.class)
                .hasMessage("no complete answer within 2 s; ssh was stopped");
    }

    @Test
    void aConnectionThatEndsWithoutTheCollectorSaysSo() {
        SshOptions options = SshOptions.of(null, Duration.ofSeconds(10));
        assertThatThrownBy(() -> SshReader.over(shell(options.deadline(), "sh", "-c", "echo 'no shell for you' >&2; exit 1"),
                SshTarget.parse("refuses", "test"), options, false))
                .isInstanceOf(HostUnreachableException.class)
                .hasMessage("the connection closed before the collector answered (ssh exit status 1)");
    }
}
