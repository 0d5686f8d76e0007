package dev.openclawfleet.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a real process for the integration tests, with a hard timeout and both streams captured. */
final class Processes {
    private Processes() {
    }

    /** Exit code and output of a finished process. */
    record Run(int exitCode, String out, String err) {
    }

    static Run run(Path cwd, Map<String, String> env, long timeoutSeconds, List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(cwd.toFile());
        if (env != null) {
            builder.environment().clear();
            builder.environment().putAll(env);
        }
        Process process = builder.start();
        process.getOutputStream().close();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError("timed out after " + timeoutSeconds + " s: " + command);
        }
        return new Run(process.exitValue(), out.join(), err.join());
    }

    static Path jar() {
        return Path.of(System.getProperty("fleet.jar", "target/openclaw-fleet.jar")).toAbsolutePath();
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
