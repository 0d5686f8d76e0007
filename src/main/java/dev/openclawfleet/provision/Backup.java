package dev.openclawfleet.provision;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openclawfleet.model.FleetException;
import dev.openclawfleet.model.FleetLayout;
import dev.openclawfleet.model.Instance;
import dev.openclawfleet.render.Json;
import dev.openclawfleet.system.TarGz;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * `fleet backup NAME`: one tar.gz with a manifest, the instance's plist and its state dir (config
 * with the token, sessions, workspace, logs), mode 0600. Runtime files (the gateway lock dir
 * {@code tmp/}) and the provisioning marker are left out: restoring them would only confuse.
 */
public final class Backup {
    public static final String MANIFEST = "openclaw-fleet-backup.json";
    public static final int FORMAT = 1;

    private Backup() {
    }

    public static Path defaultFile(Path cwd, String name) {
        return cwd.resolve("openclaw-" + name + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".tar.gz");
    }

    public static Path run(FleetEnv env, String name, Path target) {
        Instance instance = Lookup.require(env, name);
        Path stateDir = instance.stateDir();
        if (stateDir == null || !Files.isDirectory(stateDir)) {
            throw FleetException.operational(name + " has no state dir to back up" + (stateDir == null ? "" : " (" + stateDir
                    + (Files.isSymbolicLink(stateDir) ? " is a symbolic link to something that is not a folder" : " does not exist") + ")"));
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw FleetException.operational(target + " already exists; choose another file with -o (nothing was written)");
        }
        Path dir = target.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            throw FleetException.operational(dir + ": no such directory");
        }
        try {
            Path manifest = Files.createTempFile(dir, ".manifest.", ".json");
            List<TarGz.Written> written;
            try {
                ObjectNode json = Json.object();
                json.put("format", FORMAT);
                json.put("tool", "openclaw-fleet");
                json.put("name", name);
                json.put("label", instance.label());
                if (instance.port() != null) {
                    json.put("port", instance.port());
                }
                json.put("stateDir", stateDir.toString());
                json.put("createdAt", Instant.now().toString());
                Files.writeString(manifest, Json.pretty(json), StandardCharsets.UTF_8);
                String stateName = FleetLayout.STATE_DIR_PREFIX + name;
                // The manifest comes first: restore reads and checks it before it unpacks anything else.
                written = TarGz.write(target, List.of(new TarGz.Source(MANIFEST, manifest), new TarGz.Source(instance.plist().getFileName().toString(),
                        instance.plist()), new TarGz.Source(stateName, stateDir, Backup::runtimeOnly)));
            } finally {
                Files.deleteIfExists(manifest);
            }
            if (written.stream().noneMatch(w -> w.name().equals(FleetLayout.STATE_DIR_PREFIX + name + "/"))) {
                Files.deleteIfExists(target);
                throw FleetException.operational("backup of " + name + " failed: the archive would not hold the state dir " + stateDir
                        + "; nothing was written");
            }
            TarGz.verify(target, written);
            return target;
        } catch (FileAlreadyExistsException e) {
            throw FleetException.operational(target + " appeared while the backup was written; it was not overwritten");
        } catch (IOException e) {
            throw FleetException.operational("backup of " + name + " to " + target + " failed: " + dev.openclawfleet.system.SafeFiles.ioReason(e));
        }
    }

    /** Paths inside a state dir that describe a running process, not the instance. */
    static boolean runtimeOnly(Path relative) {
        String first = relative.getName(0).toString();
        return first.equals("tmp") || relative.toString().equals(FleetLayout.PROVISIONING_MARKER);
    }
}
