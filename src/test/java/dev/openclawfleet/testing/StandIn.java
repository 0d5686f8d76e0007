package dev.openclawfleet.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The launchctl stand-in (src/test/standins/launchctl) for one test: its own state dir, a PATH with
 * the stand-in first and the real python3/node/lsof/ps after it, fast time scaling, and a reset
 * that kills every job it started.
 */
public final class StandIn implements AutoCloseable {
    public static final Path DIR = Path.of("src/test/standins").toAbsolutePath();
    /** ThrottleInterval 10 s becomes 0.2 s. */
    public static final String TIME_SCALE = "0.02";

    public final Path state;
    private final Map<String, String> env = new HashMap<>(System.getenv());

    public StandIn(Path tmp) throws IOException {
        this.state = Files.createDirectories(tmp.resolve("launchd-state"));
        // The Debian python3 first: the pyenv shim costs ~150 ms per launchctl call.
        env.put("PATH", DIR + ":/usr/local/bin:/usr/bin:/bin:" + System.getenv("PATH"));
        env.put("LAUNCHCTL_STANDIN_STATE", state.toString());
        env.put("LAUNCHCTL_STANDIN_TIME_SCALE", TIME_SCALE);
    }

    public Map<String, String> env() {
        return env;
    }

    public StandIn set(String key, String value) {
        env.put(key, value);
        return this;
    }

    /**
     * Puts the recording fake launchctl (src/test/standins/recorder) first on PATH, logging every call
     * to {@code record} before the stand-in answers it, and gives the jobs {@code home} as HOME
     * (OpenClaw's default state dir is $HOME/.openclaw).
     */
    public StandIn recording(Path record, Path home) {
        set("PATH", DIR.resolve("recorder") + ":" + env.get("PATH"));
        set("LAUNCHCTL_RECORD", record.toString());
        return set("HOME", home.toString());
    }

    /** A CLI runner whose child processes see this stand-in. */
    public CliRun cli() {
        CliRun run = new CliRun();
        env.forEach(run::env);
        return run;
    }

    /** Writes a fault file ({@code bootstrap-eio}, {@code hang}, {@code no-gui}, {@code bootstrap-errno}). */
    public void fault(String name, String content) throws IOException {
        Files.createDirectories(state.resolve("faults"));
        Files.writeString(state.resolve("faults").resolve(name), content);
    }

    public void clearFault(String name) throws IOException {
        Files.deleteIfExists(state.resolve("faults").resolve(name));
    }

    /** Runs the stand-in directly: exit code, stdout, stderr. */
    public Result launchctl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(DIR.resolve("launchctl").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(env);
        Process p = builder.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("stand-in did not finish: " + command);
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    /** Exit code and output of one stand-in call. */
    public record Result(int exitCode, String out, String err) {
    }

    public String gui() {
        return "gui/" + FleetFixture.UID;
    }

    public void bootstrap(Path plist) throws Exception {
        Result r = launchctl("bootstrap", gui(), plist.toString());
        if (r.exitCode() != 0) {
            throw new AssertionError("bootstrap failed: " + r);
        }
    }

    @Override
    public void close() throws Exception {
        launchctl("standin-reset");
    }

    /** A TCP port on 127.0.0.1 that is free now, with its +2 and +11 neighbours free too. */
    public static int freePort() {
        return freePorts(1);
    }

    /**
     * The first of {@code count} base ports 20 apart (base, base+20, ...) that are all free now,
     * each with its +2 and +11 neighbours, so tests can use {@code base + 20 * i} safely.
     */
    public static int freePorts(int count) {
        for (int attempt = 0; attempt < 200; attempt++) {
            int base = 20000 + ThreadLocalRandom.current().nextInt(30000);
            boolean ok = true;
            for (int i = 0; i < count && ok; i++) {
                int b = base + 20 * i;
                ok = free(b) && free(b + 2) && free(b + 11);
            }
            if (ok) {
                return base;
            }
        }
        throw new IllegalStateException("no free ports found");
    }

    static boolean free(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public static boolean listening(int port) {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Polls {@code condition} every 50 ms until it holds; fails after {@code limit}. A synchronisation aid, not a speed check. */
    public static void await(Duration limit, String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    /** The number after "runs = " in print, or -1. */
    public long runs(String label) throws Exception {
        Result r = launchctl("print", gui() + "/" + label);
        return r.out().lines().map(String::strip).filter(l -> l.startsWith("runs = ")).mapToLong(l -> Long.parseLong(l.substring(7)))
                .findFirst().orElse(-1);
    }

}
