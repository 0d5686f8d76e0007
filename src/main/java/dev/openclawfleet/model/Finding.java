package dev.openclawfleet.model;

import java.util.List;
import java.util.Objects;

/**
 * One problem found in a fleet: which rule, how bad, which instances, where, what and how to fix it.
 *
 * <p>{@code path} is the file or directory the finding is about, as the user named it (relative
 * paths stay relative so SARIF and GitHub annotations point into the repository); it may be null
 * only for findings about the whole host.
 */
public record Finding(String rule, Severity severity, List<String> instances, String path, String message, String fix) {
    public Finding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        instances = List.copyOf(instances);
        fix = fix == null ? "" : fix;
    }

    /** A finding about one instance, at the rule's default severity. */
    public static Finding of(RuleInfo rule, String instance, String path, String message) {
        return new Finding(rule.id(), rule.severity(), instance == null ? List.of() : List.of(instance), path, message, rule.fix());
    }

    /** A copy with another severity (some rules downgrade for OpenClaw's own plists). */
    public Finding withSeverity(Severity other) {
        return new Finding(rule, other, instances, path, message, fix);
    }

    /** A copy with a more specific fix than the rule's default one. */
    public Finding withFix(String other) {
        return new Finding(rule, severity, instances, path, message, other);
    }
}
