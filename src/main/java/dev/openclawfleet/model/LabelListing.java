package dev.openclawfleet.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The dictionary {@code launchctl list <label>} prints; {@code lastExitStatus} is a raw wait status, {@code raw} every key. */
public record LabelListing(
        String label,
        Integer pid,
        Integer lastExitStatus,
        String program,
        List<String> programArguments,
        Map<String, Object> raw) {

    public LabelListing {
        programArguments = programArguments == null ? List.of() : List.copyOf(programArguments);
        raw = raw == null ? Map.of() : freezeMap(raw);
    }

    /** The exit code when the last run exited normally (WIFEXITED): 19968 gives 78. */
    public Optional<Integer> exitCode() {
        if (lastExitStatus == null || lastExitStatus < 0 || (lastExitStatus & 0x7f) != 0) {
            return Optional.empty();
        }
        return Optional.of((lastExitStatus >> 8) & 0xff);
    }

    /**
     * The signal that killed the last run (WIFSIGNALED). A negative status is read as {@code -signal},
     * the convention of the {@code launchctl list} table, since a real wait status is never negative.
     */
    public Optional<Integer> termSignal() {
        if (lastExitStatus == null) {
            return Optional.empty();
        }
        if (lastExitStatus < 0) {
            return Optional.of(-lastExitStatus);
        }
        int low = lastExitStatus & 0x7f;
        // 0x7f is WIFSTOPPED, not a termination
        return low == 0 || low == 0x7f ? Optional.empty() : Optional.of(low);
    }

    /** True while the job has a process. */
    public boolean running() {
        return pid != null;
    }

    private static Map<String, Object> freezeMap(Map<?, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), freeze(v)));
        return Collections.unmodifiableMap(out);
    }

    private static Object freeze(Object value) {
        if (value instanceof Map<?, ?> map) {
            return freezeMap(map);
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object item : list) {
                out.add(freeze(item));
            }
            return Collections.unmodifiableList(out);
        }
        return value;
    }
}
