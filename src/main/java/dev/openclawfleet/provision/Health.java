package dev.openclawfleet.provision;

import dev.openclawfleet.launchd.Launchctl;
import dev.openclawfleet.model.ServiceRecord;
import dev.openclawfleet.system.PortProbe;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/** Waits for a job to run and listen on its port, or to prove it will not (a crash loop), or for time to run out. */
public final class Health {
    static final Duration POLL = Duration.ofMillis(200);

    private Health() {
    }

    /** How the wait ended: healthy, or why not, with the last record launchd gave. */
    public record Outcome(boolean healthy, String why, ServiceRecord last) {
    }

    public static Outcome awaitHealthy(Launchctl launchctl, String label, int port, Duration limit, Consumer<String> progress) {
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        ServiceRecord last = null;
        while (true) {
            Optional<ServiceRecord> record = launchctl.print(label);
            last = record.orElse(null);
            boolean running = last != null && last.pid() != null;
            if (running && PortProbe.accepts(port)) {
                return new Outcome(true, null, last);
            }
            if (last != null && last.pid() == null && last.runs() != null && last.runs() >= 3) {
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
