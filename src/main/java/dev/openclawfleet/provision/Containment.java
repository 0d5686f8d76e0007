package dev.openclawfleet.provision;

import dev.openclawfleet.model.FleetException;
import dev.openclawfleet.model.FleetLayout;
import dev.openclawfleet.model.InstanceName;

import java.nio.file.Path;

/**
 * Where a destructive command may act on an instance's state dir (docs/safety.md): inside the
 * container root, or, for one of OpenClaw's own profile jobs, its documented default place
 * {@code $HOME/.openclaw-<profile>}. Anything else a plist's OPENCLAW_STATE_DIR names is refused
 * unless the user passes {@code --allow-outside-root}: a plist is not proof that a folder is the
 * user's to delete. Paths are compared as written (normalised), never through links, since a
 * command acts on the link itself and never on what it points at.
 */
public final class Containment {
    /** The flag that lets a destructive command act on a state dir outside the container root. */
    public static final String FLAG = "--allow-outside-root";

    private Containment() {
    }

    /** Where a state dir is, as far as destructive commands care. */
    public enum Place {
        /** Strictly inside the container root (not the root itself, not fleet's trash). */
        INSIDE_ROOT,
        /** {@code $HOME/.openclaw-<name>}: OpenClaw's own default for profile {@code name}. */
        OPENCLAW_PROFILE,
        /** Anywhere else. */
        OUTSIDE
    }

    public static Place of(Path stateDir, FleetLayout layout, Path home, String name) {
        Path dir = stateDir.toAbsolutePath().normalize();
        Path root = layout.root();
        if (dir.startsWith(root) && !dir.equals(root) && !dir.startsWith(layout.trash())) {
            return Place.INSIDE_ROOT;
        }
        if (home != null && InstanceName.problem(name).isEmpty()
                && dir.equals(home.toAbsolutePath().normalize().resolve(FleetLayout.STATE_DIR_PREFIX + name))) {
            return Place.OPENCLAW_PROFILE;
        }
        return Place.OUTSIDE;
    }

    /** Refuses (exit 3, one line) to let {@code command} act on a state dir outside the allowed places, unless {@code allowed}. */
    public static void require(String command, String name, Path stateDir, FleetLayout layout, Path home, boolean allowed) {
        if (allowed || of(stateDir, layout, home, name) != Place.OUTSIDE) {
            return;
        }
        String why = stateDir.toAbsolutePath().normalize().equals(layout.root()) ? "is the container root itself"
                : stateDir.toAbsolutePath().normalize().startsWith(layout.trash()) ? "is inside fleet's trash"
                : "is outside the container root " + layout.root() + (home == null ? "" : " and is not OpenClaw's own "
                + home.resolve(FleetLayout.STATE_DIR_PREFIX + name));
        throw FleetException.operational(command + " " + name + ": its state dir " + stateDir + " (from its plist) " + why
                + "; nothing was changed. If that folder really is " + name + "'s, pass " + FLAG + " (docs/safety.md)");
    }
}
