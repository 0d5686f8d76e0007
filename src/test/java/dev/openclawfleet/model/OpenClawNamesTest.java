package dev.openclawfleet.model;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Which plists the audit parses at all: any that may be OpenClaw's, by name or by text in any encoding a plist uses. */
class OpenClawNamesTest {
    @Test
    void byNameOrByText() {
        assertThat(OpenClawNames.mayConcern("ai.openclaw.luca.plist", null)).isTrue();
        assertThat(OpenClawNames.mayConcern("com.clawdbot.gateway.plist", null)).isTrue();
        assertThat(OpenClawNames.mayConcern("bot.molt.gateway.plist", null)).isTrue();
        assertThat(OpenClawNames.mayConcern("com.me.MoltBot.plist", null)).isTrue();
        assertThat(OpenClawNames.mayConcern("com.me.bot.plist", "<string>/opt/homebrew/bin/OpenClaw</string>".getBytes(StandardCharsets.UTF_8)))
                .isTrue();
        assertThat(OpenClawNames.mayConcern("com.me.bot.plist", "<string>openclaw</string>".getBytes(StandardCharsets.UTF_16BE))).isTrue();
        assertThat(OpenClawNames.mayConcern("com.me.bot.plist", "<string>openclaw</string>".getBytes(StandardCharsets.UTF_16LE))).isTrue();
        assertThat(OpenClawNames.mayConcern("com.apple.backup.plist", "<string>rsync</string>".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(OpenClawNames.mayConcern("com.apple.backup.plist", null)).isFalse();
        assertThat(OpenClawNames.mayConcern("x.plist", "open claw".getBytes(StandardCharsets.UTF_8))).isFalse();
    }
}
