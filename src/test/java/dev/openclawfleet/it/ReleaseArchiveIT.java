package dev.openclawfleet.it;

import dev.openclawfleet.model.ProductInfo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The release archive as a user installs it by hand: unpacked anywhere with tar, bin/fleet reached
 * through symlinks on PATH, man pages and completion scripts where man and the shells look.
 */
class ReleaseArchiveIT {
    static final String VERSION = ProductInfo.current().version();
    static final Path ARCHIVE = Path.of("target/openclaw-fleet-" + VERSION + ".tar.gz").toAbsolutePath();

    @TempDir
    static Path tmp;
    static Path home;
    static Path onPath;
    static Map<String, String> env;

    @BeforeAll
    static void unpackAndLink() throws Exception {
        assertThat(ARCHIVE).as("mvn package builds it").exists();
        Path opt = Files.createDirectories(tmp.resolve("opt"));
        Processes.Run untar = Processes.run(opt, null, 120, List.of("tar", "xzf", ARCHIVE.toString()));
        assertThat(untar.exitCode()).as(untar.err()).isZero();
        home = opt.resolve("openclaw-fleet-" + VERSION);
        // A link to a link, the second one relative: the launcher must follow both to find lib/.
        Path links = Files.createDirectories(tmp.resolve("links"));
        Files.createSymbolicLink(links.resolve("fleet-current"), home.resolve("bin/fleet"));
        onPath = Files.createDirectories(tmp.resolve("bin"));
        Files.createSymbolicLink(onPath.resolve("fleet"), Path.of("../links/fleet-current"));
        env = new HashMap<>(System.getenv());
        env.remove("JAVA_HOME");
        env.put("HOME", tmp.resolve("home").toString());
        env.put("PATH", onPath + ":" + System.getenv("PATH"));
        env.put("NO_COLOR", "1");
    }

    private static Processes.Run sh(String script) throws Exception {
        return Processes.run(tmp, env, 120, List.of("/bin/bash", "-c", script));
    }

    @Test
    void theArchiveHasTheUsualPrefixLayout() throws Exception {
        assertThat(home.resolve("bin/fleet")).isExecutable();
        assertThat(home.resolve("lib/openclaw-fleet.jar")).isRegularFile();
        assertThat(home.resolve("share/man/man1/fleet.1")).isRegularFile();
        assertThat(home.resolve("share/bash-completion/completions/fleet")).isRegularFile();
        assertThat(home.resolve("share/zsh/site-functions/_fleet")).isRegularFile();
        assertThat(home.resolve("share/fish/vendor_completions.d/fleet.fish")).isRegularFile();
        assertThat(home.resolve("share/doc/openclaw-fleet/README.md")).isRegularFile();
    }

    @Test
    void fleetOnPathThroughSymlinksLintsAGeneratedPlist() throws Exception {
        assertThat(sh("fleet --version").out()).isEqualTo("openclaw-fleet " + VERSION + "\n");
        Files.createDirectories(tmp.resolve("agents"));
        Processes.Run generate = sh("fleet generate luca --port 18789 --root /Users/example/.openclaw --node /opt/homebrew/bin/node"
                + " --entry /opt/homebrew/lib/node_modules/openclaw/dist/index.js -o " + tmp.resolve("agents"));
        assertThat(generate.exitCode()).as(generate.err()).isZero();
        Processes.Run lint = sh("fleet lint " + tmp.resolve("agents"));
        assertThat(lint.exitCode()).as(lint.err()).isZero();
        assertThat(lint.out()).endsWith("1 instance: 0 errors, 0 warnings, 0 infos\n");

        Path bad = tmp.resolve("bad/ai.openclaw.luca.plist");
        Files.createDirectories(bad.getParent());
        Files.writeString(bad, Files.readString(tmp.resolve("agents/ai.openclaw.luca.plist")).replace("<string>18789</string>", "<string>x1</string>"));
        Processes.Run github = sh("fleet lint --format github " + bad.getParent());
        assertThat(github.exitCode()).isEqualTo(1);
        int line = Files.readAllLines(bad).indexOf("\t\t<string>x1</string>") + 1;
        assertThat(line).isPositive();
        assertThat(github.out()).contains("file=" + bad + ",line=" + line + ",col=3,title=port-invalid::");
    }

