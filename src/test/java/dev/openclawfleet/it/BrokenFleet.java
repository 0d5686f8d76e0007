package dev.openclawfleet.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openclawfleet.plist.PlistWriter;
import dev.openclawfleet.render.Json;
import dev.openclawfleet.testing.FleetFixture;
import dev.openclawfleet.testing.StandIn;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A fleet under a temp HOME on the launchctl stand-in, with real gateway processes, broken on
 * purpose in the ways `fleet fix` repairs. Each break is one method, so a test builds what it needs.
 */
final class BrokenFleet {
    final Path home;
    final FleetFixture fleet;
    final StandIn launchd;
    final int base;
    final List<Process> strays = new ArrayList<>();

    BrokenFleet(Path home, StandIn launchd, int base) {
        this.home = home;
        this.fleet = FleetFixture.inHome(home);
        this.launchd = launchd;
        this.base = base;
    }

    Path plist(String name) {
        return fleet.agents.resolve("ai.openclaw." + name + ".plist");
    }

    Path state(String name) {
        return fleet.root.resolve(".openclaw-" + name);
    }

    Path config(String name) {
        return state(name).resolve("openclaw.json");
    }

    /** A healthy instance on {@code port}, loaded and listening. */
    Path running(String name, int port) throws Exception {
        Path plist = fleet.instance(name, port).write();
        launchd.bootstrap(plist);
        StandIn.await(Duration.ofSeconds(30), name + " listening on " + port, () -> StandIn.listening(port));
        return plist;
    }

    /** Marks a plist as written {@code seconds} after the others: the newer one of a clash. */
    void newer(String name, int seconds) throws IOException {
        Files.setLastModifiedTime(plist(name), FileTime.fromMillis(System.currentTimeMillis() + seconds * 1000L));
    }

    ObjectNode readConfig(String name) throws Exception {
        return (ObjectNode) dev.openclawfleet.state.ConfigReader.parse(Files.readAllBytes(config(name)));
    }

    void writeConfig(String name, JsonNode config) throws IOException {
        Files.writeString(config(name), Json.pretty(config));
    }

    String token(String name) throws Exception {
        return readConfig(name).path("gateway").path("auth").path("token").asText(null);
    }

    /** The root's own state, used by OpenClaw's default gateway job (no OPENCLAW_STATE_DIR, HOME = the temp home). */
    Map<String, String> rootGateway(int port, int sessions) throws Exception {
        Path root = fleet.root;
        Files.createDirectories(root.resolve("sessions"));
        Files.createDirectories(root.resolve("credentials"));
        Files.createDirectories(root.resolve("workspace/memory"));
        Files.createDirectories(root.resolve("agents/main"));
        for (int i = 0; i < sessions; i++) {
            Files.writeString(root.resolve("sessions/s" + i + ".jsonl"), "{\"id\":\"s" + i + "\",\"text\":\"" + "x".repeat(200 + i % 50) + "\"}\n");
        }
        FleetFixture.write(root.resolve("credentials/telegram-allowFrom.json"), "{\"allow\":[\"12345\"]}\n", "rw-------");
        Files.writeString(root.resolve("workspace/AGENTS.md"), "# the main bot's notes\n");
        Files.writeString(root.resolve("workspace/memory/2026-01-01.md"), "remember this\n");
        Files.createSymbolicLink(root.resolve("workspace/latest"), Path.of("memory/2026-01-01.md"));
        FleetFixture.write(root.resolve("openclaw.json"), """
                // the default gateway's config
                {
                  gateway: { mode: "local", port: %d, auth: { mode: "token", token: "root-token-0123456789abcdef0123456789abcdef" } },
                  agents: { defaults: { workspace: "%s/workspace" } },
                }
                """.formatted(port, root), "rw-------");
        Files.writeString(root.resolve("openclaw-fleet.sh"), "#!/bin/sh\n");
        Map<String, Object> own = new LinkedHashMap<>();
        own.put("Label", "ai.openclaw.gateway");
        own.put("ProgramArguments", List.of("/usr/bin/node", FleetFixture.FAKE_GATEWAY.toString(), "gateway", "--port", Integer.toString(port)));
        own.put("EnvironmentVariables", new LinkedHashMap<>(Map.of("OPENCLAW_SERVICE_MARKER", "openclaw", "HOME", home.toString())));
        own.put("RunAtLoad", true);
        own.put("KeepAlive", true);
        own.put("StandardOutPath", home.resolve("gateway.log").toString());
        own.put("StandardErrorPath", home.resolve("gateway.log").toString());
        Path plist = fleet.agents.resolve("ai.openclaw.gateway.plist");
        Files.write(plist, PlistWriter.toXml(own));
        Files.setPosixFilePermissions(plist, PosixFilePermissions.fromString("rw-r--r--"));
        launchd.bootstrap(plist);
        StandIn.await(Duration.ofSeconds(30), "the root's gateway listening", () -> StandIn.listening(port));
        return checksums(root, List.of("sessions", "credentials", "workspace", "agents"));
    }

