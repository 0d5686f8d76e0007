package dev.openclawfleet.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * fleet.sh as a user runs it: from any directory and through a symlink, building when needed with a
 * line per phase, failing clearly without java or mvn. Its Java search and start-up cache are the
 * release launcher's, tested in LaunchersIT.
 */
class FleetShIT {
    static final Path PROJECT = Path.of("").toAbsolutePath();
    static final Path FLEET_SH = PROJECT.resolve("fleet.sh");

    @TempDir
    Path tmp;

    /** The environment of the tests' runs: a start-up cache of their own, not the user's. */
    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("FLEET_CACHE_DIR", tmp.resolve("cache").toString());
        return env;
    }

    @Test
    void runsTheMainJobFromAnotherDirectoryAndThroughASymlink() throws Exception {
        Processes.Run run = Processes.run(tmp, env(), 300, List.of(FLEET_SH.toString(), "lint", PROJECT.resolve("launchagents").toString()));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("luca  ai.openclaw.luca  port 18789").endsWith("2 instances: 0 errors, 0 warnings, 0 infos\n");

        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("fleet"), FLEET_SH);
        Files.createSymbolicLink(tmp.resolve("fleet-link-to-link"), bin.resolve("fleet"));
        for (Path link : List.of(bin.resolve("fleet"), tmp.resolve("fleet-link-to-link"))) {
            Processes.Run linked = Processes.run(tmp, env(), 300, List.of(link.toString(), "lint", PROJECT.resolve("launchagents").toString()));
            assertThat(linked.exitCode()).as(linked.err()).isZero();
            assertThat(linked.out()).isEqualTo(run.out());
            assertThat(linked.err()).isEmpty();
        }
    }

    @Test
    void saysClearlyWhenJavaIsMissing() throws Exception {
        Path bin = toolsWithout(List.of("java"));
        Path notAJdk = Files.createDirectories(tmp.resolve("not-a-jdk"));
        Processes.Run run = Processes.run(tmp, Map.of("PATH", bin.toString(), "HOME", tmp.toString(), "FLEET_JAVA_HOME", notAJdk.toString()),
                60, List.of("/bin/bash", FLEET_SH.toString(), "--version"));
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err().lines()).singleElement().asString()
                .startsWith("fleet.sh: FLEET_JAVA_HOME=" + notAJdk + " is not a Java 17 or newer");
    }

    @Test
    void buildsOnceWhenTheJarIsMissingAndSaysWhenMvnIsMissing() throws Exception {
        Path copy = tmp.resolve("checkout");
        copyProject(copy);
        Map<String, String> env = env();

        env.put("PATH", toolsWithout(List.of("mvn")).toString());
        Processes.Run noMaven = Processes.run(tmp, env, 60, List.of(copy.resolve("fleet.sh").toString(), "--version"));
        assertThat(noMaven.exitCode()).isEqualTo(3);
        assertThat(noMaven.err()).contains("mvn is not on PATH");

        env.put("PATH", System.getenv("PATH"));
        Processes.Run first = Processes.run(tmp, env, 600, List.of(copy.resolve("fleet.sh").toString(), "lint", copy.resolve("launchagents").toString()));
        assertThat(first.exitCode()).as(first.err()).isZero();
        List<String> progress = first.err().lines().toList();
        assertThat(progress.get(0)).isEqualTo("fleet.sh: building target/openclaw-fleet.jar (first run, or the sources changed)");
        assertThat(progress).anyMatch(l -> l.matches("fleet\\.sh:   compiling \\d+ source files"))
                .contains("fleet.sh:   packaging the jar")
                .anyMatch(l -> l.matches("fleet\\.sh:   built in \\d+ s"));
        assertThat(progress.get(progress.size() - 1)).startsWith("fleet.sh: making a start-up cache for Java ");
        assertThat(progress).allMatch(l -> l.startsWith("fleet.sh: "));
        assertThat(Files.exists(copy.resolve("target/openclaw-fleet.jar"))).isTrue();

        Processes.Run second = Processes.run(tmp, env, 120, List.of(copy.resolve("fleet.sh").toString(), "lint", copy.resolve("launchagents").toString()));
        assertThat(second.exitCode()).isZero();
        assertThat(second.err()).isEmpty();
        assertThat(second.out()).isEqualTo(first.out());
    }

    /** A PATH directory with links to the usual tools, leaving out {@code missing}. */
    private Path toolsWithout(List<String> missing) throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin-" + String.join("-", missing)));
        for (String tool : List.of("bash", "dirname", "find", "mktemp", "cat", "rm", "java", "mvn", "uname", "sed", "grep", "env", "readlink",
                "stat", "mkdir", "rmdir", "mv", "chmod", "date", "sleep")) {
            if (missing.contains(tool)) {
                continue;
            }
            for (String dir : System.getenv("PATH").split(":")) {
                Path candidate = Path.of(dir, tool);
                if (Files.isExecutable(candidate)) {
                    Files.createSymbolicLink(bin.resolve(tool), candidate.toRealPath());
                    break;
                }
            }
        }
        return bin;
    }

    private static void copyProject(Path to) throws Exception {
        // What `mvn package` reads: the release archive also packs README.md and CHANGELOG.md and fills in Formula/.
        for (String top : List.of("pom.xml", "fleet.sh", "src/main", "src/build", "launchagents", "README.md", "CHANGELOG.md", "Formula")) {
            Path from = PROJECT.resolve(top);
            try (Stream<Path> walk = Files.walk(from)) {
                for (Path p : walk.toList()) {
                    Path target = to.resolve(PROJECT.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else {
                        Files.createDirectories(target.getParent());
                        Files.copy(p, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
            }
        }
    }
}
