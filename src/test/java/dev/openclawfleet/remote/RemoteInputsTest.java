package dev.openclawfleet.remote;

import dev.openclawfleet.model.FleetException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the multi-host audit accepts from the user (host specs, the hosts file) and from the collector (frames), and the ssh it runs. */
class RemoteInputsTest {
    @Test
    void hostSpecs() {
        assertThat(SshTarget.parse("mac-mini", "--host")).isEqualTo(new SshTarget("mac-mini", null, "mac-mini", null, null, null));
        assertThat(SshTarget.parse("me@studio.local:2222", "--host"))
                .isEqualTo(new SshTarget("me@studio.local:2222", "me", "studio.local", 2222, null, null));
        assertThat(SshTarget.parse("admin@[fe80::1]:22", "--host").host()).isEqualTo("fe80::1");
        for (String bad : List.of("-oProxyCommand=x", "me@", "host:0", "host:99999", "a b", "host;rm", "", "me@-x")) {
            assertThatThrownBy(() -> SshTarget.parse(bad, "--host")).as(bad).isInstanceOf(FleetException.class)
                    .satisfies(e -> assertThat(((FleetException) e).exitCode()).isEqualTo(2));
        }
    }

    @Test
    void theHostsFile() {
        List<SshTarget> hosts = HostsFile.parse(String.join("\n",
                "# the team's Macs",
                "mac-mini",
                "   me@studio.local:2222   root=/Users/me/bots agents-dir=~/Library/LaunchAgents  # the big one",
                "",
                "ops@build \"root=/Volumes/Fleet Disk/root\""), "hosts");
        assertThat(hosts).extracting(SshTarget::spec).containsExactly("mac-mini", "me@studio.local:2222", "ops@build");
        assertThat(hosts.get(1).root()).isEqualTo("/Users/me/bots");
        assertThat(hosts.get(1).agentsDir()).isEqualTo("~/Library/LaunchAgents");
        assertThat(hosts.get(2).root()).isEqualTo("/Volumes/Fleet Disk/root");
        assertThat(hosts.get(0).root()).isNull();
    }

    @Test
    void aBadHostsFileSaysWhichLine() {
        assertThatThrownBy(() -> HostsFile.parse("mac1\nmac2 port=22\n", "hosts")).hasMessage(
                "hosts line 2: 'port=22' is not root=PATH or agents-dir=PATH (each at most once)");
        assertThatThrownBy(() -> HostsFile.parse("mac1\nmac1\n", "hosts")).hasMessage("hosts line 2: mac1 is listed twice");
        assertThatThrownBy(() -> HostsFile.parse("# nothing\n\n", "hosts")).hasMessageContaining("no host in it");
        assertThatThrownBy(() -> HostsFile.parse("mac1 \"root=/x\n", "hosts")).hasMessage("hosts line 1: a double quote is not closed");
        assertThatThrownBy(() -> HostsFile.parse("mac1 root=/a root=/b", "hosts")).hasMessageContaining("'root=/b'");
        assertThatThrownBy(() -> HostsFile.parse("mac#1", "hosts")).as("a # inside a word is not a comment")
                .hasMessage("hosts line 1: 'mac#1' is not [user@]host[:port]");
    }

    @Test
    void sshNeverPromptsAndForwardsNothing() {
        SshTarget t = SshTarget.parse("me@mac:2222", "--host");
        assertThat(SshReader.sshArguments(t, SshOptions.of(Path.of("/home/me/ssh_config"), Duration.ofSeconds(7)))).containsExactly(
                "-F", "/home/me/ssh_config", "-o", "BatchMode=yes", "-o", "ConnectTimeout=7", "-o", "LogLevel=ERROR", "-T", "-x", "-a",
                "-e", "none", "-p", "2222", "-l", "me", "--", "mac", "exec /bin/sh -s");
        assertThat(SshReader.sshArguments(SshTarget.parse("mac", "--host"), SshOptions.of(null, Duration.ofSeconds(10))))
                .doesNotContain("-F", "-p", "-l").endsWith("--", "mac", "exec /bin/sh -s");
        assertThat(SshOptions.of(null, Duration.ofSeconds(10)).deadline()).isEqualTo(Duration.ofSeconds(60));
        assertThat(SshOptions.of(null, Duration.ofSeconds(30)).deadline()).isEqualTo(Duration.ofSeconds(180));
    }

