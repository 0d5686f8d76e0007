package dev.openclawfleet.audit;

import dev.openclawfleet.model.RuleInfo;

/** A check with a stable id; the kinds differ only in what they look at. */
public sealed interface Rule permits PlistRule, FleetRule, StateRule, LiveRule, HostRule {
    RuleInfo info();
}
