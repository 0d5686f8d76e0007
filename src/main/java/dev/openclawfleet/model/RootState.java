package dev.openclawfleet.model;

import java.nio.file.Path;
import java.util.List;

/**
 * The container root as the auditor found it: whether it exists, the live OpenClaw state it holds
 * itself (names of entries such as {@code openclaw.json} or {@code sessions/}), and the
 * {@code .openclaw-*} instance dirs inside it.
 */
public record RootState(Path root, boolean exists, List<String> liveStateEntries, List<Path> instanceDirs) {
    public RootState {
        liveStateEntries = List.copyOf(liveStateEntries);
        instanceDirs = List.copyOf(instanceDirs);
    }
}
