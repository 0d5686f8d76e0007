package dev.openclawfleet.model;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Text we did not write loses its secrets before it is shown, and keeps everything else. */
class RedactionTest {
    @Test
    void knownTokensFlagsAssignmentsAndLongRunsGo() {
        Secret known = Secret.of("short-but-known");
        String line = "node /opt/homebrew/lib/node_modules/openclaw/dist/index.js gateway --port 18789 --token abc123 "
                + "OPENCLAW_GATEWAY_TOKEN=xyz password=hunter2 auth short-but-known "
                + "0123456789abcdef0123456789abcdef0123 sk_live_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
        String out = Redaction.redact(line, List.of(known));
        assertThat(out).contains("/opt/homebrew/lib/node_modules/openclaw/dist/index.js gateway --port 18789")
                .contains("--token ***").contains("OPENCLAW_GATEWAY_TOKEN=***").contains("password=***")
                .contains(known.fingerprint())
                .doesNotContain("abc123").doesNotContain("xyz").doesNotContain("hunter2").doesNotContain("short-but-known")
                .doesNotContain("0123456789abcdef0123").doesNotContain("aaaaaaaaaaaaaaaaaaaa");
    }

    @Test
    void ordinaryTextIsLeftAlone() {
        String line = "listening on ws://127.0.0.1:18789 (pid 812); agent main ready";
        assertThat(Redaction.redact(line, List.of())).isEqualTo(line);
    }
}
