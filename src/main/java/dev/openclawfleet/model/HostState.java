package dev.openclawfleet.model;

import java.util.List;

/** Everything the state rules look at: each gateway instance with its on-disk state, and the container root. */
public record HostState(List<InstanceState> instances, RootState root) {
    public HostState {
        instances = List.copyOf(instances);
    }

    /**
     * Every secret the fleet holds: each instance's secret-named environment variables (plist and
     * service env file) and its config token (resolved when it is a {@code ${VAR}} reference), so
     * that text we did not write (log lines, command lines) can be scrubbed of all of them, not only
     * of the one instance it came from.
     */
    public List<Secret> secrets() {
        java.util.Set<Secret> out = new java.util.LinkedHashSet<>();
        for (InstanceState s : instances) {
            s.instance().environment().forEach((key, value) -> addSecret(out, key, value));
            s.environment().variables().forEach((key, value) -> addSecret(out, key, value));
            if (s.config() instanceof ConfigState.Loaded loaded && loaded.config().token() != null
                    && !loaded.config().token().isBlank()) {
                String raw = loaded.config().token().reveal();
                // "${OPENCLAW_GATEWAY_TOKEN}" names a variable: it is not itself a secret (and the
                // findings about it must be able to say which variable is missing).
                if (!raw.contains("${")) {
                    out.add(loaded.config().token());
                } else if (EnvSubstitution.resolve(raw, s.environment()::get) instanceof EnvSubstitution.Resolved r
                        && r.value() != null && !r.value().isBlank()) {
                    out.add(Secret.of(r.value()));
                }
            }
        }
        return List.copyOf(out);
    }

    private static void addSecret(java.util.Set<Secret> out, String name, String value) {
        if (SecretNames.isSecret(name) && value != null && !value.isBlank() && !value.startsWith("${")) {
            out.add(Secret.of(value));
        }
    }
}