    @Test
    void theLauncherFindsJavaThroughJavaHomeAndSaysInOneLineWhenThereIsNoUsableJava() throws Exception {
        Map<String, String> withJavaHome = new HashMap<>(env);
        withJavaHome.put("JAVA_HOME", System.getProperty("java.home"));
        withJavaHome.put("PATH", onPath + ":/usr/bin:/bin:/usr/sbin:/sbin"); // no java on PATH
        Processes.Run run = Processes.run(tmp, withJavaHome, 120, List.of(onPath.resolve("fleet").toString(), "--version"));
        assertThat(run.out()).as(run.err()).startsWith("openclaw-fleet ");

        // An old JDK in JAVA_HOME, no other Java where the launcher looks, no java on PATH: one line.
        // (Run with the installed launcher's own functions: this machine has JDKs in /usr/lib/jvm.)
        Path old = Files.createDirectories(tmp.resolve("jdk8/bin"));
        Files.writeString(old.resolveSibling("release"), "JAVA_VERSION=\"1.8.0_392\"\n");
        Files.writeString(old.resolve("java"), "#!/bin/sh\necho should not run >&2\nexit 99\n");
        old.resolve("java").toFile().setExecutable(true);
        Processes.Run tooOld = sh(". " + home.resolve("bin/fleet") + "; fleet_me=fleet; fleet_java_places=(); JAVA_HOME=" + old.getParent()
                + " PATH=" + toolsWithoutJava() + " fleet_find_java");
        assertThat(tooOld.exitCode()).isEqualTo(1);
        assertThat(tooOld.out()).isEmpty();
        assertThat(tooOld.err()).isEqualTo("fleet: Java 1.8.0_392 in " + old.getParent() + " is too old: openclaw-fleet needs Java 17"
                + " or newer (macOS: brew install openjdk)\n");
        Processes.Run none = sh(". " + home.resolve("bin/fleet") + "; fleet_me=fleet; fleet_java_places=(); JAVA_HOME= PATH="
                + toolsWithoutJava() + " fleet_find_java");
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.err().lines()).singleElement().asString().startsWith("fleet: no Java 17 or newer found (looked at JAVA_HOME");

