package dev.openclawfleet.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** One job as {@code launchctl print} describes it; absent keys are null or empty, {@code topLevel} keeps every raw one-tab line. */
public record ServiceRecord(
        String target,
        String path,
        String type,
        String state,
        String program,
        List<String> arguments,
        Map<String, String> environment,
        Integer pid,
        Long runs,
        LastExit lastExit,
        String lastSignal,
        Integer lastSignalNumber,
        String lastExitReason,
        String jobState,
        Set<String> properties,
        Map<String, String> topLevel) {

    public ServiceRecord {
        arguments = arguments == null ? List.of() : List.copyOf(arguments);
        environment = environment == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        properties = properties == null ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(properties));
        topLevel = topLevel == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(topLevel));
    }

    /**
     * What {@code launchctl list} alone says of a running job in {@code domain}: running with this pid.
     * The rest (runs, the last exit, properties) is unknown, so null or empty: the audit asks
     * {@code launchctl print} whenever a verdict could depend on it.
     */
    public static ServiceRecord listed(String domain, ListEntry entry) {
        return new ServiceRecord(domain + "/" + entry.label(), null, null, entry.pid() == null ? "not running" : "running", null,
                List.of(), Map.of(), entry.pid(), null, null, null, null, null, null, Set.of(), Map.of());
    }

    /** True when launchd says the job is running and names its pid. */
    public boolean running() {
        return "running".equals(state) && pid != null;
    }

    /** The label: the last {@code /}-separated part of the target ({@code gui/501/com.x} gives {@code com.x}). */
    public String label() {
        return target == null ? null : target.substring(target.lastIndexOf('/') + 1);
    }

    /** The domain part of the target ({@code gui/501}), empty when the target has no {@code /}. */
    public String domain() {
        int slash = target == null ? -1 : target.lastIndexOf('/');
        return slash < 0 ? "" : target.substring(0, slash);
    }

    /** The pid while the job has a process. */
    public Optional<Integer> pidValue() {
        return Optional.ofNullable(pid);
    }

    /** The last exit status when launchctl printed a number (not for {@code (never exited)} or a signal). */
    public Optional<Integer> exitCode() {
        return lastExit instanceof LastExit.Code c ? Optional.of(c.code()) : Optional.empty();
    }

    /** The signal that ended the last run, when there was one. */
    public Optional<Integer> signal() {
        return Optional.ofNullable(lastSignalNumber);
    }

    /** A flag of the {@code properties} line, such as {@code keepalive} or {@code runatload}. */
    public boolean hasProperty(String flag) {
        return properties.contains(flag);
    }

    /** The raw value of any top-level line, e.g. {@code value("spawn type")}. */
    public Optional<String> value(String key) {
        return Optional.ofNullable(topLevel.get(key));
    }
}
