package dev.openclawfleet.audit;

import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.HostState;

import java.util.List;

/** A rule that needs the state dirs, configs and container root, already read into a {@link HostState}. Pure. */
public non-sealed interface StateRule extends Rule {
    List<Finding> check(HostState host);
}
