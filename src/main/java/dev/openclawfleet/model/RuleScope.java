package dev.openclawfleet.model;

/** What a rule needs to look at, which decides the commands that run it. */
public enum RuleScope {
    /** One plist file on its own: run by lint and audit. */
    PLIST,
    /** Several plists together: run by lint and audit. */
    FLEET,
    /** State dirs, configs and the container root: run by audit only. */
    STATE,
    /** launchd and the live processes: run by a live audit only. */
    LIVE,
    /** Reaching another Mac over SSH: run by `fleet audit --host/--hosts` only. */
    HOST;
}