    @Test
    void aPathWithALineBreakIsNeverSent() {
        assertThat(SshReader.request(new dev.openclawfleet.model.HostQuery.ReadFile(Path.of("/a\nquit"), 10))).isNull();
        assertThat(SshReader.request(dev.openclawfleet.model.HostQuery.Run.of("launchctl", "print", "gui/501/x\n1 ps"))).isNull();
        assertThat(SshReader.request(dev.openclawfleet.model.HostQuery.Run.of("rm", "-rf", "/"))).isNull();
        assertThat(SshReader.request(new dev.openclawfleet.model.HostQuery.ReadFile(Path.of("/Users/me/a b/c"), 10)))
                .isEqualTo("read 10 /Users/me/a b/c");
    }

    private static Frames frames(String text, long budget) {
        return new Frames(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), budget);
    }

    @Test
    void framesAreDecodedWithinTheirBounds() throws IOException {
        String body = Base64.getEncoder().encodeToString("hello".getBytes(StandardCharsets.UTF_8));
        Frames f = frames("Last login: banner\n@0 hello u=501 H=~" + Base64.getEncoder().encodeToString("/Users/a b".getBytes(StandardCharsets.UTF_8))
                + "\n.\n@1 f k=reg c=1\n" + body + "\n.\n", 1000);
        Frames.Frame hello = f.greeting();
        assertThat(hello.number("u", -1)).isEqualTo(501);
        assertThat(hello.field("H")).isEqualTo("/Users/a b");
        Frames.Frame file = f.next(5);
        assertThat(new String(file.body(), StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(f.next(5)).isNull();
        Frames.Frame numbers = frames("@7 f u=-2 s=12a t= m=- x=99999999999999999999 " + "\n" + " aGk=\r\n.\n", 1000).next(10);
        assertThat(numbers.id()).isEqualTo(7);
        assertThat(numbers.number("u", -1)).isEqualTo(-2);
        assertThat(List.of(numbers.number("s", 0), numbers.number("t", 0), numbers.number("m", 0), numbers.number("x", 0))).containsOnly(0L);
        assertThat(new String(numbers.body(), StandardCharsets.UTF_8)).isEqualTo("hi");
        String big = Base64.getEncoder().encodeToString(new byte[200_000]);
        assertThat(frames("@1 f\n" + big.substring(0, 100_000) + "\n" + big.substring(100_000) + "\n.\n", 1_000_000).next(200_000).body())
                .hasSize(200_000);

        assertThatThrownBy(() -> frames("@1 f\n" + body + "\n.\n", 1000).next(4)).isInstanceOf(Frames.ProtocolException.class)
                .hasMessageContaining("larger than the 4 bytes");
        assertThatThrownBy(() -> frames("@1 f\n" + body + "\n.\n", 10).next(5)).hasMessageContaining("more than the audit's limit");
        assertThatThrownBy(() -> frames("@1 f\n" + body, 1000).next(5)).hasMessageContaining("ended inside a frame");
        assertThatThrownBy(() -> frames("@1 f\n!!!!\n.\n", 1000).next(5)).hasMessageContaining("not base64");
        assertThatThrownBy(() -> frames("garbage\n", 1000).next(5)).hasMessageContaining("does not start with @");
        assertThatThrownBy(() -> frames("@x f\n.\n", 1000).next(5)).hasMessageContaining("malformed");
        assertThatThrownBy(() -> frames("@1 f " + "k".repeat(20_000) + "\n.\n", 1_000_000).next(5)).hasMessageContaining("longer than");
        assertThatThrownBy(() -> frames("noise\n".repeat(300), 1_000_000).greeting()).hasMessageContaining("no collector greeting");
    }
}
