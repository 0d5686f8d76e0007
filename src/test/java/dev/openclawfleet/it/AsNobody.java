package dev.openclawfleet.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the jar as an unprivileged user: as `nobody` through setpriv when the tests run as root (as
 * in CI), as the current user otherwise. The jar is copied into {@code dir} first (made 0755), so
 * `nobody` can read it wherever the checkout is.
 */
final class AsNobody {
    static final long NOBODY = 65534;

    private AsNobody() {
    }

    static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    static Processes.Run jar(Path dir, String... args) throws IOException, InterruptedException {
        return run(dir, null, "", args);
    }

    /** Runs {@code java -jar fleet.jar args} under {@code umask} (empty: inherited) with {@code env} (null: inherited). */
    static Processes.Run run(Path dir, Map<String, String> env, String umask, String... args) throws IOException, InterruptedException {
        Path jar = dir.resolve("fleet.jar");
        if (!Files.exists(jar)) {
            Files.copy(Processes.jar(), jar, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-r--r--"));
        }
        List<String> command = new ArrayList<>();
        if (root()) {
            command.addAll(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups"));
        }
        StringBuilder line = new StringBuilder(umask.isEmpty() ? "" : "umask " + umask + "; ").append("exec \"$0\" -jar \"$@\"");
        command.addAll(List.of("/bin/sh", "-c", line.toString(), Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                jar.toString()));
        command.addAll(List.of(args));
        return Processes.run(dir, env, 120, command);
    }
}
