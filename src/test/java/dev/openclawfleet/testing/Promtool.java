package dev.openclawfleet.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus' own `promtool check metrics` (Debian's prometheus package, installed by .ci/run).
 * Under CI=true a missing promtool fails the test; elsewhere the test is skipped with a reason.
 */
public final class Promtool {
    private Promtool() {
    }

    /** What promtool said: exit code and its complaints (it prints them on stderr). */
    public record Result(int exitCode, String output) {
    }

    public static Path require() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, "promtool");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError("promtool is not on PATH: .ci/run installs Debian's prometheus package for it");
        }
        Assumptions.abort("promtool is not on PATH (apt-get install prometheus); skipped outside CI");
        return null;
    }

    public static Result checkMetrics(String exposition) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(require().toString(), "check", "metrics").redirectErrorStream(true).start();
        p.getOutputStream().write(exposition.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("promtool did not finish");
        }
        return new Result(p.exitValue(), out);
    }
}
