package dev.openclawfleet.audit.rules;

import dev.openclawfleet.model.ConfigState;
import dev.openclawfleet.model.EnvSubstitution;
import dev.openclawfleet.model.InstanceState;
import dev.openclawfleet.model.Secret;

import java.util.List;
import java.util.Optional;

/**
 * The token a gateway will use: OPENCLAW_GATEWAY_TOKEN from its environment wins over
 * gateway.auth.token in its config (that is how an old token baked into a service keeps winning).
 * A {@code ${VAR}} in the config's token is resolved against the gateway's own environment only;
 * when it does not resolve the token is unknown, neither missing nor comparable.
 */
final class Tokens {
    static final String ENV = "OPENCLAW_GATEWAY_TOKEN";

    private Tokens() {
    }

    /** Where the gateway's token stands. */
    sealed interface Token permits Known, Unresolved, None {
    }

    /** The token's value, compared by value and never printed. */
    record Known(Secret secret) implements Token {
    }

    /** The config names its token by {@code ${VAR}} and these variables are not set for the gateway. */
    record Unresolved(List<String> missing) implements Token {
    }

    /** No token anywhere. */
    record None() implements Token {
    }

    static Token of(InstanceState state) {
        String env = state.environment().get(ENV);
        if (env != null && !env.isBlank()) {
            return new Known(Secret.of(env));
        }
        if (state.config() instanceof ConfigState.Loaded loaded && loaded.config().token() != null
                && !loaded.config().token().isBlank()) {
            EnvSubstitution.Result r = EnvSubstitution.resolve(loaded.config().token().reveal(), state.environment()::get);
            if (r instanceof EnvSubstitution.Unresolved u) {
                return new Unresolved(u.missing());
            }
            String value = ((EnvSubstitution.Resolved) r).value();
            return value.isBlank() ? new None() : new Known(Secret.of(value));
        }
        return new None();
    }

    static Optional<Secret> effective(InstanceState state) {
        return of(state) instanceof Known k ? Optional.of(k.secret()) : Optional.empty();
    }
}
