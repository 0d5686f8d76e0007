package dev.openclawfleet.audit;

import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.LiveHost;

import java.util.List;

/** A rule about launchd's view and the live processes, read beforehand into a {@link LiveHost}. Pure. */
public non-sealed interface LiveRule extends Rule {
    List<Finding> check(LiveHost host);
}
