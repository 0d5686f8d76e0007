package dev.openclawfleet.cli;

import dev.openclawfleet.system.CurrentUser;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The run the launchers record once to build their start-up cache (a class-data archive on Java
 * 17, the AOT cache on Java 25+): the everyday commands, offline, on a small fleet it makes in a
 * temporary directory and deletes again. It never talks to launchd: PATH is empty, every audit is
 * offline and add-instance does not start anything. What it prints goes nowhere.
 */
public final class CacheTraining {
    private CacheTraining() {
    }

    public static void main(String[] args) throws IOException {
        System.setProperty("picocli.converters.excludes", Main.CONVERTERS_NOT_NEEDED);
        System.setProperty("picocli.disable.closures", "true");
        Path dir = Files.createTempDirectory("openclaw-fleet-training");
        try {
            train(dir);
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** Runs the training commands in {@code dir}; returns each command line with its exit code, for the test. */
    static List<String> train(Path dir) throws IOException {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path noTools = Files.createDirectories(dir.resolve("no-tools"));
        Path node = Files.writeString(dir.resolve("node"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(node, PosixFilePermissions.fromString("rwx------"));
        Path entry = Files.writeString(dir.resolve("index.js"), "// training\n");
        Map<String, String> env = new HashMap<>(System.getenv());
        env.keySet().removeIf(k -> k.startsWith("FLEET_") || k.startsWith("OPENCLAW_"));
        env.put("HOME", home.toString());
        env.put("PATH", noTools.toString());
        PrintStream sink = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
        CliContext context = new CliContext(Map.copyOf(env), sink, sink, false, CurrentUser.detect(env), dir);
        String agents = home.resolve("Library/LaunchAgents").toString();
        String[] runtime = {"--node", node.toString(), "--entry", entry.toString()};
        List<String[]> commands = List.of(
                new String[]{"--help"},
                new String[]{"--version"},
                join(new String[]{"add-instance", "alpha", "--no-start"}, runtime),
                join(new String[]{"add-instance", "beta", "--no-start", "--from", "alpha", "--format", "json"}, runtime),
                join(new String[]{"add-instance", "gamma", "--dry-run"}, runtime),
                new String[]{"lint", agents},
                new String[]{"lint", "--format", "json", agents},
                new String[]{"lint", "--format", "sarif", agents},
                new String[]{"lint", "--format", "github", "--strict", agents},
                new String[]{"lint", "--help"},
                new String[]{"audit", "--offline"},
                new String[]{"audit", "--offline", "--format", "json", "-q"},
                new String[]{"audit"},
                new String[]{"list", "--offline"},
                new String[]{"list", "--format", "json"},
                new String[]{"status", "alpha", "--offline"},
                new String[]{"rules"},
                new String[]{"rules", "--format", "json"},
                join(new String[]{"generate", "delta", "--port", "18869", "-o", "-"}, runtime),
                new String[]{"lsit"},
                new String[]{"lint", "--strcit", agents});
        List<String> codes = new java.util.ArrayList<>();
        for (String[] command : commands) {
            codes.add(Main.run(context, command) + " " + String.join(" ", command));
        }
        return codes;
    }

    private static String[] join(String[] a, String[] b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
