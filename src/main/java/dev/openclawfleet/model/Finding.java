package dev.openclawfleet.model;

import java.util.List;
import java.util.Objects;

/**
 * One problem found in a fleet: which rule, how bad, which instances, where, what and how to fix it.
 *
 * <p>{@code path} is the file or directory the finding is about, as the user named it (relative
 * paths stay relative so SARIF and GitHub annotations point into the repository); it may be null
 * only for findings about the whole host. {@code key} is the plist key the finding is about (null:
 * the job as a whole), and {@code position} where that key sits in the file's text, filled in after
 * the rules ran by the file's {@link KeyLocator} (null: unknown, outputs then say line 1).
 */
public record Finding(String rule, Severity severity, List<String> instances, String path, String message, String fix,
                      KeyPath key, Position position) {
    public Finding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        instances = List.copyOf(instances);
        fix = fix == null ? "" : fix;
    }

    /** A finding that names no key yet. */
    public Finding(String rule, Severity severity, List<String> instances, String path, String message, String fix) {
        this(rule, severity, instances, path, message, fix, null, null);
    }

    /** A finding about one instance, at the rule's default severity. */
    public static Finding of(RuleInfo rule, String instance, String path, String message) {
        return new Finding(rule.id(), rule.severity(), instance == null ? List.of() : List.of(instance), path, message, rule.fix());
    }

    /** A copy with another severity (some rules downgrade for OpenClaw's own plists). */
    public Finding withSeverity(Severity other) {
        return new Finding(rule, other, instances, path, message, fix, key, position);
    }

    /** A copy with a more specific fix than the rule's default one. */
    public Finding withFix(String other) {
        return new Finding(rule, severity, instances, path, message, other, key, position);
    }

    /** A copy with another message and fix (e.g. after redaction), everything else kept. */
    public Finding withText(String otherMessage, String otherFix) {
        return new Finding(rule, severity, instances, path, otherMessage, otherFix, key, position);
    }

    /** A copy about this plist key (e.g. {@code KeyPath.key("KeepAlive")}); outputs then point at its line. */
    public Finding at(KeyPath other) {
        return new Finding(rule, severity, instances, path, message, fix, other, position);
    }

    /** A copy located at this place in the file. */
    public Finding at(Position other) {
        return new Finding(rule, severity, instances, path, message, fix, key, other);
    }
}
