package dev.openclawfleet.provision;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A fault-injection point for the crash tests: with FLEET_FAULT_PAUSE_AT=STEP in the environment,
 * the process announces that it reached STEP (a file {@code <root>/.fault-paused-STEP}) and stops
 * there until it is killed, so a test can kill -9 it at exactly that step. Inert otherwise.
 */
final class Faults {
    static final String ENV = "FLEET_FAULT_PAUSE_AT";

    private Faults() {
    }

    static void pause(Map<String, String> env, String step, Path root) {
        if (!step.equals(env.get(ENV))) {
            return;
        }
        try {
            Files.writeString(root.resolve(".fault-paused-" + step), Long.toString(ProcessHandle.current().pid()));
            while (true) {
                Thread.sleep(60_000);
            }
        } catch (IOException | InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("fault pause at " + step + " ended", e);
        }
    }
}
