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
        // Each instance's secrets are found on every core (10,000 instances' environments were one core's work), then
        // put together in the instances' order: the same list, in the same order, as one loop gives.
        List<List<Secret>> each = Parallel.stream(instances).map(HostState::secretsOf).toList();
        java.util.Set<Secret> out = new java.util.LinkedHashSet<>();
        each.forEach(out::addAll);
        return List.copyOf(out);
    }

    /** One instance's secrets, in the order {@link #secrets()} lists them, with repeats. */
    private static List<Secret> secretsOf(InstanceState s) {
        List<Secret> out = new java.util.ArrayList<>(2);
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
        return out;
    }

    private static void addSecret(java.util.Collection<Secret> out, String name, String value) {
        if (SecretNames.isSecret(name) && value != null && !value.isBlank() && !value.startsWith("${")) {
            out.add(Secret.of(value));
        }
    }
}
