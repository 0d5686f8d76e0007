package dev.openclawfleet.model;

import java.util.List;

/** Everything the state rules look at: each gateway instance with its on-disk state, and the container root. */
public record HostState(List<InstanceState> instances, RootState root) {
    public HostState {
        instances = List.copyOf(instances);
    }

    /**
     * Every gateway token the fleet holds (each instance's OPENCLAW_GATEWAY_TOKEN and config
     * token), so that text we did not write (log lines, command lines) can be scrubbed of all of
     * them, not only of the one instance it came from.
     */
    public List<Secret> secrets() {
        java.util.Set<Secret> out = new java.util.LinkedHashSet<>();
        for (InstanceState s : instances) {
            String env = s.instance().environment().get("OPENCLAW_GATEWAY_TOKEN");
            if (env != null && !env.isBlank()) {
                out.add(Secret.of(env));
            }
            if (s.config() instanceof ConfigState.Loaded loaded && loaded.config().token() != null && !loaded.config().token().isBlank()) {
                out.add(loaded.config().token());
            }
        }
        return List.copyOf(out);
    }
}
