package dev.openclawfleet.model;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Text we did not write loses its secrets before it is shown, and keeps everything else. */
class RedactionTest {
    @Test
    void knownTokensFlagsAssignmentsAndLongRunsGo() {
        Secret known = Secret.of("long-enough-known-token");
        String line = "node /opt/homebrew/lib/node_modules/openclaw/dist/index.js gateway --port 18789 --token abc123 "
                + "OPENCLAW_GATEWAY_TOKEN=xyz password=hunter2 auth long-enough-known-token "
                + "0123456789abcdef0123456789abcdef0123 sk_live_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
        String out = Redaction.redact(line, List.of(known));
        assertThat(out).contains("/opt/homebrew/lib/node_modules/openclaw/dist/index.js gateway --port 18789")
                .contains("--token ***").contains("OPENCLAW_GATEWAY_TOKEN=***").contains("password=***")
                .contains(known.fingerprint())
                .doesNotContain("abc123").doesNotContain("xyz").doesNotContain("hunter2").doesNotContain("long-enough-known-token")
                .doesNotContain("0123456789abcdef0123").doesNotContain("aaaaaaaaaaaaaaaaaaaa");
    }

    @Test
    void everyKnownTokenShortOnesBearerAndBasicGo() {
        Secret mine = Secret.of("a".repeat(40) + "mine");
        Secret other = Secret.of("another-instance-token-0001");
        Secret tiny = Secret.of("t0k");
        String line = "auth ok for " + other.reveal() + " (t0k) with Authorization: Bearer eyJhbGciOi.payload.sig and Basic dXNlcjpwYXNz;"
                + " t0ken stays, " + mine.reveal();
        String out = Redaction.redact(line, List.of(mine, other, tiny));
        assertThat(out).contains(other.fingerprint()).contains("(***)").contains("Bearer ***").contains("Basic ***")
                .contains("t0ken stays").contains(mine.fingerprint())
                .doesNotContain(other.reveal()).doesNotContain("(t0k)").doesNotContain("eyJhbGciOi").doesNotContain("dXNlcjpwYXNz")
                .doesNotContain(mine.reveal());
        assertThat(tiny.fingerprint()).as("a short token's fingerprint is never shown: it could be reversed").isNotIn(out);
    }

    @Test
    void controlCharactersAreEscapedButTabsKept() {
        assertThat(dev.openclawfleet.model.Text.withoutControls("a\tb\u001b[2J\rc\u0007")).isEqualTo("a\tb\\u001b[2J\\rc\\u0007");
    }

    @Test
    void ordinaryTextIsLeftAlone() {
        String line = "listening on ws://127.0.0.1:18789 (pid 812); agent main ready";
        assertThat(Redaction.redact(line, List.of())).isEqualTo(line);
    }

    @Test
    void aPreparedRedactorReplacesEveryKnownTokenAmongThousandsAndLeavesCleanTextAlone() {
        List<Secret> many = new java.util.ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            many.add(Secret.of(String.format("%064x", i * 7919L + 1)));
        }
        Secret inner = Secret.of("overlapping-token-0123456789");
        Secret outer = Secret.of("x-overlapping-token-0123456789-y");
        many.add(inner);
        many.add(outer);
        many.add(Secret.of("t0k"));
        Redaction.Known known = new Redaction.Known(many);
        String clean = "luca (18789) and critic (18793) are only 4 ports apart";
        assertThat(known.apply(clean)).isSameAs(clean);
        String text = "a " + many.get(1234).reveal() + " b " + outer.reveal() + " c " + inner.reveal() + " d t0k e";
        assertThat(known.apply(text)).isEqualTo(Redaction.knownOnly(text, many))
                .isEqualTo("a " + many.get(1234).fingerprint() + " b " + outer.fingerprint() + " c " + inner.fingerprint() + " d *** e");
    }

    @Test
    void tokensAreFoundAtEitherEndSharingAPrefixAndBeyondLatin1() {
        Secret first = Secret.of("0123456789abcdefFIRST");
        Secret second = Secret.of("0123456789abcdefSECOND"); // the same first 16 characters
        Secret exact = Secret.of("exactly16chars!!");
        Secret wide = Secret.of("\u00e9t\u00e9-\u4e2d\u6587-token-\u00fc\u00f1\u00ee");
        Redaction.Known known = new Redaction.Known(List.of(first, second, exact, wide));
        assertThat(known.apply(second.reveal())).isEqualTo(second.fingerprint());
        assertThat(known.apply(exact.reveal())).isEqualTo(exact.fingerprint());
        assertThat(known.apply("x" + exact.reveal())).isEqualTo("x" + exact.fingerprint());
        assertThat(known.apply(first.reveal() + " " + second.reveal()))
                .isEqualTo(first.fingerprint() + " " + second.fingerprint());
        assertThat(known.apply("[" + wide.reveal() + "]")).isEqualTo("[" + wide.fingerprint() + "]");
        assertThat(known.apply("0123456789abcdeX and exactly16chars!")).isEqualTo("0123456789abcdeX and exactly16chars!");
        assertThat(new Redaction.Known(List.of()).apply("exactly16chars!!")).isEqualTo("exactly16chars!!");
    }
}
