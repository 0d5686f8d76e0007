package dev.openclawfleet.launchd;

import dev.openclawfleet.model.LastExit;
import dev.openclawfleet.model.ServiceRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/** PrintParser against the real launchctl print captures and hand-made variations of them. */
class PrintParserTest {

    static String sample(String name) {
        try (InputStream in = PrintParserTest.class.getResourceAsStream("/launchctl-samples/" + name)) {
            assertThat(in).as("test resource %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void crashLoopSample() {
        ServiceRecord r = PrintParser.parse(sample("print-crash-loop-ex-config.txt"));

        assertThat(r.target()).isEqualTo("gui/501/yyh.CLI-Pulse.helper.agent");
        assertThat(r.label()).isEqualTo("yyh.CLI-Pulse.helper.agent");
        assertThat(r.domain()).isEqualTo("gui/501");
        assertThat(r.path()).isEqualTo("(submitted by smd.553)");
        assertThat(r.type()).isEqualTo("Submitted");
        // the coalition blocks say "state = active": only the one-tab line counts
        assertThat(r.state()).isEqualTo("spawn scheduled");
        assertThat(r.runs()).isEqualTo(22138L);
        assertThat(r.lastExit()).isEqualTo(new LastExit.Code(78, "EX_CONFIG"));
        assertThat(r.exitCode()).contains(78);
        assertThat(r.jobState()).isEqualTo("spawn failed");
        assertThat(r.pid()).isNull();
        assertThat(r.running()).isFalse();
        assertThat(r.program()).isNull();
        assertThat(r.arguments()).containsExactly("cli_pulse_helper", "daemon", "--interval", "120");
        assertThat(r.environment()).isEmpty();
        assertThat(r.lastSignal()).isNull();
        assertThat(r.lastSignalNumber()).isNull();
        assertThat(r.lastExitReason()).isNull();
        assertThat(r.properties()).isEmpty();
        // nested blocks say "active count = 1" and carry "ID"/"name": none of it reaches the top level
        assertThat(r.topLevel()).containsEntry("active count", "0")
                .containsEntry("program identifier", "Contents/Helpers/cli_pulse_helper (mode: 2)")
                .containsEntry("domain", "gui/501 [100015]")
                .containsEntry("spawn type", "background (5)")
                .doesNotContainKeys("ID", "name", "arguments", "resource coalition");
        assertThat(r.topLevel()).hasSize(17);
    }

    @Test
    void runningWithLastSignalSample() {
        ServiceRecord r = PrintParser.parse(sample("print-running-last-signal.txt"));

        assertThat(r.target()).isEqualTo("gui/501/com.mattstack.deck.chat");
        assertThat(r.state()).isEqualTo("running");
        assertThat(r.running()).isTrue();
        assertThat(r.pid()).isEqualTo(17594);
        assertThat(r.pidValue()).contains(17594);
        assertThat(r.runs()).isEqualTo(103L);
        assertThat(r.lastExit()).isNull();
        assertThat(r.exitCode()).isEmpty();
        assertThat(r.lastSignal()).isEqualTo("Terminated: 15");
        assertThat(r.lastSignalNumber()).isEqualTo(15);
        assertThat(r.signal()).contains(15);
        assertThat(r.properties()).containsExactly("keepalive", "runatload", "inferred program");
        assertThat(r.hasProperty("keepalive")).isTrue();
        assertThat(r.hasProperty("inferred")).isFalse();
        assertThat(r.path()).isEqualTo("/Users/tester/Library/LaunchAgents/com.mattstack.deck.chat.plist");
        assertThat(r.type()).isEqualTo("LaunchAgent");
        assertThat(r.program()).isEqualTo("/Applications/mattstack.app/Contents/Helpers/chat");
        assertThat(r.arguments()).containsExactly("/Applications/mattstack.app/Contents/Helpers/chat");
        assertThat(r.jobState()).isNull();
        // only the block named "environment": not "inherited environment" (SSH_AUTH_SOCK) nor "default environment"
        assertThat(r.environment()).containsExactly(
                entry("OSLogRateLimit", "64"),
                entry("PORT", "11002"),
                entry("PATH", "/Applications/mattstack.app/Contents/Helpers:/Users/tester/.local/bin:/Users/tester/.bun/bin:"
                        + "/Users/tester/.cargo/bin:/opt/homebrew/bin:/opt/homebrew/sbin:/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin"),
                entry("MATTSTACK_CANONICAL_HOST", "chat.mattstack"),
                entry("XPC_SERVICE_NAME", "com.mattstack.deck.chat"));
        assertThat(r.topLevel())
                .containsEntry("checked allocations", "0 (queried = 1)")
                .containsEntry("jetsam memory limit (active)", "(unlimited)")
                .containsEntry("working directory", "/Users/tester/.mattstack/chat")
                // "submitted job. ignore execute allowed" has no " = ": not a key
                .doesNotContainKey("submitted job. ignore execute allowed");
        assertThat(r.value("immediate reason")).contains("inefficient");
        assertThat(r.value("no such key")).isEmpty();
    }

    @Test
    void runningNeverExitedSample() {
        ServiceRecord r = PrintParser.parse(sample("print-running-never-exited.txt"));

        assertThat(r.lastExit()).isEqualTo(new LastExit.Never());
        assertThat(r.exitCode()).isEmpty();
        assertThat(r.runs()).isEqualTo(1L);
        assertThat(r.pid()).isEqualTo(3246);
        assertThat(r.running()).isTrue();
        assertThat(r.lastSignal()).isNull();
        assertThat(r.program()).isEqualTo("/Users/tester/.bun/bin/bun");
        assertThat(r.arguments()).containsExactly("/Users/tester/.bun/bin/bun", "server/index.ts");
        assertThat(r.environment()).hasSize(6).containsEntry("PORT", "11010").containsEntry("SERVE_STATIC", "1");
        assertThat(r.properties())
                .containsExactly("keepalive", "runatload", "inferred program", "managed LWCR", "has LWCR");
    }

    @Test
    void notFoundOutputHasNoHeader() {
        assertThatThrownBy(() -> PrintParser.parse(sample("print-not-found.txt")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no '<domain>/<label> = {' header");
    }

    @Test
    void emptyAndNullInputThrow() {
        assertThatThrownBy(() -> PrintParser.parse("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PrintParser.parse(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PrintParser.parse("\tstate = running\n")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void headerAloneGivesAnEmptyRecord() {
        ServiceRecord r = PrintParser.parse("gui/501/com.x = {\n}\n");

        assertThat(r.target()).isEqualTo("gui/501/com.x");
        assertThat(r.state()).isNull();
        assertThat(r.pid()).isNull();
        assertThat(r.runs()).isNull();
        assertThat(r.lastExit()).isNull();
        assertThat(r.arguments()).isEmpty();
        assertThat(r.environment()).isEmpty();
        assertThat(r.properties()).isEmpty();
        assertThat(r.topLevel()).isEmpty();
        assertThat(r.running()).isFalse();
    }

    @Test
    void crlfInputParsesLikeLf() {
        String lf = sample("print-running-last-signal.txt");
        ServiceRecord crlf = PrintParser.parse(lf.replace("\n", "\r\n"));

        assertThat(crlf).isEqualTo(PrintParser.parse(lf));
        assertThat(crlf.environment().get("PORT")).isEqualTo("11002");
        assertThat(crlf.properties()).contains("inferred program");
    }

    @Test
    void trailingSpacesAreIgnored() {
        String text = "gui/501/com.x = {   \n\tstate = running  \n\tpid = 42 \n\targuments = { \n\t\tnode  \n\t} \n}  \n";
        ServiceRecord r = PrintParser.parse(text);

        assertThat(r.target()).isEqualTo("gui/501/com.x");
        assertThat(r.state()).isEqualTo("running");
        assertThat(r.pid()).isEqualTo(42);
        assertThat(r.arguments()).containsExactly("node");
    }

    @Test
    void nestedKeysNeverOverrideTopLevelOnes() {
        String text = """
                gui/501/com.x = {
                \tendpoints = {
                \t\tstate = active
                \t\tpid = 99
                \t\t"com.x.port" = {
                \t\t\tstate = active
                \t\t\tport = 0x1234
                \t\t}
                \t}
                \tevent triggers = {
                \t\tcom.x.trigger => {
                \t\t\tstate = fired
                \t\t}
                \t}
                \tstate = not running
                \truns = 0
                }
                """;
        ServiceRecord r = PrintParser.parse(text);

        assertThat(r.state()).isEqualTo("not running");
        assertThat(r.pid()).isNull();
        assertThat(r.runs()).isZero();
        assertThat(r.topLevel()).containsOnlyKeys("state", "runs");
    }

    @Test
    void nestedStateBeforeTopLevelStateDoesNotWin() {
        String text = "gui/501/com.x = {\n\tresource coalition = {\n\t\tstate = active\n\t}\n\tstate = spawn scheduled\n}\n";
        assertThat(PrintParser.parse(text).state()).isEqualTo("spawn scheduled");
    }

    @Test
    void unknownKeysAndLinesAreKeptOrSkippedNeverFatal() {
        String text = """
                gui/501/com.x = {
                \tstate = running
                \tquantum flux = 7 (stable = yes)
                \tsome flag without value
                \tbrand new block = {
                \t\twhatever => 1
                \t}
                \tempty value =
                \tpid = 12
                }
                """;
        ServiceRecord r = PrintParser.parse(text);

        assertThat(r.running()).isTrue();
        assertThat(r.topLevel()).containsEntry("quantum flux", "7 (stable = yes)")
                .containsEntry("empty value", "")
                .doesNotContainKeys("some flag without value", "brand new block", "whatever");
        assertThat(r.environment()).isEmpty();
    }

    @Test
    void unreadableNumbersBecomeNull() {
        String text = "gui/501/com.x = {\n\tstate = running\n\tpid = none\n\truns = many\n\tlast exit code = (unknown)\n}\n";
        ServiceRecord r = PrintParser.parse(text);

        assertThat(r.pid()).isNull();
        assertThat(r.runs()).isNull();
        assertThat(r.lastExit()).isNull();
        assertThat(r.running()).as("running needs a pid").isFalse();
        assertThat(r.topLevel()).containsEntry("last exit code", "(unknown)");
    }

    @Test
    void lastExitCodeForms() {
        assertThat(lastExitOf("0")).isEqualTo(new LastExit.Code(0, null));
        assertThat(lastExitOf("1")).isEqualTo(new LastExit.Code(1, null));
        assertThat(lastExitOf("78: EX_CONFIG")).isEqualTo(new LastExit.Code(78, "EX_CONFIG"));
        assertThat(lastExitOf("1: Operation not permitted")).isEqualTo(new LastExit.Code(1, "Operation not permitted"));
        assertThat(lastExitOf("-1")).isEqualTo(new LastExit.Code(-1, null));
        assertThat(lastExitOf("(never exited)")).isEqualTo(new LastExit.Never());
    }

    private static LastExit lastExitOf(String value) {
        return PrintParser.parse("gui/501/com.x = {\n\tlast exit code = " + value + "\n}\n").lastExit();
    }

    @Test
    void lastSignalAndExitReason() {
        String text = "gui/501/com.x = {\n\tlast terminating signal = Killed: 9\n\tlast exit reason = OS_REASON_CODESIGNING\n}\n";
        ServiceRecord r = PrintParser.parse(text);

        assertThat(r.lastSignal()).isEqualTo("Killed: 9");
        assertThat(r.lastSignalNumber()).isEqualTo(9);
        assertThat(r.lastExitReason()).isEqualTo("OS_REASON_CODESIGNING");
        assertThat(r.lastExit()).isNull();
    }

    @Test
    void truncatedInputKeepsWhatWasRead() {
        String full = sample("print-running-last-signal.txt");
        String cut = full.substring(0, full.indexOf("\t\tPATH => /Applications"));
        ServiceRecord r = PrintParser.parse(cut);

        assertThat(r.state()).isEqualTo("running");
        assertThat(r.environment()).containsOnlyKeys("OSLogRateLimit", "PORT");
        assertThat(r.pid()).as("pid comes after the cut").isNull();
        assertThat(r.runs()).isNull();
    }

    @Test
    void missingClosingBraceOfABlockEndsItAtTheNextTopLevelKey() {
        String text = "gui/501/com.x = {\n\targuments = {\n\t\tnode\n\t\tgateway\n\tstate = running\n\tpid = 7\n";
        ServiceRecord r = PrintParser.parse(text);

        assertThat(r.arguments()).containsExactly("node", "gateway");
        assertThat(r.state()).isEqualTo("running");
        assertThat(r.running()).isTrue();
    }

    @Test
    void textAfterTheClosingBraceIsIgnoredAndNoiseBeforeTheHeaderIsSkipped() {
        String text = "Warning: something\ngui/501/com.x = {\n\tstate = running\n}\n\tstate = not running\n";
        ServiceRecord r = PrintParser.parse(text);

        assertThat(r.target()).isEqualTo("gui/501/com.x");
        assertThat(r.state()).isEqualTo("running");
    }

    @Test
    void argumentsKeepSpacesAndEnvironmentValuesMayBeEmptyOrContainArrows() {
        String text = """
                gui/501/com.x = {
                \targuments = {
                \t\t/Applications/My App.app/Contents/MacOS/my app
                \t\t--name=a b
                \t}
                \tenvironment = {
                \t\tEMPTY =>
                \t\tARROW => a => b
                \t}
                }
                """;
        ServiceRecord r = PrintParser.parse(text);

        assertThat(r.arguments()).containsExactly("/Applications/My App.app/Contents/MacOS/my app", "--name=a b");
        assertThat(r.environment()).containsExactly(entry("EMPTY", ""), entry("ARROW", "a => b"));
    }

    @Test
    void printIndentedWithSpacesParsesLikeTheTabbedForm() {
        for (String name : new String[]{"print-crash-loop-ex-config.txt", "print-running-last-signal.txt", "print-running-never-exited.txt"}) {
            String tabs = sample(name);
            ServiceRecord expected = PrintParser.parse(tabs);
            for (String indent : new String[]{"    ", "  ", "        "}) {
                ServiceRecord spaced = PrintParser.parse(tabs.replace("\t", indent));
                assertThat(spaced).as(name + " with " + indent.length() + " spaces").isEqualTo(expected);
            }
            // pasted into a document or a mail: the whole output indented, header included
            String quoted = tabs.replace("\t", "    ").lines().map(l -> "    " + l).reduce("", (a, b) -> a + b + "\n");
            assertThat(PrintParser.parse(quoted)).as(name + " indented as a whole").isEqualTo(expected);
        }
        ServiceRecord r = PrintParser.parse(sample("print-crash-loop-ex-config.txt").replace("\t", "    "));
        assertThat(r.state()).isEqualTo("spawn scheduled");
        assertThat(r.runs()).isEqualTo(22138L);
        assertThat(r.lastExit()).isEqualTo(new LastExit.Code(78, "EX_CONFIG"));
        ServiceRecord signal = PrintParser.parse(sample("print-running-last-signal.txt").replace("\t", "  "));
        assertThat(signal.state()).isEqualTo("running");
        assertThat(signal.pid()).isNotNull();
        assertThat(signal.lastSignal()).isEqualTo("Terminated: 15");
    }

    @Test
    void collectionsAreImmutable() {
        ServiceRecord r = PrintParser.parse(sample("print-running-last-signal.txt"));

        assertThatThrownBy(() -> r.arguments().add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> r.environment().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> r.properties().add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> r.topLevel().clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}
