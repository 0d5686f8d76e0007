package dev.openclawfleet.provision;

import dev.openclawfleet.launchd.Launchctl;
import dev.openclawfleet.model.FleetException;
import dev.openclawfleet.model.Instance;
import dev.openclawfleet.model.ServiceRecord;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * start, stop and restart of one instance. start = enable + bootstrap when not loaded (else
 * kickstart), then wait until the job's own process serves its port; stop = bootout, wait for the
 * job to go and the port to be released, then disable, so the job stays down across logins as with
 * `brew services stop`; restart = enable + kickstart -k, or bootout + bootstrap when the plist
 * changed. Every spawn fleet causes is recorded ({@link Launches}) so the audit does not count it as
 * a crash loop.
 */
public final class Lifecycle {
    /** OpenClaw waits up to 30 s for a booted-out job to go and 20 s for its port to be released. */
    public static final Duration JOB_GONE = Duration.ofSeconds(30);
    public static final Duration PORT_RELEASED = Duration.ofSeconds(20);

    private Lifecycle() {
    }

    /** What one operation did, in one line, and whether the instance ended up as asked. */
    public record Outcome(String name, boolean ok, String message) {
    }

    public static Outcome start(FleetEnv env, Launchctl launchctl, Instance i, Duration wait) {
        String label = i.label();
        launchctl.enable(label);
        Optional<ServiceRecord> record = launchctl.print(label);
        String errLog = i.job().standardErrorPath().orElse(null);
        if (record.isEmpty()) {
            long offset = Launches.errLogSize(errLog);
            launchctl.bootstrap(label, i.plist().toAbsolutePath());
            return healthy(env, launchctl, i, wait, "loaded", Launches.remember(env, launchctl, label, 0, offset, "start"));
        }
        long runs = runs(record.get());
        if (record.get().pid() != null) {
            return healthy(env, launchctl, i, wait, "already running", runs);
        }
        long offset = Launches.errLogSize(errLog);
        launchctl.kickstart(label, false);
        return healthy(env, launchctl, i, wait, "started", Launches.remember(env, launchctl, label, runs, offset, "start"));
    }

    /** bootout, wait until the job and its port are gone, then disable it so it stays down across logins. */
    public static Outcome stop(FleetEnv env, Launchctl launchctl, Instance i) {
        String stays = "; disabled in launchd, so it stays down (also after the next login) until `fleet start " + i.name() + "`";
        if (!launchctl.bootout(i.label())) {
            launchctl.disable(i.label());
            return new Outcome(i.name(), true, i.name() + " was not loaded" + stays);
        }
        Outcome gone = awaitGone(launchctl, i);
        launchctl.disable(i.label());
        if (env != null) {
            Launches.forget(env, i.label());
        }
        return gone.ok() ? new Outcome(i.name(), true, gone.message() + stays) : gone;
    }

    public static Outcome restart(FleetEnv env, Launchctl launchctl, Instance i, Duration wait) {
        return restart(env, launchctl, i, wait, false);
    }

    /**
     * As {@link #restart(FleetEnv, Launchctl, Instance, Duration)}; with {@code reload} the job is booted out and
     * bootstrapped again even when launchd's record looks like the plist (a caller that just wrote the plist knows better).
     */
    public static Outcome restart(FleetEnv env, Launchctl launchctl, Instance i, Duration wait, boolean reload) {
        Optional<ServiceRecord> record = launchctl.print(i.label());
        if (record.isEmpty()) {
            return start(env, launchctl, i, wait);
        }
        // A restart makes the job run again for good, as `brew services restart` does: an override left by `launchctl disable` goes.
        launchctl.enable(i.label());
        String errLog = i.job().standardErrorPath().orElse(null);
        if (reload || changed(record.get(), i)) {
            if (!launchctl.bootout(i.label())) {
                return start(env, launchctl, i, wait);
            }
            Outcome stopped = awaitGone(launchctl, i);
            if (!stopped.ok()) {
                return stopped;
            }
            long offset = Launches.errLogSize(errLog);
            launchctl.bootstrap(i.label(), i.plist().toAbsolutePath());
            return healthy(env, launchctl, i, wait, "reloaded from its changed plist",
                    Launches.remember(env, launchctl, i.label(), 0, offset, "restart"));
        }
        long offset = Launches.errLogSize(errLog);
        launchctl.kickstart(i.label(), true);
        return healthy(env, launchctl, i, wait, "restarted", Launches.remember(env, launchctl, i.label(), runs(record.get()), offset, "restart"));
    }

