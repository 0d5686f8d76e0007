package dev.openclawfleet.model;

/**
 * What launchd and the process table say about one instance: its launchd record (null when
 * launchd does not know the label), whether that answer is known at all (print may fail or hang),
 * whether it is disabled, the uptime of its current process, the last line of its err log written
 * since fleet's last start of it (already redacted) with the time the log was last written, or
 * null, and fleet's record of its own last start (null when there is none).
 */
public record LiveJob(Instance instance, ServiceRecord service, boolean known, boolean disabled, Long uptimeSeconds, String errTail,
                      java.time.Instant errLogWrittenAt, StartRecord start) {
    public LiveJob(Instance instance, ServiceRecord service, boolean known, boolean disabled, Long uptimeSeconds, String errTail) {
        this(instance, service, known, disabled, uptimeSeconds, errTail, null, null);
    }

    /** Loaded in launchd. Meaningful only when {@link #known()}: a failed print leaves the state unknown. */
    public boolean loaded() {
        return service != null;
    }

    public Integer pid() {
        return service == null ? null : service.pid();
    }

    public long runs() {
        return service == null || service.runs() == null ? 0 : service.runs();
    }

    /** The plist's ThrottleInterval, or launchd's default of 10 s. */
    public long throttleSeconds() {
        return throttleSeconds(instance);
    }

    /** The instance's ThrottleInterval, or launchd's default of 10 s. */
    public static long throttleSeconds(Instance instance) {
        return instance.job().integer("ThrottleInterval").filter(t -> t > 0).orElse(10L);
    }
}
