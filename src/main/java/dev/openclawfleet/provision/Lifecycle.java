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
 * start, stop and restart of one instance, as OpenClaw itself drives launchd: start = enable +
 * bootstrap when not loaded (else kickstart); stop = bootout, then wait for the job to go and the
 * port to be released; restart = kickstart -k, or bootout + bootstrap when the plist changed.
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
        String how;
        if (record.isEmpty()) {
            launchctl.bootstrap(label, i.plist().toAbsolutePath());
            how = "loaded";
        } else if (record.get().pid() != null) {
            return healthy(env, launchctl, i, wait, "already running");
        } else {
            launchctl.kickstart(label, false);
            how = "started";
        }
        return healthy(env, launchctl, i, wait, how);
    }

    public static Outcome stop(Launchctl launchctl, Instance i) {
        if (!launchctl.bootout(i.label())) {
            return new Outcome(i.name(), true, i.name() + " was not loaded");
        }
        boolean gone = Health.awaitGone(launchctl, i.label(), i.port(), JOB_GONE, PORT_RELEASED);
        return gone ? new Outcome(i.name(), true, "stopped " + i.name() + (i.port() == null ? "" : "; port " + i.port() + " is free"))
                : new Outcome(i.name(), false, i.name() + " was booted out but " + (launchctl.print(i.label()).isPresent()
                ? "launchd still lists it after " + JOB_GONE.toSeconds() + " s"
                : "port " + i.port() + " is still in use after " + PORT_RELEASED.toSeconds() + " s"));
    }

    public static Outcome restart(FleetEnv env, Launchctl launchctl, Instance i, Duration wait) {
        Optional<ServiceRecord> record = launchctl.print(i.label());
        if (record.isEmpty()) {
            return start(env, launchctl, i, wait);
        }
        if (changed(record.get(), i)) {
            Outcome stopped = stop(launchctl, i);
            if (!stopped.ok()) {
                return stopped;
            }
            launchctl.bootstrap(i.label(), i.plist().toAbsolutePath());
            return healthy(env, launchctl, i, wait, "reloaded from its changed plist");
        }
        launchctl.kickstart(i.label(), true);
        return healthy(env, launchctl, i, wait, "restarted");
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
        for (Map.Entry<String, String> e : i.job().environment().entrySet()) {
            if (!Objects.equals(loaded.environment().get(e.getKey()), e.getValue())) {
                return true;
            }
        }
        return false;
    }

    private static Outcome healthy(FleetEnv env, Launchctl launchctl, Instance i, Duration wait, String how) {
        if (i.port() == null) {
            throw FleetException.operational(i.plistPath() + " has no --port; `fleet lint` shows what is wrong");
        }
        Health.Outcome h = Health.awaitHealthy(launchctl, i.label(), i.port(), wait, env.progress());
        env.progress().accept("");
        return h.healthy() ? new Outcome(i.name(), true, how + " " + i.name() + " (pid " + h.last().pid() + "), listening on 127.0.0.1:" + i.port())
                : new Outcome(i.name(), false, i.name() + " " + how + " but is not healthy: " + h.why());
    }
}
