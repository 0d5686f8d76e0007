package dev.openclawfleet.cli;

import dev.openclawfleet.testing.CliRun;
import dev.openclawfleet.testing.FleetFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** An empty or mistyped lint folder cannot pass CI: one line and exit 1, unless --allow-empty; a missing path stays exit 3. */
class LintEmptyInputTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"text", "json", "sarif", "github"})
    void aFolderWithoutPlistsFailsWithOneLine(String format) throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("launchagentz"));
        Files.writeString(empty.resolve("README.md"), "not a plist");
        CliRun.Result run = new CliRun().run("lint", "--format", format, empty.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("fleet lint: no *.plist files in " + empty
                + ": nothing was linted (pass --allow-empty if an empty folder is expected)\n");
    }

    @Test
    void theLineSaysWhenRecursiveWouldHaveFoundSome() {
        FleetFixture fleet = FleetFixture.in(tmp.resolve("deploy/mac1"));
        fleet.instance("luca", 18789).write();
        Path deploy = tmp.resolve("deploy");
        CliRun.Result flat = new CliRun().run("lint", deploy.toString());
        assertThat(flat.exitCode()).isEqualTo(1);
        assertThat(flat.err()).contains("no *.plist files in " + deploy).contains("--recursive also looks in subdirectories").hasLineCount(1);
        assertThat(new CliRun().run("lint", "--recursive", deploy.toString()).exitCode()).isZero();
    }

    @Test
    void allowEmptyPassesAndSaysSo() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        CliRun.Result run = new CliRun().env("NO_COLOR", "1").run("lint", "--allow-empty", empty.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("note: no *.plist files found").endsWith("0 instances: 0 errors, 0 warnings, 0 infos\n");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void aMissingPathStaysAnIncompleteRunEvenWithAllowEmpty() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Path missing = tmp.resolve("launchagentz");
        assertThat(new CliRun().run("lint", missing.toString()).exitCode()).isEqualTo(3);
        assertThat(new CliRun().run("lint", "--allow-empty", missing.toString()).exitCode()).isEqualTo(3);
        CliRun.Result both = new CliRun().run("lint", "--format", "json", empty.toString(), missing.toString());
        assertThat(both.exitCode()).isEqualTo(3);
        assertThat(both.err()).contains(missing + ": no such file or directory");
    }

    @Test
    void aFolderOfOtherSoftwaresPlistsIsNotEmpty() {
        FleetFixture fleet = FleetFixture.in(tmp);
        FleetFixture.write(fleet.agents.resolve("com.example.backup.plist"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <plist version="1.0"><dict><key>Label</key><string>com.example.backup</string></dict></plist>
                """, "rw-r--r--");
        CliRun.Result run = new CliRun().run("lint", fleet.agents.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("not-openclaw");
    }
}
