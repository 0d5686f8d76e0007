package dev.openclawfleet.system;

import java.nio.file.Path;

/** Who is running the tool: uid (for {@code gui/<uid>} and ownership checks), user name and home. */
public record CurrentUser(long uid, String name, Path home) {

    /** The user this JVM runs as; HOME from the environment when set, as shells and launchd do. */
    public static CurrentUser detect(java.util.Map<String, String> env) {
        long uid = new com.sun.security.auth.module.UnixSystem().getUid();
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        return new CurrentUser(uid, System.getProperty("user.name"), Path.of(home).toAbsolutePath().normalize());
    }

    public boolean isRoot() {
        return uid == 0;
    }
}
