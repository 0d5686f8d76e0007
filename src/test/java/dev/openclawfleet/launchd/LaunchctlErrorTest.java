package dev.openclawfleet.launchd;

import dev.openclawfleet.launchd.LaunchctlError.Kind;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.openclawfleet.launchd.PrintParserTest.sample;
import static org.assertj.core.api.Assertions.assertThat;

/** LaunchctlError.classify against real stderr lines and every launchctl error code. */
class LaunchctlErrorTest {

    @Test
    void printNotFoundSample() {
        LaunchctlError e = LaunchctlError.classify(113, sample("print-not-found.txt"));

        assertThat(e.kind()).isEqualTo(Kind.NOT_LOADED);
        // "gui: 501" at the end of the line is not an error number
        assertThat(e.exitCode()).isEqualTo(113);
        // "Bad request." is noise; the second line says what happened
        assertThat(e.message())
                .isEqualTo("Could not find service \"com.mattstack.deck.nosuchapp\" in domain for user gui: 501");
    }

    @Test
    void notFoundTextWinsWhenTheExitCodeSaysNothing() {
        LaunchctlError e = LaunchctlError.classify(1, sample("print-not-found.txt"));

        assertThat(e.kind()).isEqualTo(Kind.NOT_LOADED);
        assertThat(e.exitCode()).isEqualTo(1);
    }

    @Test
    void bootstrapIoErrorAndTheNumberInTheMessageWins() {
        LaunchctlError e = LaunchctlError.classify(1,
                "Bootstrap failed: 5: Input/output error\nTry re-running the command as root for richer errors.\n");

        assertThat(e).isEqualTo(new LaunchctlError(5, Kind.IO_ERROR, "Bootstrap failed: 5: Input/output error"));
    }

    @Test
    void bootoutNoSuchProcess() {
        assertThat(LaunchctlError.classify(3, "Boot-out failed: 3: No such process\n"))
                .isEqualTo(new LaunchctlError(3, Kind.NOT_LOADED, "Boot-out failed: 3: No such process"));
    }

    @Test
    void eachKind() {
        assertThat(kind(37, "Bootstrap failed: 37: Operation already in progress")).isEqualTo(Kind.IN_PROGRESS);
        assertThat(kind(119, "Bootstrap failed: 119: Service is disabled")).isEqualTo(Kind.DISABLED);
        assertThat(kind(122, "Bootstrap failed: 122: Path had bad ownership/permissions")).isEqualTo(Kind.BAD_PERMISSIONS);
        assertThat(kind(111, "Bootstrap failed: 111: Invalid or missing Program/ProgramArguments"))
                .isEqualTo(Kind.MISSING_PROGRAM);
        assertThat(kind(125, "Bootstrap failed: 125: Domain does not support specified action")).isEqualTo(Kind.NO_DOMAIN);
        assertThat(kind(125, "Bootstrap failed: 125")).isEqualTo(Kind.NO_DOMAIN);
        assertThat(kind(112, "Bootstrap failed: 112: Could not find specified domain")).isEqualTo(Kind.NO_DOMAIN);
        assertThat(kind(1, "Could not find domain for port identifier.")).isEqualTo(Kind.NO_DOMAIN);
        assertThat(kind(113, "")).isEqualTo(Kind.NOT_LOADED);
        assertThat(kind(5, null)).isEqualTo(Kind.IO_ERROR);
        assertThat(kind(1, "Bootstrap failed: 1: Operation not permitted")).isEqualTo(Kind.OTHER);
        assertThat(kind(0, "")).isEqualTo(Kind.OTHER);
    }

    @Test
    void numberAfterAColonMidLineCounts() {
        LaunchctlError e = LaunchctlError.classify(1, "Could not kickstart service \"com.x\": 113: Could not find specified service");

        assertThat(e.exitCode()).isEqualTo(113);
        assertThat(e.kind()).isEqualTo(Kind.NOT_LOADED);
    }

    @Test
    void everyCodeOfTheErrorTable() {
        Map<Integer, Kind> expected = Map.of(111, Kind.MISSING_PROGRAM, 112, Kind.NO_DOMAIN, 113, Kind.NOT_LOADED,
                119, Kind.DISABLED, 122, Kind.BAD_PERMISSIONS, 125, Kind.NO_DOMAIN);
        Matcher m = Pattern.compile("(?m)^(\\d+) (.+)$").matcher(sample("error-codes.txt"));
        int seen = 0;
        while (m.find()) {
            int code = Integer.parseInt(m.group(1));
            String stderr = "Bootstrap failed: " + code + ": " + m.group(2) + "\n";
            LaunchctlError e = LaunchctlError.classify(1, stderr);
            assertThat(e.exitCode()).as("code %d", code).isEqualTo(code);
            // 113's text is "Could not find specified service", 112's "Could not find specified domain"
            assertThat(e.kind()).as("code %d", code).isEqualTo(expected.getOrDefault(code, Kind.OTHER));
            assertThat(e.message()).isEqualTo(stderr.strip());
            seen++;
        }
        assertThat(seen).isEqualTo(53);
    }

    @Test
    void messageFallbacks() {
        assertThat(LaunchctlError.classify(1, "\n  Bad request.  \n").message()).isEqualTo("Bad request.");
        assertThat(LaunchctlError.classify(7, "").message()).isEqualTo("launchctl failed with status 7 and no message");
        assertThat(LaunchctlError.classify(7, "\r\n   first real line  \r\nsecond\r\n").message()).isEqualTo("first real line");
    }

    private static Kind kind(int exit, String stderr) {
        return LaunchctlError.classify(exit, stderr).kind();
    }
}
