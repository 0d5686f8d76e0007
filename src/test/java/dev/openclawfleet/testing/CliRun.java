package dev.openclawfleet.testing;

import dev.openclawfleet.cli.CliContext;
import dev.openclawfleet.cli.Main;
import dev.openclawfleet.system.CurrentUser;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Runs the CLI in-process with captured output, a chosen HOME, environment and working directory. */
public final class CliRun {
    private final Map<String, String> env = new HashMap<>(System.getenv());
    private Path cwd = Path.of("").toAbsolutePath();
    private boolean terminal;
    private String input = "";

    public CliRun home(Path home) {
        env.put("HOME", home.toString());
        return this;
    }

    public CliRun env(String key, String value) {
        if (value == null) {
            env.remove(key);
        } else {
            env.put(key, value);
        }
        return this;
    }

    public CliRun cwd(Path dir) {
        this.cwd = dir;
        return this;
    }

    public CliRun terminal(boolean on) {
        this.terminal = on;
        return this;
    }

    /** What the command reads on standard input (an answer to a question, a secret). */
    public CliRun input(String text) {
        this.input = text;
        return this;
    }

    /** What one run printed and returned. */
    public record Result(int exitCode, String out, String err) {
        public String all() {
            return out + err;
        }
    }

    /** A context like the one {@link #run} gives the commands, writing to streams nobody reads. */
    public CliContext context() {
        PrintStream sink = new PrintStream(java.io.OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        return new CliContext(Map.copyOf(env), sink, sink, terminal, CurrentUser.detect(env), cwd);
    }

    public Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CurrentUser user = CurrentUser.detect(env);
        CliContext context = new CliContext(Map.copyOf(env), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), terminal, user, cwd,
                new java.io.ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        int code = Main.run(context, args);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
