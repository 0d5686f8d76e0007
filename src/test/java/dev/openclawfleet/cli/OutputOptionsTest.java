package dev.openclawfleet.cli;

import dev.openclawfleet.testing.CliRun;
import dev.openclawfleet.testing.FleetFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Colour only on a terminal without NO_COLOR; --strict, --ignore, -q and the exit codes a pipeline relies on. */
class OutputOptionsTest {
    @TempDir
    Path tmp;

    private Path fleetWithAWarningAndAnError() {
        FleetFixture fleet = FleetFixture.in(tmp);
        fleet.instance("luca", 18789).write();
        fleet.instance("critic", 18799).write();                                     // port-spacing warning
        fleet.instance("ops", 18829).plist(p -> p.put("RunAtLoad", false)).plist(p -> p.put("KeepAlive", false)).write(); // errors
        return fleet.agents;
    }

    @Test
    void colourOnlyOnATerminalWithoutNoColor() {
        Path agents = FleetFixture.in(tmp).agents;
        FleetFixture.in(tmp).instance("luca", 18789).write();
        String esc = "\u001b[";
        assertThat(new CliRun().terminal(true).env("NO_COLOR", null).env("TERM", "xterm").run("lint", agents.toString()).out()).contains(esc);
        assertThat(new CliRun().terminal(true).env("NO_COLOR", "1").run("lint", agents.toString()).out()).doesNotContain(esc);
        assertThat(new CliRun().terminal(true).env("NO_COLOR", null).env("TERM", "xterm").run("lint", "--no-color", agents.toString()).out())
                .doesNotContain(esc);
        assertThat(new CliRun().terminal(true).env("NO_COLOR", null).env("TERM", "dumb").run("lint", agents.toString()).out()).doesNotContain(esc);
        assertThat(new CliRun().terminal(false).env("NO_COLOR", null).run("lint", agents.toString()).out()).doesNotContain(esc);
        assertThat(new CliRun().terminal(true).env("NO_COLOR", null).env("TERM", "xterm").run("lint", "--format", "json", agents.toString()).out())
                .doesNotContain(esc);
    }

    @Test
    void exitCodesStrictIgnoreAndQuiet() {
        Path agents = fleetWithAWarningAndAnError();
        assertThat(new CliRun().run("lint", agents.toString()).exitCode()).isEqualTo(1);
        assertThat(new CliRun().run("lint", "--ignore", "run-at-load,keep-alive", agents.toString()).exitCode()).as("only a warning").isZero();
        assertThat(new CliRun().run("lint", "--ignore", "run-at-load", "--ignore", "keep-alive", "--strict", agents.toString()).exitCode())
                .as("--strict fails on the warning").isEqualTo(1);
        CliRun.Result quiet = new CliRun().run("lint", "-q", agents.toString());
        assertThat(quiet.out()).doesNotContain("luca  ai.openclaw.luca").contains("ops  ai.openclaw.ops").contains("3 instances: 2 errors, 1 warning");
        CliRun.Result missing = new CliRun().run("lint", agents.toString(), tmp.resolve("nope").toString());
        assertThat(missing.exitCode()).as("incomplete beats errors").isEqualTo(3);
        assertThat(missing.out()).contains("problem: " + tmp.resolve("nope") + ": no such file or directory");
        assertThat(new CliRun().run("lint", "--format", "xml", agents.toString()).exitCode()).isEqualTo(2);
        assertThat(new CliRun().run("lint").exitCode()).isEqualTo(2);
        assertThat(new CliRun().run("lint", "--format", "GITHUB", agents.toString()).out()).startsWith("::");
    }

    @Test
    void anUnexpectedFailureIsOneLineWithoutAStackTraceUnlessAsked() {
        Path dir = FleetFixture.in(tmp).agents;
        CliRun.Result plain = new CliRun().run("generate", "luca", "--port", "18789", "--node", "/usr/bin/node", "--entry", "/x.js",
                "-o", dir.resolve("missing-dir").toString());
        assertThat(plain.exitCode()).isEqualTo(3);
        assertThat(plain.err().strip().lines()).singleElement().asString().contains("no such directory");
        CliRun.Result traced = new CliRun().run("generate", "luca", "--port", "18789", "--node", "/usr/bin/node", "--entry", "/x.js",
                "-o", dir.resolve("missing-dir").toString(), "--stacktrace");
        assertThat(traced.err()).contains("\tat dev.openclawfleet");
    }
}
