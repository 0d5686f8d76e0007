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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * .pre-commit-hooks.yaml through Debian's pre-commit (`pre-commit try-repo`), on a temp git repo
 * holding a good and a bad plist: the good one passes, the bad one fails with its finding.
 */
class PreCommitHookIT {
    static final Path PROJECT = Path.of("").toAbsolutePath();
    static final String VERSION = ProductInfo.current().version();

    @TempDir
    static Path tmp;
    static Path preCommit;
    static Path repo;
    static Map<String, String> env;

    @BeforeAll
    static void aRepositoryWithAGoodAndABadPlist() throws Exception {
        preCommit = Tools.require("pre-commit", "apt-get install pre-commit");
        Tools.require("git", "apt-get install git");
        env = new HashMap<>(System.getenv());
        env.put("PRE_COMMIT_HOME", tmp.resolve("pre-commit-cache").toString());
        env.put("NO_COLOR", "1");
        for (String who : List.of("AUTHOR", "COMMITTER")) {
            env.put("GIT_" + who + "_NAME", "fleet test");
            env.put("GIT_" + who + "_EMAIL", "fleet-test@example.invalid");
        }
        repo = Files.createDirectories(tmp.resolve("repo"));
        git(repo, "init", "-q", ".");
        Path good = repo.resolve("agents/ai.openclaw.luca.plist");
        Files.createDirectories(good.getParent());
        Files.copy(PROJECT.resolve("launchagents/ai.openclaw.luca.plist"), good);
        Path bad = repo.resolve("agents/ai.openclaw.critic.plist");
        Files.writeString(bad, Files.readString(PROJECT.resolve("launchagents/ai.openclaw.critic.plist"))
                .replace("<key>KeepAlive</key>\n\t<true/>", "<key>KeepAlive</key>\n\t<false/>"));
        for (Path p : List.of(good, bad)) {
            Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        }
        git(repo, "add", "-A");
    }

    private static void git(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        Processes.Run run = Processes.run(dir, env, 60, command);
        assertThat(run.exitCode()).as(String.join(" ", command) + ": " + run.err()).isZero();
    }

    private static Processes.Run tryRepo(Path hookRepo, String hook, Map<String, String> environment, String file) throws Exception {
        return Processes.run(repo, environment, 900, List.of(preCommit.toString(), "try-repo", hookRepo.toString(), hook,
                "--files", file, "--verbose"));
    }

    /** The installed `fleet` (here: the release archive unpacked) on PATH, as after `brew install`. */
    @Test
    void theHookForAnInstalledFleetPassesTheGoodPlistAndFailsTheBadOne() throws Exception {
        Path opt = Files.createDirectories(tmp.resolve("opt"));
        Processes.run(opt, null, 120, List.of("tar", "xzf", PROJECT.resolve("target/openclaw-fleet-" + VERSION + ".tar.gz").toString()));
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("fleet"), opt.resolve("openclaw-fleet-" + VERSION + "/bin/fleet"));
        // A repository holding only the hook manifest, committed: try-repo clones what is committed.
        Path hooks = Files.createDirectories(tmp.resolve("hooks"));
        Files.copy(PROJECT.resolve(".pre-commit-hooks.yaml"), hooks.resolve(".pre-commit-hooks.yaml"));
        git(hooks, "init", "-q", ".");
        git(hooks, "add", "-A");
        git(hooks, "commit", "-q", "-m", "hooks");
        Map<String, String> withFleet = new HashMap<>(env);
        withFleet.put("PATH", bin + ":" + env.get("PATH"));

        Processes.Run good = tryRepo(hooks, "openclaw-fleet-lint-system", withFleet, "agents/ai.openclaw.luca.plist");
        assertThat(good.exitCode()).as(good.out() + good.err()).isZero();
        assertThat(good.out()).containsPattern("openclaw-fleet lint \\(installed\\)\\.+Passed");

        Processes.Run bad = tryRepo(hooks, "openclaw-fleet-lint-system", withFleet, "agents/ai.openclaw.critic.plist");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.out()).containsPattern("openclaw-fleet lint \\(installed\\)\\.+Failed")
                .contains("keep-alive  agents/ai.openclaw.critic.plist:").contains("1 instance: 1 error");
    }

    /** The self-contained hook, as most pre-commit users add it: fleet.sh builds the tool from the hook's clone. */
    @Test
    void theHookThatBuildsFromThisRepositoryFailsTheBadPlist() throws Exception {
        Processes.Run inGit = Processes.run(PROJECT, env, 60, List.of("git", "ls-files", "--error-unmatch", ".pre-commit-hooks.yaml"));
        assertThat(inGit.exitCode()).as("try-repo clones the committed hook manifest: commit .pre-commit-hooks.yaml").isZero();
        Processes.Run bad = tryRepo(PROJECT, "openclaw-fleet-lint", env, "agents/ai.openclaw.critic.plist");
        assertThat(bad.exitCode()).as(bad.out() + bad.err()).isEqualTo(1);
        assertThat(bad.out()).containsPattern("openclaw-fleet lint\\.+Failed")
                .contains("keep-alive  agents/ai.openclaw.critic.plist:").contains("1 instance: 1 error");
    }
}
