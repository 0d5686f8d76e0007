package dev.openclawfleet.model;

import java.util.List;

/** Everything the state rules look at: each gateway instance with its on-disk state, and the container root. */
public record HostState(List<InstanceState> instances, RootState root) {
    public HostState {
        instances = List.copyOf(instances);
    }
}
