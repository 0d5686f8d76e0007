package dev.openclawfleet.system;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Names match patterns as the collector's shell expands them, dot files included only by dot patterns. */
class GlobsTest {
    @Test
    void starsAndDots() {
        assertThat(Globs.matches("ai.openclaw.luca.plist", "*.plist")).isTrue();
        assertThat(Globs.matches("ai.openclaw.luca.plist.bak", "*.plist")).isFalse();
        assertThat(Globs.matches(".hidden.plist", "*.plist")).as("a leading dot needs a dot pattern").isFalse();
        assertThat(Globs.matches(".openclaw-luca", ".openclaw-*")).isTrue();
        assertThat(Globs.matches(".openclaw-", ".openclaw-*")).isTrue();
        assertThat(Globs.matches("gateway.3f2a9c1d.lock", "gateway.*.lock")).isTrue();
        assertThat(Globs.matches("gateway.lock", "gateway.*.lock")).isFalse();
        assertThat(Globs.matches("tmp", "tmp")).isTrue();
        assertThat(Globs.matchesAny("..", List.of(".*", "*"))).isFalse();
        assertThat(Globs.matchesAny("sessions", List.of("openclaw.json", "sessions"))).isTrue();
    }
}
