package dev.openclawfleet.it;

import dev.openclawfleet.model.ProductInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Homebrew formula: valid Ruby, and the one `mvn package` writes for the archive it built
 * installs and passes its own `test do` block, run by a stand-in for brew's formula DSL
 * (src/test/resources/homebrew/formula_shim.rb) on the real archive.
 */
class HomebrewFormulaIT {
    static final Path COMMITTED = Path.of("Formula/openclaw-fleet.rb").toAbsolutePath();
    static final Path BUILT = Path.of("target/openclaw-fleet.rb").toAbsolutePath();
    static final String VERSION = ProductInfo.current().version();
    static final Path ARCHIVE = Path.of("target/openclaw-fleet-" + VERSION + ".tar.gz").toAbsolutePath();

    @TempDir
    Path tmp;

    @Test
    void bothFormulasAreValidRuby() throws Exception {
        Path ruby = Tools.require("ruby", "apt-get install ruby");
        for (Path formula : List.of(COMMITTED, BUILT)) {
            Processes.Run check = Processes.run(tmp, null, 60, List.of(ruby.toString(), "-c", formula.toString()));
            assertThat(check.exitCode()).as(check.err()).isZero();
            assertThat(check.out()).isEqualTo("Syntax OK\n");
        }
    }

    @Test
    void theBuiltFormulaNamesThisArchiveAndItsChecksum() throws Exception {
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(ARCHIVE)));
        String built = Files.readString(BUILT);
        assertThat(built).contains("  sha256 \"" + sha256 + "\"\n")
                .contains("/releases/download/v" + VERSION + "/openclaw-fleet-" + VERSION + ".tar.gz\"\n");
        // Only url and sha256 differ from the committed formula.
        List<String> committedLines = Files.readAllLines(COMMITTED).stream().filter(l -> !l.matches("\\s*(url|sha256) .*")).toList();
        List<String> builtLines = Files.readAllLines(BUILT).stream().filter(l -> !l.matches("\\s*(url|sha256) .*")).toList();
        assertThat(builtLines).isEqualTo(committedLines);
        assertThat(Files.readString(COMMITTED)).contains("depends_on \"openjdk\"").contains("test do")
                .contains("homepage \"" + ProductInfo.current().url() + "\"");
    }

    @Test
    void theFormulaInstallsTheArchiveAndPassesItsTestBlock() throws Exception {
        Path ruby = Tools.require("ruby", "apt-get install ruby");
        Path unpack = Files.createDirectories(tmp.resolve("src"));
        assertThat(Processes.run(unpack, null, 120, List.of("tar", "xzf", ARCHIVE.toString())).exitCode()).isZero();
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("JAVA_HOME", System.getProperty("java.home")); // plays Homebrew's openjdk
        env.put("HOME", tmp.toString());
        Path prefix = tmp.resolve("Cellar/openclaw-fleet/" + VERSION);
        Processes.Run run = Processes.run(tmp, env, 300, List.of(ruby.toString(), Path.of("src/test/resources/homebrew/formula_shim.rb")
                .toAbsolutePath().toString(), BUILT.toString(), unpack.resolve("openclaw-fleet-" + VERSION).toString(),
                prefix.toString(), tmp.resolve("testpath").toString()));
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("installed and tested OpenclawFleet " + VERSION);
        assertThat(prefix.resolve("bin/fleet")).isExecutable();
        assertThat(prefix.resolve("libexec/lib/openclaw-fleet.jar")).isRegularFile();
        assertThat(prefix.resolve("share/man/man1/fleet-lint.1")).isRegularFile();
        assertThat(prefix.resolve("etc/bash_completion.d/fleet")).isRegularFile();
        assertThat(prefix.resolve("share/zsh/site-functions/_fleet")).isRegularFile();
        assertThat(prefix.resolve("share/fish/vendor_completions.d/fleet.fish")).isRegularFile();
    }
}
