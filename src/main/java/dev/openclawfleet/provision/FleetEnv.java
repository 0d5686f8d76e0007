package dev.openclawfleet.provision;

import dev.openclawfleet.launchd.Launchctl;
import dev.openclawfleet.model.FleetException;
import dev.openclawfleet.model.FleetLayout;
import dev.openclawfleet.system.ProcessRunner;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Where and how the lifecycle commands work: the container root, the LaunchAgents dir, the user,
 * the environment (PATH for launchctl, lsof, ps), the launchd domain and call timeout, and where
 * progress lines go (a transient line on a terminal, none otherwise).
 */
public record FleetEnv(FleetLayout layout, Path agentsDir, long uid, Map<String, String> env, Path cwd, String domainKind,
                       Duration timeout, Consumer<String> say, Consumer<String> progress) {

    public ProcessRunner runner() {
        return new ProcessRunner(env);
    }

    public String domain() {
        return Launchctl.domain(domainKind, uid);
    }

    /** The launchctl facade; one clear line (exit 3) when this is not a Mac. */
    public Launchctl launchctl() {
        ProcessRunner runner = runner();
        if (!runner.has("launchctl")) {
            throw FleetException.operational("`launchctl` is not on PATH: launchd exists only on macOS");
        }
        return new Launchctl(runner, domain(), timeout, Launchctl.RETRY_WINDOW);
    }

    /** The user's home (HOME, as launchd and shells see it), or null when unset. */
    public Path home() {
        String home = env.get("HOME");
        return home == null || home.isEmpty() ? null : Path.of(home).toAbsolutePath().normalize();
    }

    /** The fleet lock of the container root, saying who holds it while this command waits. */
    public dev.openclawfleet.system.FleetLock lock(Duration patience) {
        return dev.openclawfleet.system.FleetLock.acquire(layout.root(), patience, runner(), say);
    }

    public Path plist(String name) {
        return layout.plist(agentsDir, name);
    }
}
