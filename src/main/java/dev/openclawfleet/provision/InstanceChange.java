package dev.openclawfleet.provision;

import dev.openclawfleet.launchd.Launchctl;
import dev.openclawfleet.model.Instance;

import java.time.Duration;
import java.util.Map;

/**
 * What rotate-token and set-port share once their files are written: the instance runs the new
 * settings only after a restart, which is made (and waited for, as `fleet restart` does) unless
 * the instance is stopped on purpose, which stays stopped.
 */
final class InstanceChange {
    private InstanceChange() {
    }

    /** The restart's outcome, or null when the instance is stopped on purpose (or launchd is not there). */
    static Lifecycle.Outcome restart(FleetEnv env, Instance changed, Duration wait) {
        if (!env.runner().has("launchctl") || changed.label() == null) {
            return null;
        }
        Launchctl launchctl = env.launchctl();
        if (stopped(launchctl, changed.label())) {
            return null;
        }
        return Lifecycle.restart(env, launchctl, changed, wait);
    }

    /** Not loaded and disabled: what `fleet stop` leaves. */
    static boolean stopped(Launchctl launchctl, String label) {
        if (launchctl.print(label).isPresent()) {
            return false;
        }
        Map<String, Boolean> disabled = launchctl.printDisabled();
        return Boolean.TRUE.equals(disabled.get(label));
    }

    /** The instance as it is on disk now (after its files were written). */
    static Instance reread(FleetEnv env, Instance before) {
        return Lookup.fleet(env).instances().stream().filter(i -> i.plistPath().equals(before.plistPath())).findFirst().orElse(before);
    }
}
