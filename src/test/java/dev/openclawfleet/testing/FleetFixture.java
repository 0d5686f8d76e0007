package dev.openclawfleet.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openclawfleet.app.Audit;
import dev.openclawfleet.app.Lint;
import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.FleetLayout;
import dev.openclawfleet.model.Report;
import dev.openclawfleet.plist.PlistWriter;
import dev.openclawfleet.provision.ContractPlist;
import dev.openclawfleet.render.Json;
import dev.openclawfleet.system.CurrentUser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A fleet on disk in a temp dir: an agents dir of plists and a container root of state dirs,
 * built like `fleet add-instance` would, then bent per test to trigger one rule.
 */
public final class FleetFixture {
    public static final long UID = CurrentUser.detect(System.getenv()).uid();

    public final Path base;
    public final Path agents;
    public final Path root;
    public final FleetLayout layout;
    public final Path node = Path.of("/usr/bin/node");
    public final Path entry;

    /** The fake OpenClaw gateway the launchctl stand-in starts (src/test/standins/fake-openclaw). */
    public static final Path FAKE_GATEWAY = Path.of("src/test/standins/fake-openclaw/dist/index.js").toAbsolutePath();

    private FleetFixture(Path base, Path entry) {
        this(base, base.resolve("LaunchAgents"), base.resolve("openclaw-root"), entry);
    }

    private FleetFixture(Path base, Path agents, Path root, Path entry) {
        this.base = base;
        this.agents = agents;
        this.root = root;
        this.layout = new FleetLayout(root);
        this.entry = entry;
        mkdirs(agents);
        mkdirs(root);
        try {
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx------")); // as add-instance makes it
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static FleetFixture in(Path tmp) {
        return new FleetFixture(tmp, tmp.resolve("openclaw/dist/index.js"));
    }

    /**
     * A fleet laid out as on a Mac, under {@code home}: plists in {@code home/Library/LaunchAgents}, the
     * container root {@code home/.openclaw}, the fake gateway as OpenClaw; so commands find it from HOME alone.
     */
    public static FleetFixture inHome(Path home) {
        return new FleetFixture(home, home.resolve("Library").resolve("LaunchAgents"), home.resolve(".openclaw"), FAKE_GATEWAY);
    }

    /** A fleet whose plists run the fake gateway, for live tests with the launchctl stand-in. */
    public static FleetFixture withFakeGateway(Path tmp) {
        return new FleetFixture(tmp, FAKE_GATEWAY);
    }

    /** A deterministic 64-hex token per name. */
    public static String tokenFor(String name) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(("token-" + name).getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public InstanceBuilder instance(String name, int port) {
        return new InstanceBuilder(name, port);
    }

    public Report lint() {
        return Lint.run(List.of(agents), false, Set.of(), UID, true);
    }

    public Report audit() {
        return Audit.run(agents, root, Set.of(), UID, Audit.LiveOptions.none());
    }

    /** Findings of one rule. */
    public static List<Finding> of(Report report, String rule) {
        return report.findings().stream().filter(f -> f.rule().equals(rule)).toList();
    }

    /** Writes {@code text} to {@code path} with {@code mode} (e.g. "rw-r--r--"), creating parents. */
    public static Path write(Path path, String text, String mode) {
        try {
            Files.createDirectories(path.getParent());
            Files.writeString(path, text);
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
            return path;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void mkdirs(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One instance: its plist (as an editable map), its config, and whether its state exists. */
    public final class InstanceBuilder {
        public final String name;
        public final Map<String, Object> plist;
        public final ObjectNode config = Json.object();
        private String rawConfig;
        private boolean stateDir = true;
        private boolean writeConfig = true;
        private String plistMode = "rw-r--r--";
        private String configMode = "rw-------";
        private String stateMode = "rwx------";
        private String fileName;

        InstanceBuilder(String name, int port) {
            this.name = name;
            this.plist = deepCopy(ContractPlist.of(new ContractPlist.Spec(layout, name, port, node, entry)));
            ObjectNode gateway = config.putObject("gateway");
            gateway.put("mode", "local");
            gateway.put("port", port);
            gateway.put("bind", "loopback");
            ObjectNode auth = gateway.putObject("auth");
            auth.put("mode", "token");
            auth.put("token", tokenFor(name));
        }

        public InstanceBuilder plist(Consumer<Map<String, Object>> edit) {
            edit.accept(plist);
            return this;
        }

        @SuppressWarnings("unchecked")
        public InstanceBuilder env(String key, String value) {
            Map<String, Object> env = (Map<String, Object>) plist.get("EnvironmentVariables");
            if (value == null) {
                env.remove(key);
            } else {
                env.put(key, value);
            }
            return this;
        }

        public InstanceBuilder args(String... args) {
            plist.put("ProgramArguments", new ArrayList<>(List.of(args)));
            return this;
        }

        public InstanceBuilder config(Consumer<ObjectNode> edit) {
            edit.accept(config);
            return this;
        }

        public InstanceBuilder rawConfig(String text) {
            this.rawConfig = text;
            return this;
        }

        public InstanceBuilder noStateDir() {
            this.stateDir = false;
            return this;
        }

        public InstanceBuilder noConfig() {
            this.writeConfig = false;
            return this;
        }

        public InstanceBuilder plistMode(String mode) {
            this.plistMode = mode;
            return this;
        }

        public InstanceBuilder configMode(String mode) {
            this.configMode = mode;
            return this;
        }

        public InstanceBuilder stateMode(String mode) {
            this.stateMode = mode;
            return this;
        }

        public InstanceBuilder fileName(String fileName) {
            this.fileName = fileName;
            return this;
        }

        /** Writes the plist into the agents dir and the state dir and config into the root. */
        public Path write() {
            try {
                Path plistPath = agents.resolve(fileName != null ? fileName : FleetLayout.plistFileName(name));
                Files.write(plistPath, PlistWriter.toXml(plist));
                Files.setPosixFilePermissions(plistPath, PosixFilePermissions.fromString(plistMode));
                if (stateDir) {
                    Path state = layout.stateDir(name);
                    Files.createDirectories(state.resolve("logs"));
                    Files.createDirectories(state.resolve("workspace"));
                    Files.setPosixFilePermissions(state, PosixFilePermissions.fromString(stateMode));
                    if (writeConfig) {
                        Path configPath = layout.configPath(name);
                        Files.writeString(configPath, rawConfig != null ? rawConfig : Json.pretty(config));
                        Files.setPosixFilePermissions(configPath, PosixFilePermissions.fromString(configMode));
                    }
                }
                return plistPath;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepCopy(Map<String, Object> in) {
        Map<String, Object> out = new LinkedHashMap<>();
        in.forEach((k, v) -> {
            if (v instanceof Map<?, ?> m) {
                out.put(k, deepCopy((Map<String, Object>) m));
            } else if (v instanceof List<?> l) {
                out.put(k, new ArrayList<>(l));
            } else {
                out.put(k, v);
            }
        });
        return out;
    }
}
