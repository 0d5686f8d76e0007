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
 * temporary directory and deletes again. It never talks to launchd (PATH is empty, every audit
 * is offline). What it prints goes nowhere.
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

    /**
     * Runs the training commands in {@code dir}; returns each command line with its exit code, for
     * the test. Only the everyday commands: on Java 25 every class the training loads is loaded
     * again, up front, by every run, so a class only add-instance or backup needs would make lint
     * slower. Those commands talk to launchd and wait seconds anyway.
     */
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
        Path agents = Files.createDirectories(home.resolve("Library/LaunchAgents"));
        Path root = Files.createDirectories(home.resolve(".openclaw"));
        List<String> codes = new java.util.ArrayList<>();
        int port = 18789;
        for (String name : List.of("alpha", "beta")) {
            codes.add(run(context, "generate", name, "--port", Integer.toString(port), "-o", agents.toString(), "--node", node.toString(),
                    "--entry", entry.toString()));
            Path state = Files.createDirectories(root.resolve(".openclaw-" + name).resolve("logs"), PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------"))).getParent();
            Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwx------"));
            Path config = Files.writeString(state.resolve("openclaw.json"), "{\"gateway\": {\"mode\": \"local\", \"port\": " + port
                    + ", \"bind\": \"loopback\", \"auth\": {\"mode\": \"token\", \"token\": \"training-" + name + "-0123456789abcdef\"}}}\n");
            Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));
            port += 20;
        }
        // A folder whose lint has findings (two ports 4 apart: port-spacing warnings, exit 0), so that
        // the cache also holds what locating a finding's line in its plist takes.
        Path sample = Files.createDirectories(home.resolve("lint-sample"));
        for (int samplePort : new int[]{18789, 18793}) {
            codes.add(run(context, "generate", "s" + samplePort, "--port", Integer.toString(samplePort), "-o", sample.toString(),
                    "--node", node.toString(), "--entry", entry.toString()));
        }
        String agentsDir = agents.toString();
        List<String[]> commands = List.of(
                new String[]{"--help"},
                new String[]{"--version"},
                new String[]{"lint", agentsDir},
                new String[]{"lint", "--format", "json", agentsDir},
                new String[]{"lint", "--format", "sarif", agentsDir},
                new String[]{"lint", "--format", "github", "--strict", agentsDir},
                new String[]{"lint", "--help"},
                new String[]{"lint", sample.toString()},
                new String[]{"lint", "--format", "github", sample.toString()},
                new String[]{"audit", "--offline"},
                new String[]{"audit", "--offline", "--format", "json", "-q"},
                new String[]{"audit"},
                new String[]{"list", "--offline"},
                new String[]{"list", "--format", "json"},
                new String[]{"status", "alpha", "--offline"},
                new String[]{"rules"},
                new String[]{"metrics", "--offline"},
                new String[]{"completion", "--instances"},
                new String[]{"lsit"},
                new String[]{"lint", "--strcit", agentsDir});
        for (String[] command : commands) {
            codes.add(run(context, command));
        }
        return codes;
    }

    private static String run(CliContext context, String... command) {
        return Main.run(context, command) + " " + String.join(" ", command);
    }
}
