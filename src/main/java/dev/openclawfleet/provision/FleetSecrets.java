package dev.openclawfleet.provision;

import dev.openclawfleet.model.Secret;

import java.util.List;

/** Every token of the fleet a command works on, read fresh, for redacting text shown to the user. */
public final class FleetSecrets {
    private FleetSecrets() {
    }

    public static List<Secret> of(FleetEnv env) {
        return Lookup.fleet(env).host().secrets();
    }
}
