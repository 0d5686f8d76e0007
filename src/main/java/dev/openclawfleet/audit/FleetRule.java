package dev.openclawfleet.audit;

import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.Instance;

import java.util.List;

/** A rule across all gateway instances found (uniqueness and spacing). Pure: no I/O. */
public non-sealed interface FleetRule extends Rule {
    List<Finding> check(List<Instance> instances);
}
