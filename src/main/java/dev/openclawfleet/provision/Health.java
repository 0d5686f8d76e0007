package dev.openclawfleet.provision;

import dev.openclawfleet.launchd.Launchctl;
import dev.openclawfleet.model.ServiceRecord;
import dev.openclawfleet.system.PortProbe;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Waits for a job to run and serve its port with its own process, or to prove it will not (a crash
 * loop, another process serving the port), or for time to run out.
 */
public final class Health {
    static final Duration POLL = Duration.ofMillis(200);
    /** Respawns since the start that prove a loop while waiting: two exits after fleet's own spawn. */
    static final long RESPAWNS_FOR_A_LOOP = 2;

    private Health() {
    }

    /** How the wait ended: healthy, or why not, with the last record launchd gave. */
    public record Outcome(boolean healthy, String why, ServiceRecord last) {
    }

    /** The wait without knowing the start's runs count or who listens: a job counts as healthy when anything accepts on its port. */
    public static Outcome awaitHealthy(Launchctl launchctl, String label, int port, Duration limit, Consumer<String> progress) {
        return awaitHealthy(launchctl, label, port, limit, progress, 1, null);
    }

    /**
     * Polls until the job runs and its port accepts connections from the job's own process (or a
     * descendant); fails early when the job has no process and was respawned {@link #RESPAWNS_FOR_A_LOOP}
     * times since the start that left {@code runsAtStart}, or when another process is seen serving the
     * port twice in a row (twice, so that a respawn between the print and lsof is not taken for a stranger).
     * {@code owners} null skips the ownership check.
     */
    public static Outcome awaitHealthy(Launchctl launchctl, String label, int port, Duration limit, Consumer<String> progress,
                                       long runsAtStart, PortOwners owners) {
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        long loopAt = Math.max(3, runsAtStart + RESPAWNS_FOR_A_LOOP);
        ServiceRecord last = null;
        PortOwners.Stranger seen = null;
        while (true) {
            Optional<ServiceRecord> record = launchctl.print(label);
            last = record.orElse(null);
            boolean running = last != null && last.pid() != null;
            if (PortProbe.accepts(port)) {
                Optional<PortOwners.Stranger> stranger = owners == null ? Optional.empty() : owners.stranger(port, running ? last.pid() : null);
                if (stranger.isPresent()) {
                    if (stranger.get().equals(seen)) {
                        return new Outcome(false, "port " + port + " is served by " + stranger.get().describe() + ", not by " + label
                                + "'s own process: stop it (`kill " + stranger.get().pid() + "`), then restart " + label, last);
                    }
                    seen = stranger.get();
                } else if (running) {
                    return new Outcome(true, null, last);
                }
            } else {
                seen = null;
            }
            if (last != null && last.pid() == null && last.runs() != null && last.runs() >= loopAt) {
                return new Outcome(false, "it keeps exiting (runs = " + last.runs() + ")", last);
            }
            long elapsed = (System.nanoTime() - start) / 1_000_000_000L;
            progress.accept("waiting for " + label + " to listen on port " + port + ": " + elapsed + " s"
                    + (last == null ? " (not loaded)" : " (" + last.state() + ")"));
            if (System.nanoTime() > deadline) {
                String why = last == null ? "launchd does not know it" : !running ? "it is not running (state = " + last.state() + ")"
                        : "it runs as pid " + last.pid() + " but nothing listens on port " + port;
                return new Outcome(false, why + " after " + limit.toSeconds() + " s", last);
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Outcome(false, "interrupted", last);
            }
        }
    }

    /** Waits until launchd has forgotten the job and nothing listens on its port any more. */
    public static boolean awaitGone(Launchctl launchctl, String label, Integer port, Duration jobLimit, Duration portLimit) {
        long deadline = System.nanoTime() + jobLimit.toNanos();
        while (launchctl.print(label).isPresent()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            sleep();
        }
        if (port == null) {
            return true;
        }
        deadline = System.nanoTime() + portLimit.toNanos();
        while (PortProbe.accepts(port)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            sleep();
        }
        return true;
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
