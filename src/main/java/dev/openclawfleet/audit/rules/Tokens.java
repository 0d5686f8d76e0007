package dev.openclawfleet.audit.rules;

import dev.openclawfleet.model.ConfigState;
import dev.openclawfleet.model.InstanceState;
import dev.openclawfleet.model.Secret;

import java.util.Optional;

/**
 * The token a gateway will use: OPENCLAW_GATEWAY_TOKEN from its job environment wins over
 * gateway.auth.token in its config (that is how an old token baked into a service keeps winning).
 */
final class Tokens {
    static final String ENV = "OPENCLAW_GATEWAY_TOKEN";

    private Tokens() {
    }

    static Optional<Secret> effective(InstanceState state) {
        String env = state.instance().environment().get(ENV);
        if (env != null && !env.isBlank()) {
            return Optional.of(Secret.of(env));
        }
        if (state.config() instanceof ConfigState.Loaded loaded && loaded.config().token() != null
                && !loaded.config().token().isBlank()) {
            return Optional.of(loaded.config().token());
        }
        return Optional.empty();
    }
}