        // The same old JDK pinned with FLEET_JAVA_HOME, through the link on PATH: exit 3 and one line, nothing on stdout.
        Map<String, String> pinned = new HashMap<>(env);
        pinned.put("FLEET_JAVA_HOME", old.getParent().toString());
        Processes.Run refused = Processes.run(tmp, pinned, 60, List.of(onPath.resolve("fleet").toString(), "--version"));
        assertThat(refused.exitCode()).isEqualTo(3);
        assertThat(refused.out()).isEmpty();
        assertThat(refused.err().lines()).singleElement().asString()
                .startsWith("fleet: FLEET_JAVA_HOME=" + old.getParent() + " is not a Java 17 or newer");
    }

    /** A PATH dir with the POSIX tools the launcher uses, and no java. */
    private static Path toolsWithoutJava() throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("tools-without-java"));
        for (String tool : List.of("sh", "readlink", "dirname", "sed", "cut", "head", "stat")) {
            Path link = bin.resolve(tool);
            if (Files.notExists(link)) {
                Files.createSymbolicLink(link, Tools.require(tool, "apt-get install coreutils sed").toRealPath());
            }
        }
        return bin;
    }

    @Test
    void everyCommandHasAManPageThatRendersWithoutWarnings() throws Exception {
        Tools.require("groff", "apt-get install groff-base");
        Path man1 = home.resolve("share/man/man1");
        String main = Files.readString(man1.resolve("fleet.1"));
        List<String> commands = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^\\.TP\\n\\.B ([a-z\\\\-]+)$").matcher(main);
        while (m.find()) {
            commands.add(m.group(1).replace("\\-", "-"));
        }
        assertThat(commands).contains("lint", "audit", "add-instance", "status", "completion").doesNotContain("help");
        List<String> pages;
        try (Stream<Path> files = Files.list(man1)) {
            pages = files.map(p -> p.getFileName().toString()).sorted().toList();
        }
        List<String> expected = new ArrayList<>(commands.stream().map(c -> "fleet-" + c + ".1").toList());
        expected.add("fleet.1");
        assertThat(pages).containsExactlyInAnyOrderElementsOf(expected);
        for (String page : pages) {
            Processes.Run groff = Processes.run(tmp, env, 60, List.of("groff", "-man", "-Tutf8", "-ww", "-z", man1.resolve(page).toString()));
            assertThat(groff.err()).as(page).isEmpty();
            assertThat(groff.exitCode()).as(page).isZero();
        }
        Processes.Run lint = Processes.run(tmp, env, 60, List.of("groff", "-man", "-Tascii", "-P-c", "-P-b", "-P-u", man1.resolve("fleet-lint.1").toString()));
        String rendered = lint.out();
        assertThat(rendered).contains("fleet-lint - Check plist files").contains("SYNOPSIS").contains("EXIT STATUS").contains("EXAMPLES");
        for (String option : List.of("--format", "--strict", "--ignore", "--recursive", "--allow-empty", "--no-color", "--quiet")) {
            assertThat(rendered).as(option).contains(option);
        }
        Processes.Run manpath = sh("MANPATH=" + home.resolve("share/man") + " man -P cat fleet-status 2>/dev/null || true");
        if (!manpath.out().isBlank()) { // man-db is optional on a CI image; groff above already rendered every page
            assertThat(manpath.out()).contains("fleet-status");
        }
    }

    @Test
    void bashCompletionIsSourceableAndCompletesInstanceNames() throws Exception {
        Processes.Run generated = sh("fleet completion bash");
        assertThat(generated.exitCode()).as(generated.err()).isZero();
        assertThat(generated.out()).isEqualTo(Files.readString(home.resolve("share/bash-completion/completions/fleet")));
        fleetWithTwoInstances();
        String complete = "source <(fleet completion bash) || exit 9\n"
                + "complete -p fleet\n"
                + "t() { COMP_WORDS=(\"$@\"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMP_LINE=\"$*\"; COMPREPLY=(); _fleet;"
                + " echo \"$*|${COMPREPLY[*]}\"; }\n"
                + "t fleet st\n"
                + "t fleet status --agents-dir " + tmp.resolve("fleet-agents") + " ''\n"
                + "t fleet restart --agents-dir " + tmp.resolve("fleet-agents") + " c\n"
                + "t fleet lint --format ''\n"
                + "t fleet lint --ignore port-s\n"
                + "t fleet audit --domain ''\n";
        Processes.Run run = sh(complete);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines()).containsExactly(
                "complete -o bashdefault -o default -F _fleet fleet",
                "fleet st|status start stop",
                "fleet status --agents-dir " + tmp.resolve("fleet-agents") + " |critic luca",
                "fleet restart --agents-dir " + tmp.resolve("fleet-agents") + " c|critic",
                "fleet lint --format |text json sarif github",
                "fleet lint --ignore port-s|port-spacing",
                "fleet audit --domain |gui user");
    }

    @Test
    void zshCompletionParsesAndRegistersItself() throws Exception {
        Path zsh = Tools.require("zsh", "apt-get install zsh");
        Path file = home.resolve("share/zsh/site-functions/_fleet");
        assertThat(sh("fleet completion zsh").out()).isEqualTo(Files.readString(file));
        assertThat(Processes.run(tmp, env, 60, List.of(zsh.toString(), "-n", file.toString())).exitCode()).isZero();
        Processes.Run registered = Processes.run(tmp, env, 60, List.of(zsh.toString(), "-f", "-c",
                "autoload -U compinit && compinit -u -D && fpath=(" + file.getParent() + " $fpath) && autoload -U _fleet"
                        + " && source " + file + " && print -r -- ${_comps[fleet]}"));
        assertThat(registered.out().strip()).as(registered.err()).isEqualTo("_fleet");
    }

    @Test
    void fishCompletionCompletesCommandsOptionsAndInstanceNames() throws Exception {
        Path fish = Tools.require("fish", "apt-get install fish");
        Path file = home.resolve("share/fish/vendor_completions.d/fleet.fish");
        assertThat(sh("fleet completion fish").out()).isEqualTo(Files.readString(file));
        fleetWithTwoInstances();
        String agents = tmp.resolve("fleet-agents").toString();
        Processes.Run run = Processes.run(tmp, env, 120, List.of(fish.toString(), "--no-config", "-c",
                "source " + file + "; complete -C'fleet sta'; echo ===; complete -C'fleet status --agents-dir " + agents + " ';"
                        + " echo ===; complete -C'fleet lint --format '; echo ===; complete -C'fleet add-instance ops --from '"));
        assertThat(run.exitCode()).as(run.err()).isZero();
        String[] parts = (run.out() + "\n").split("===\n", -1);
        assertThat(parts[0]).contains("start\t").contains("status\t");
        assertThat(parts[1].lines().map(l -> l.split("\t")[0]).toList()).containsExactly("critic", "luca");
        assertThat(parts[2].lines().map(l -> l.split("\t")[0]).toList()).containsExactlyInAnyOrder("text", "json", "sarif", "github");
        assertThat(parts[3]).isBlank(); // no fleet in this HOME's LaunchAgents: nothing, and no error
    }

    /** Two plists in tmp/fleet-agents, written with the archive's own fleet. */
    private static void fleetWithTwoInstances() throws Exception {
        Path agents = tmp.resolve("fleet-agents");
        if (Files.exists(agents.resolve("ai.openclaw.luca.plist"))) {
            return;
        }
        Files.createDirectories(agents);
        for (String spec : List.of("luca 18789", "critic 18809")) {
            String[] s = spec.split(" ");
            Processes.Run run = sh("fleet generate " + s[0] + " --port " + s[1] + " --root /Users/example/.openclaw --node /usr/bin/node"
                    + " --entry /usr/lib/node_modules/openclaw/dist/index.js -o " + agents);
            assertThat(run.exitCode()).as(run.err()).isZero();
        }
    }
}
