package dev.openclawfleet.model;

/**
 * The public description of a rule: its stable id, default severity, where it applies, a one-line
 * summary (what it detects) and a one-line default fix.
 */
public record RuleInfo(String id, Severity severity, RuleScope scope, String summary, String fix) {
}
