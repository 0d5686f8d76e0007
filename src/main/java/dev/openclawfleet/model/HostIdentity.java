package dev.openclawfleet.model;

import java.nio.file.Path;
import java.util.Set;

/**
 * Who reads a host and what it has: the user's uid and home, the temporary dir launchd gives that
 * user's agents ($TMPDIR, where old OpenClaw releases kept their locks), the programs the live audit
 * uses that are on PATH, and the system's name ({@code uname -s}).
 */
public record HostIdentity(long uid, Path home, String tmpDir, Set<String> tools, String system) {
    public HostIdentity {
        tools = Set.copyOf(tools);
        tmpDir = tmpDir == null || tmpDir.isBlank() ? "/tmp" : tmpDir;
    }

    public boolean has(String tool) {
        return tools.contains(tool);
    }
}
