package dev.openclawfleet.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One problem found in a fleet: which rule, how bad, which instances, where, what and how to fix it.
 *
 * <p>{@code path} is the file or directory the finding is about, as the user named it (relative
 * paths stay relative so SARIF and GitHub annotations point into the repository); it may be null
 * only for findings about the whole host. {@code key} is the plist key the finding is about (null:
 * the job as a whole), and {@code position} where that key sits in the file's text, filled in after
 * the rules ran by the file's {@link KeyLocator} (null: unknown, outputs then say line 1).
 *
 * <p>{@code id} is the finding's stable id and {@code causedBy} the id of the root finding it
 * follows from (null: it is a root itself); both are given once every rule ran (audit/Causes).
 * {@code evidence} holds facts a rule saw that a fix needs (a pid, a lock file), never a secret and
 * never part of any output format.
 */
public record Finding(String rule, Severity severity, List<String> instances, String path, String message, String fix,
                      KeyPath key, Position position, String id, String causedBy, Map<String, String> evidence) {
    public Finding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        instances = List.copyOf(instances);
        fix = fix == null ? "" : fix;
        evidence = evidence == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
    }

    /** A finding with its place in the file, before ids and causes are known. */
    public Finding(String rule, Severity severity, List<String> instances, String path, String message, String fix,
                   KeyPath key, Position position) {
        this(rule, severity, instances, path, message, fix, key, position, null, null, Map.of());
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
        return new Finding(rule, other, instances, path, message, fix, key, position, id, causedBy, evidence);
    }

    /** A copy with a more specific fix than the rule's default one. */
    public Finding withFix(String other) {
        return new Finding(rule, severity, instances, path, message, other, key, position, id, causedBy, evidence);
    }

    /** A copy with another message and fix (e.g. after redaction), everything else kept. */
    public Finding withText(String otherMessage, String otherFix) {
        if (otherMessage == message && otherFix == fix) { // the same strings (a redaction that found nothing): no copy
            return this;
        }
        return new Finding(rule, severity, instances, path, otherMessage, otherFix, key, position, id, causedBy, evidence);
    }

    /** A copy about this plist key (e.g. {@code KeyPath.key("KeepAlive")}); outputs then point at its line. */
    public Finding at(KeyPath other) {
        return new Finding(rule, severity, instances, path, message, fix, other, position, id, causedBy, evidence);
    }

    /** A copy located at this place in the file. */
    public Finding at(Position other) {
        return new Finding(rule, severity, instances, path, message, fix, key, other, id, causedBy, evidence);
    }

    /** A copy pointing at another file (and at no key or place in it yet). */
    public Finding atPath(String otherPath) {
        return new Finding(rule, severity, instances, otherPath, message, fix, null, null, id, causedBy, evidence);
    }

    /** A copy with its stable id and the id of the root finding it follows from (null for a root). */
    public Finding identified(String otherId, String rootId) {
        return new Finding(rule, severity, instances, path, message, fix, key, position, otherId, rootId, evidence);
    }

    /** A copy that also carries one fact a fix needs (a pid, a lock file path). */
    public Finding withEvidence(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(evidence);
        more.put(name, value);
        return new Finding(rule, severity, instances, path, message, fix, key, position, id, causedBy, more);
    }

    /** One fact the rule recorded, or null. */
    public String evidence(String name) {
        return evidence.get(name);
    }
}