    private static Outcome awaitGone(Launchctl launchctl, Instance i) {
        boolean gone = Health.awaitGone(launchctl, i.label(), i.port(), JOB_GONE, PORT_RELEASED);
        return gone ? new Outcome(i.name(), true, "stopped " + i.name() + (i.port() == null ? "" : "; port " + i.port() + " is free"))
                : new Outcome(i.name(), false, i.name() + " was booted out but " + (launchctl.print(i.label()).isPresent()
                ? "launchd still lists it after " + JOB_GONE.toSeconds() + " s"
                : "port " + i.port() + " is still in use after " + PORT_RELEASED.toSeconds() + " s"));
    }

    private static long runs(ServiceRecord record) {
        return record.runs() == null ? 0 : record.runs();
    }

    /**
     * True when launchd runs the job from an older version of its plist: another path, other
     * arguments or environment. kickstart -k would restart the old definition, so a reload is needed.
     */
    static boolean changed(ServiceRecord loaded, Instance i) {
        if (loaded.path() != null && !loaded.path().equals(i.plist().toAbsolutePath().toString())) {
            return true;
        }
        List<String> args = i.job().programArguments().orElse(List.of());
        if (!loaded.arguments().isEmpty() && !loaded.arguments().equals(args)) {
            return true;
        }
        Map<String, String> wanted = i.job().environment();
        for (Map.Entry<String, String> e : wanted.entrySet()) {
            if (!Objects.equals(loaded.environment().get(e.getKey()), e.getValue())) {
                return true;
            }
        }
        // launchd adds variables of its own (XPC_SERVICE_NAME, OSLogRateLimit), so only OpenClaw's count when they are gone
        // from the plist: a token left in the loaded job's environment would win over a rotated one in the config.
        for (String key : loaded.environment().keySet()) {
            if ((key.startsWith("OPENCLAW_") || key.startsWith("CLAWDBOT_")) && !wanted.containsKey(key)) {
                return true;
            }
        }
        // `properties = keepalive | runatload | ...` (absent when none applies, then nothing is compared).
        if (!loaded.properties().isEmpty()) {
            Object keepAlive = i.job().raw("KeepAlive");
            boolean keepsAlive = Boolean.TRUE.equals(keepAlive) || keepAlive instanceof Map<?, ?>;
            if (keepsAlive != loaded.properties().contains("keepalive")
                    || i.job().isTrue("RunAtLoad") != loaded.properties().contains("runatload")) {
                return true;
            }
        }
        return false;
    }

    private static Outcome healthy(FleetEnv env, Launchctl launchctl, Instance i, Duration wait, String how, long runsAtStart) {
        if (i.port() == null) {
            throw FleetException.operational(i.plistPath() + " has no --port; `fleet lint` shows what is wrong");
        }
        Health.Outcome h = Health.awaitHealthy(launchctl, i.label(), i.port(), wait, env.progress(), runsAtStart,
                new PortOwners(env.runner(), env.timeout()));
        env.progress().accept("");
        return h.healthy() ? new Outcome(i.name(), true, how + " " + i.name() + " (pid " + h.last().pid() + "), listening on 127.0.0.1:" + i.port())
                : new Outcome(i.name(), false, i.name() + " " + how + " but is not healthy: " + h.why());
    }
}