    /** A clawdbot job from before the rename on {@code name}'s state dir. */
    Path legacyOn(String name, int port) throws Exception {
        Map<String, Object> legacy = new LinkedHashMap<>();
        legacy.put("Label", "com.clawdbot.gateway");
        legacy.put("ProgramArguments", List.of("/usr/bin/node", FleetFixture.FAKE_GATEWAY.toString(), "gateway", "--port", Integer.toString(port)));
        legacy.put("EnvironmentVariables", Map.of("CLAWDBOT_STATE_DIR", state(name).toString()));
        legacy.put("RunAtLoad", true);
        Path plist = fleet.agents.resolve("com.clawdbot.gateway.plist");
        Files.write(plist, PlistWriter.toXml(legacy));
        Files.setPosixFilePermissions(plist, PosixFilePermissions.fromString("rw-r--r--"));
        launchd.bootstrap(plist);
        return plist;
    }

    /** A gateway for {@code name} started by hand, outside launchd, on its port (its job not loaded). */
    Process byHand(String name, int port) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("node", FleetFixture.FAKE_GATEWAY.toString(), "gateway", "--port", Integer.toString(port));
        builder.environment().put("OPENCLAW_STATE_DIR", state(name).toString());
        builder.redirectErrorStream(true).redirectOutput(home.resolve(name + "-by-hand.log").toFile());
        Process p = builder.start();
        strays.add(p);
        StandIn.await(Duration.ofSeconds(30), "the hand-started gateway listening", () -> StandIn.listening(port));
        return p;
    }

    /** A lock in {@code name}'s lock folder whose pid is long gone. */
    void staleLock(String name) throws IOException {
        Path dir = state(name).resolve("tmp/openclaw-" + FleetFixture.UID);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("gateway.deadbeef.lock"),
                "{\"pid\": 999999, \"createdAt\": \"2026-01-01T00:00:00Z\", \"startTime\": 1767225600000}");
    }

    /** The provisioning marker of an add-instance that died after it started the instance. */
    void unfinishedAdd(String name, int port) throws IOException {
        FleetFixture.write(state(name).resolve(".fleet-provisioning"),
                "{\"name\":\"" + name + "\",\"port\":" + port + ",\"pid\":999999,\"startedAt\":\"2026-01-01T00:00:00Z\"}", "rw-------");
    }

    void kill() {
        strays.forEach(p -> {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        });
    }

    /** Relative path to "mode sha256" (or "link target") of every entry under {@code dir}'s {@code entries}. */
    static Map<String, String> checksums(Path dir, List<String> entries) throws Exception {
        Map<String, String> out = new TreeMap<>();
        for (String entry : entries) {
            Path top = dir.resolve(entry);
            try (Stream<Path> walk = Files.walk(top)) {
                for (Path p : walk.toList()) {
                    String rel = dir.relativize(p).toString();
                    if (Files.isSymbolicLink(p)) {
                        out.put(rel, "link " + Files.readSymbolicLink(p));
                    } else if (Files.isDirectory(p)) {
                        out.put(rel, "dir " + PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
                    } else {
                        out.put(rel, PosixFilePermissions.toString(Files.getPosixFilePermissions(p)) + " "
                                + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
                    }
                }
            }
        }
        return out;
    }

    /** Every file and folder under {@code dirs} with its mode and content hash (links as their target), for "nothing changed". */
    static Map<String, String> tree(Path... dirs) throws Exception {
        Map<String, String> out = new TreeMap<>();
        for (Path dir : dirs) {
            if (!Files.exists(dir)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.toList()) {
                    String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p, java.nio.file.LinkOption.NOFOLLOW_LINKS));
                    if (Files.isSymbolicLink(p)) {
                        out.put(p.toString(), "link " + Files.readSymbolicLink(p));
                    } else if (Files.isRegularFile(p)) {
                        out.put(p.toString(), mode + " " + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
                    } else {
                        out.put(p.toString(), mode + " dir");
                    }
                }
            }
        }
        return out;
    }

    static String text(Path p) throws IOException {
        return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
    }
}
