package dev.openclawfleet.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The release launcher (src/main/dist/bin/fleet, which fleet.sh shares): it runs from a release
 * layout through a symlink, picks the newest Java 17+ (FLEET_JAVA_HOME pins one), and makes its
 * start-up cache once, again when the jar changes, and again when the JVM did not use it.
 */
class LaunchersIT {
    static final Path LAUNCHER = Path.of("src/main/dist/bin/fleet").toAbsolutePath();
    static final Path LAUNCHAGENTS = Path.of("launchagents").toAbsolutePath();
    static final Path JDK25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

    @TempDir
    Path tmp;

    /** A release unpacked in tmp/app (bin/fleet, lib/openclaw-fleet.jar), linked from tmp/bin/fleet. */
    private Path release() throws Exception {
        return release("app");
    }

    private Path release(String name) throws Exception {
        Path app = tmp.resolve(name);
        Files.createDirectories(app.resolve("bin"));
        Files.createDirectories(app.resolve("lib"));
        Files.copy(LAUNCHER, app.resolve("bin/fleet"));
        Files.setPosixFilePermissions(app.resolve("bin/fleet"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.copy(Processes.jar(), app.resolve("lib/openclaw-fleet.jar"));
        Path bin = Files.createDirectories(tmp.resolve("bin-" + name));
        Files.createSymbolicLink(bin.resolve("fleet"), app.resolve("bin/fleet"));
        return bin.resolve("fleet");
    }

    /** What the key file records of a file: path, size and modification time in seconds. */
    private static String stamp(Path file) throws Exception {
        return file + ":" + Files.size(file) + ":" + Files.getLastModifiedTime(file).toInstant().getEpochSecond();
    }

    private Map<String, String> env(String javaHome) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("FLEET_CACHE_DIR", tmp.resolve("cache").toString());
        if (javaHome != null) {
            env.put("FLEET_JAVA_HOME", javaHome);
        }
        return env;
    }

    private Processes.Run lint(Path fleet, Map<String, String> env) throws Exception {
        return Processes.run(tmp, env, 300, List.of(fleet.toString(), "lint", LAUNCHAGENTS.toString()));
    }

    private Path only(String glob) throws Exception {
        try (Stream<Path> files = Files.list(tmp.resolve("cache"))) {
            List<Path> found = files.filter(p -> tmp.getFileSystem().getPathMatcher("glob:" + glob).matches(p.getFileName())).toList();
            assertThat(found).as(glob).hasSize(1);
            return found.get(0);
        }
    }

    @Test
    void theCacheIsMadeOnceAgainWhenTheJarChangesAndAgainWhenTheJvmDidNotUseIt() throws Exception {
        String java17 = System.getProperty("java.home"); // the tests run on Java 17+, which is what the launcher needs
        cacheLifecycle(java17);
    }

    @Test
    void theSameOnJava25WithTheAotCache() throws Exception {
        assumeThat(JDK25.resolve("bin/java")).as("a JDK 25 on this machine").isExecutable();
        cacheLifecycle(JDK25.toString());
    }

    private void cacheLifecycle(String javaHome) throws Exception {
        Path fleet = release();
        Map<String, String> env = env(javaHome);

        Processes.Run first = lint(fleet, env);
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).endsWith("2 instances: 0 errors, 0 warnings, 0 infos\n");
        assertThat(first.err().lines()).singleElement().asString().startsWith("fleet: making a start-up cache for Java ")
                .endsWith(" in " + tmp.resolve("cache") + " (once; a few seconds)");
        Path archive = only("fleet-java*.{jsa,aot}");
        Path key = only("fleet-java*.key");

        Processes.Run second = lint(fleet, env);
        assertThat(second.exitCode()).isZero();
        assertThat(second.err()).as("the cache was used without a word").isEmpty();
        assertThat(second.out()).isEqualTo(first.out());
        assertThat(tmp.resolve("cache")).isDirectoryNotContaining("glob:**.unused");

        // A new jar (a rebuild, an upgrade): the key no longer matches, the cache is made again.
        Path jar = tmp.resolve("app/lib/openclaw-fleet.jar");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(5)));
        Processes.Run rebuilt = lint(fleet, env);
        assertThat(rebuilt.exitCode()).isZero();
        assertThat(rebuilt.err().lines()).singleElement().asString().startsWith("fleet: the jar or Java changed: making the start-up cache");
        assertThat(lint(fleet, env).err()).isEmpty();

        // The JVM refuses a cache the key still accepts (simulated: its header is damaged, same size, and
        // the key is made to match it): the run says so and leaves a marker; the next run makes it again.
        // (A real case: Java 25 checks the JDK but not the class path's jars, which is why the key holds
        // their sizes and times; Java 17 drops an archive of another jar without a word.)
        String oldStamp = stamp(archive);
        byte[] bytes = Files.readAllBytes(archive);
        bytes[0] ^= 0x5a;
        bytes[1] ^= 0x5a;
        archive.toFile().setWritable(true);
        Files.write(archive, bytes);
        String keyText = Files.readString(key);
        assertThat(keyText).contains(oldStamp);
        Files.writeString(key, keyText.replace(oldStamp, stamp(archive)));
        Processes.Run refused = lint(fleet, env);
        assertThat(refused.exitCode()).isZero();
        assertThat(refused.out()).isEqualTo(first.out());
        assertThat(refused.err()).contains("fleet: the JVM did not use the start-up cache; the next run makes it again");
        assertThat(tmp.resolve("cache")).isDirectoryContaining("glob:**.unused");
        Processes.Run remade = lint(fleet, env);
        assertThat(remade.err().lines()).singleElement().asString().startsWith("fleet: the JVM did not use the start-up cache in ");
        assertThat(tmp.resolve("cache")).isDirectoryNotContaining("glob:**.unused");
        assertThat(lint(fleet, env).err()).isEmpty();
        assertThat(archive).exists();
    }

    @Test
    void anUpgradeLeavesOnlyTheCacheOfTheJarThatIsStillThere() throws Exception {
        Map<String, String> env = env(System.getProperty("java.home"));
        Path old = release("old");
        assertThat(lint(old, env).exitCode()).isZero();
        Path oldKey = only("fleet-java*.key");
        Files.createDirectories(tmp.resolve("cache"));
        Path foreign = Files.writeString(tmp.resolve("cache/fleet-java99-1.key"), "v0 something else entirely\n");
        // An upgrade: the new version in its own folder, the old one removed.
        Path upgraded = release("new");
        try (Stream<Path> files = Files.walk(tmp.resolve("old"))) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        Processes.Run run = lint(upgraded, env);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).startsWith("fleet: making a start-up cache");
        assertThat(oldKey).doesNotExist();
        only("fleet-java*.{jsa,aot}"); // the old archive went with its key
        try (Stream<Path> files = Files.list(tmp.resolve("cache"))) {
            List<Path> keys = files.filter(p -> p.getFileName().toString().endsWith(".key")).toList();
            assertThat(keys).as("a key that names no jar is not ours to judge").hasSize(2).contains(foreign);
            Path mine = keys.stream().filter(k -> !k.equals(foreign)).findFirst().orElseThrow();
            assertThat(Files.readString(mine)).contains(tmp.resolve("new/lib/openclaw-fleet.jar").toString());
        }
    }

    @Test
    void withoutJarsOrJavaItSaysSoInOneLine() throws Exception {
        Path app = Files.createDirectories(tmp.resolve("empty/bin"));
        Files.copy(LAUNCHER, app.resolve("fleet"));
        Files.setPosixFilePermissions(app.resolve("fleet"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Processes.Run noJars = Processes.run(tmp, env(null), 60, List.of(app.resolve("fleet").toString(), "--version"));
        assertThat(noJars.exitCode()).isEqualTo(3);
        assertThat(noJars.err().lines()).singleElement().asString().startsWith("fleet: no jars in ");

        Processes.Run noJava = shell("fleet_java_places=(); JAVA_HOME= PATH=/nonexistent fleet_find_java");
        assertThat(noJava.exitCode()).isEqualTo(1);
        assertThat(noJava.err().lines()).singleElement().asString()
                .startsWith("fleet: no Java 17 or newer found (looked at JAVA_HOME, /Library/Java/JavaVirtualMachines, Homebrew's openjdk");
    }

    @Test
    void theNewestJava17OrLaterWinsAndFleetJavaHomePinsOne() throws Exception {
        Path jdks = Files.createDirectories(tmp.resolve("jdks"));
        fakeJdk(jdks.resolve("jdk-17.0.9"), "17.0.9");
        fakeJdk(jdks.resolve("jdk-21.0.5"), "21.0.5");
        fakeJdk(jdks.resolve("jdk-21.0.5-other"), "21.0.5");
        fakeJdk(jdks.resolve("jdk-11"), "11.0.2");
        fakeJdk(jdks.resolve("jdk-8"), "1.8.0_362");
        String places = "fleet_java_places=('" + jdks + "/*'); PATH=/nonexistent; ";
        String show = "; echo \"$fleet_java_home $fleet_java_version $fleet_java_major\"";

        assertThat(shell(places + "JAVA_HOME= fleet_find_java" + show).out().strip()).isEqualTo(jdks.resolve("jdk-21.0.5") + " 21.0.5 21");
        assertThat(shell(places + "JAVA_HOME=" + jdks.resolve("jdk-17.0.9") + " fleet_find_java" + show).out().strip())
                .as("JAVA_HOME does not pin an older version").isEqualTo(jdks.resolve("jdk-21.0.5") + " 21.0.5 21");
        assertThat(shell(places + "JAVA_HOME=" + jdks.resolve("jdk-21.0.5-other") + " fleet_find_java" + show).out().strip())
                .as("JAVA_HOME wins a tie").isEqualTo(jdks.resolve("jdk-21.0.5-other") + " 21.0.5 21");
        assertThat(shell(places + "FLEET_JAVA_HOME=" + jdks.resolve("jdk-17.0.9") + " fleet_find_java" + show).out().strip())
                .as("FLEET_JAVA_HOME pins one").isEqualTo(jdks.resolve("jdk-17.0.9") + " 17.0.9 17");

        Processes.Run tooOld = shell("fleet_java_places=('" + jdks + "/jdk-11'); PATH=/nonexistent; JAVA_HOME=" + jdks.resolve("jdk-8")
                + " fleet_find_java");
        assertThat(tooOld.exitCode()).isEqualTo(1);
        assertThat(tooOld.err().strip()).isEqualTo("fleet: Java 1.8.0_362 in " + jdks.resolve("jdk-8")
                + " is too old: openclaw-fleet needs Java 17 or newer (macOS: brew install openjdk)");
        Processes.Run pinnedOld = shell(places + "FLEET_JAVA_HOME=" + jdks.resolve("jdk-11") + " fleet_find_java");
        assertThat(pinnedOld.exitCode()).isEqualTo(1);
        assertThat(pinnedOld.err()).startsWith("fleet: FLEET_JAVA_HOME=" + jdks.resolve("jdk-11") + " is not a Java 17 or newer");
    }

    /** Runs {@code script} in bash after sourcing the launcher (its functions only). */
    private Processes.Run shell(String script) throws Exception {
        List<String> command = new ArrayList<>(List.of("/bin/bash", "-c", ". '" + LAUNCHER + "'; fleet_me=fleet; " + script));
        Map<String, String> env = env(null);
        env.remove("JAVA_HOME");
        env.remove("FLEET_JAVA_HOME");
        return Processes.run(tmp, env, 60, command);
    }

    private static void fakeJdk(Path home, String version) throws Exception {
        Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\n");
        Path java = Files.writeString(home.resolve("bin/java"), "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
