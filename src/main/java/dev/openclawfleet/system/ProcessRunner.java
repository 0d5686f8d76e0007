package dev.openclawfleet.system;

import dev.openclawfleet.model.ExitCodes;
import dev.openclawfleet.model.FleetException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The one seam through which every external program (launchctl, lsof, ps) runs: found on the PATH
 * of the given environment (so tests can put stand-ins first), stdin closed, both streams read
 * fully, and always a timeout after which the process and its children are killed.
 */
public final class ProcessRunner {
    private static final ExecutorService READERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "process-output");
        t.setDaemon(true);
        return t;
    });

    private final Map<String, String> env;

    public ProcessRunner(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** What a finished program printed and returned. */
    public record Result(List<String> command, int exitCode, String stdout, String stderr) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    /** True when {@code program} is on this runner's PATH. */
    public boolean has(String program) {
        return Executables.find(program, env.get("PATH")).isPresent();
    }

    public Path locate(String program) {
        return Executables.find(program, env.get("PATH")).orElseThrow(() -> new ToolMissingException(program));
    }

    /** The program as found on PATH, then its arguments. */
    private List<String> command(String program, String... args) {
        List<String> command = new ArrayList<>();
        command.add(locate(program).toString());
        command.addAll(List.of(args));
        return command;
    }

    /** Starts {@code command} in this runner's environment only; {@code shown} names it in the error. */
    private Process launch(List<String> command, String shown) {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(env);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new FleetException(ExitCodes.OPERATIONAL, shown + ": cannot start: " + e.getMessage(), e);
        }
    }

    /** Runs {@code program args...}; a non-zero exit is a result, not an exception. */
    public Result run(Duration timeout, String program, String... args) {
        List<String> command = command(program, args);
        Process process = launch(command, display(program, args));
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // the program may already be gone; it then gets EOF on stdin anyway
        }
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()), READERS);
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()), READERS);
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                throw new ProcessTimeoutException(display(program, args), timeout);
            }
            return new Result(List.copyOf(command), process.exitValue(), out.get(timeout.toMillis(), TimeUnit.MILLISECONDS),
                    err.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw new FleetException(ExitCodes.OPERATIONAL, display(program, args) + ": interrupted", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // The program exited but something it started still holds its output open.
            kill(process);
            throw new ProcessTimeoutException(display(program, args), timeout);
        }
    }

    /**
     * Starts {@code program args...} to talk to through its stdin and stdout (the SSH collector);
     * stderr is kept, up to 64 KiB. The process and its children are killed at {@code deadline} at
     * the latest, which ends its stdout, and by {@link Session#close()}.
     */
    public Session start(Duration deadline, String program, String... args) {
        return new Session(launch(command(program, args), program), deadline);
    }

    /** A program being talked to; see {@link #start}. */
    public static final class Session implements AutoCloseable {
        static final int MAX_STDERR = 64 * 1024;
        private final Process process;
        private final java.io.ByteArrayOutputStream stderr = new java.io.ByteArrayOutputStream();
        private final CompletableFuture<Void> stderrDone;
        private final java.util.concurrent.ScheduledFuture<?> watchdog;
        private volatile boolean expired;

        Session(Process process, Duration deadline) {
            this.process = process;
            this.stderrDone = CompletableFuture.runAsync(this::keepStderr, READERS);
            this.watchdog = WATCHDOG.schedule(() -> {
                expired = true;
                kill(process);
            }, deadline.toMillis(), TimeUnit.MILLISECONDS);
        }

        private void keepStderr() {
            byte[] buffer = new byte[8192];
            try (InputStream in = process.getErrorStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    synchronized (stderr) {
                        if (stderr.size() < MAX_STDERR) {
                            stderr.write(buffer, 0, Math.min(n, MAX_STDERR - stderr.size()));
                        }
                    }
                }
            } catch (IOException ignored) {
                // the process is gone
            }
        }

        public java.io.OutputStream stdin() {
            return process.getOutputStream();
        }

        public InputStream stdout() {
            return process.getInputStream();
        }

        /** True once the deadline killed it. */
        public boolean expired() {
            return expired;
        }

        /** Its exit status once it has exited within {@code wait}, else empty. */
        public java.util.Optional<Integer> exitCode(Duration wait) {
            try {
                return process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS) ? java.util.Optional.of(process.exitValue())
                        : java.util.Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return java.util.Optional.empty();
            }
        }

        /** What it printed on stderr so far (all of it once it has exited), at most 64 KiB. */
        public String stderr() {
            if (!process.isAlive()) {
                try {
                    stderrDone.get(2, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    // what was read so far
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            synchronized (stderr) {
                return stderr.toString(StandardCharsets.UTF_8);
            }
        }

        /** Closes its stdin, gives it two seconds to finish, then kills it and its children. */
        @Override
        public void close() {
            try {
                process.getOutputStream().close();
            } catch (IOException ignored) {
                // already gone
            }
            try {
                if (!process.waitFor(2, TimeUnit.SECONDS)) {
                    kill(process);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill(process);
            }
            watchdog.cancel(false);
        }
    }

    private static final java.util.concurrent.ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "process-deadline");
        t.setDaemon(true);
        return t;
    });

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    static String display(String program, String... args) {
        return (program + " " + String.join(" ", args)).strip();
    }

    /** A program that is not on PATH. */
    public static final class ToolMissingException extends FleetException {
        private final String program;

        public ToolMissingException(String program) {
            super(ExitCodes.OPERATIONAL, "`" + program + "` is not on PATH");
            this.program = program;
        }

        public String program() {
            return program;
        }
    }

    /** A program that did not finish in time and was killed. */
    public static final class ProcessTimeoutException extends FleetException {
        public ProcessTimeoutException(String command, Duration timeout) {
            super(ExitCodes.OPERATIONAL, "`" + command + "` did not answer within " + timeout.toSeconds() + " s and was killed");
        }
    }
}
