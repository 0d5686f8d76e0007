package dev.openclawfleet.provision;

import dev.openclawfleet.model.FleetLayout;
import dev.openclawfleet.model.GatewayPorts;
import dev.openclawfleet.model.InstanceName;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The LaunchAgent of one fleet instance, as an ordered key/value tree: the contract of seed 004
 * plus what launchd needs to run node from Homebrew or nvm. Keys keep this order on disk.
 */
public final class ContractPlist {
    /** launchd's default PATH for agents; ours adds node's folder in front. */
    static final List<String> LAUNCHD_DEFAULT_PATH = List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin");
    static final long THROTTLE_SECONDS = 10;
    /** Seconds launchd waits after SIGTERM before SIGKILL; OpenClaw's own install uses 20 to let the gateway close cleanly. */
    static final long EXIT_TIMEOUT_SECONDS = 20;
    /** 0077: whatever the gateway creates (sessions, credentials) is readable by the user only. */
    static final long UMASK = 63;

    private ContractPlist() {
    }

    /** What an instance's plist is made from; every path absolute. */
    public record Spec(FleetLayout layout, String name, int port, Path node, Path entry) {
        public Spec {
            if (InstanceName.problem(name).isPresent()) {
                throw new IllegalArgumentException(InstanceName.problem(name).get());
            }
            if (!GatewayPorts.isUsableBase(port)) {
                throw new IllegalArgumentException("port " + port + " is out of range 1-" + GatewayPorts.HIGHEST_BASE);
            }
            if (!node.isAbsolute() || !entry.isAbsolute()) {
                throw new IllegalArgumentException("node and the entry script must be absolute paths");
            }
        }
    }

    public static Map<String, Object> of(Spec spec) {
        FleetLayout layout = spec.layout();
        String name = spec.name();
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("OPENCLAW_CONFIG_PATH", layout.configPath(name).toString());
        env.put("OPENCLAW_STATE_DIR", layout.stateDir(name).toString());
        env.put("PATH", path(spec.node()));

        Map<String, Object> plist = new LinkedHashMap<>();
        plist.put("Label", FleetLayout.label(name));
        plist.put("Comment", "OpenClaw gateway '" + name + "' (openclaw-fleet)");
        plist.put("ProgramArguments", List.of(spec.node().toString(), spec.entry().toString(), "gateway", "--port",
                Integer.toString(spec.port())));
        plist.put("EnvironmentVariables", env);
        plist.put("WorkingDirectory", layout.stateDir(name).toString());
        plist.put("StandardOutPath", layout.stdoutLog(name).toString());
        plist.put("StandardErrorPath", layout.stderrLog(name).toString());
        plist.put("RunAtLoad", Boolean.TRUE);
        plist.put("KeepAlive", Boolean.TRUE);
        plist.put("ThrottleInterval", THROTTLE_SECONDS);
        plist.put("ExitTimeOut", EXIT_TIMEOUT_SECONDS);
        plist.put("ProcessType", "Interactive");
        plist.put("Umask", UMASK);
        return plist;
    }

    /** node's folder first, then launchd's default PATH: the entry script's `#!/usr/bin/env node` children find node too. */
    static String path(Path node) {
        Set<String> parts = new LinkedHashSet<>();
        Path dir = node.getParent();
        if (dir != null) {
            parts.add(dir.toString());
        }
        parts.addAll(LAUNCHD_DEFAULT_PATH);
        return String.join(":", new ArrayList<>(parts));
    }
}
