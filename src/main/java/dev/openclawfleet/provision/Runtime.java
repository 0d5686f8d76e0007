package dev.openclawfleet.provision;

import dev.openclawfleet.model.FleetException;
import dev.openclawfleet.system.Executables;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The node binary and OpenClaw entry script a gateway runs, both absolute: given by the user, or
 * found on PATH (`openclaw` resolved through its links to the script it starts).
 */
public record Runtime(Path node, Path entry) {

    /** --node/--entry, else what an existing fleet instance runs, else what is on PATH. */
    public static Runtime forFleet(String node, String entry, java.util.List<dev.openclawfleet.model.Instance> instances,
                                   String pathEnv, Path cwd) {
        if (node == null || entry == null) {
            java.util.Optional<dev.openclawfleet.model.Instance> peer = instances.stream()
                    .filter(i -> i.kind() == dev.openclawfleet.model.JobKind.FLEET && i.command().node() != null
                            && i.command().node().startsWith("/") && i.command().entry() != null && i.command().entry().startsWith("/"))
                    .min(java.util.Comparator.comparing(dev.openclawfleet.model.Instance::name));
            if (peer.isPresent()) {
                return resolve(node != null ? node : peer.get().command().node(),
                        entry != null ? entry : peer.get().command().entry(), pathEnv, cwd);
            }
        }
        return resolve(node, entry, pathEnv, cwd);
    }

    public static Runtime resolve(String node, String entry, String pathEnv, Path cwd) {
        Path nodePath = node != null ? absolute(node, pathEnv, cwd, "--node")
                : Executables.find("node", pathEnv).orElseThrow(() -> FleetException.usage(
                "cannot find `node` on PATH: install Node.js 22+ (e.g. `brew install node`) or pass --node /absolute/path/to/node"));
        Path entryPath;
        if (entry != null) {
            entryPath = absolute(entry, pathEnv, cwd, "--entry");
        } else {
            Path launcher = Executables.find("openclaw", pathEnv).orElseThrow(() -> FleetException.usage(
                    "cannot find `openclaw` on PATH: install it (`npm install -g openclaw`) or pass --entry"
                            + " /absolute/path/to/openclaw/dist/index.js"));
            entryPath = realPath(launcher);
        }
        return new Runtime(nodePath, entryPath);
    }

    /** A path as typed: with a slash it is taken relative to cwd; a bare name is looked up on PATH. */
    private static Path absolute(String typed, String pathEnv, Path cwd, String option) {
        if (!typed.contains("/")) {
            return Executables.find(typed, pathEnv).orElseThrow(() -> FleetException.usage(
                    option + " " + typed + ": not found on PATH; give an absolute path"));
        }
        return cwd.resolve(typed).toAbsolutePath().normalize();
    }

    private static Path realPath(Path launcher) {
        try {
            return launcher.toRealPath();
        } catch (IOException e) {
            return launcher;
        }
    }
}
