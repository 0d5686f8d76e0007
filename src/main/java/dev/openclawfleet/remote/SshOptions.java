package dev.openclawfleet.remote;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How fleet reaches other Macs: the {@code ssh -F} file (null: ssh's own defaults), the connect
 * timeout, and the deadline for one host's whole audit, after which its ssh is killed.
 */
public record SshOptions(Path config, Duration connectTimeout, Duration deadline) {
    /** The connect timeout is the per-call timeout; a host gets six of them in all, at least a minute. */
    public static SshOptions of(Path config, Duration timeout) {
        Duration deadline = timeout.multipliedBy(6).compareTo(Duration.ofSeconds(60)) < 0 ? Duration.ofSeconds(60) : timeout.multipliedBy(6);
        return new SshOptions(config, timeout, deadline);
    }
}
