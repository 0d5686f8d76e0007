package dev.openclawfleet.model;

import java.nio.file.Path;
import java.util.List;

/**
 * The container root as the auditor found it: whether it exists, the live OpenClaw state it holds
 * itself (names of entries such as {@code openclaw.json} or {@code sessions/}), and the
 * {@code .openclaw-*} instance dirs inside it, staging dirs an interrupted add-instance left, and
 * instance dirs still holding the provisioning marker (an add-instance that did not finish), and
 * its permission bits ({@code mode}, -1 when unknown), and whether the journal of a `fleet fix`
 * that has not finished is there.
 */
public record RootState(Path root, boolean exists, List<String> liveStateEntries, List<Path> instanceDirs, List<Path> stagingDirs,
                        List<Path> unfinishedDirs, int mode, boolean fixUnfinished) {
    public RootState {
        liveStateEntries = List.copyOf(liveStateEntries);
        instanceDirs = List.copyOf(instanceDirs);
        stagingDirs = List.copyOf(stagingDirs);
        unfinishedDirs = List.copyOf(unfinishedDirs);
    }

    public RootState(Path root, boolean exists, List<String> liveStateEntries, List<Path> instanceDirs, List<Path> stagingDirs,
                     List<Path> unfinishedDirs, int mode) {
        this(root, exists, liveStateEntries, instanceDirs, stagingDirs, unfinishedDirs, mode, false);
    }

    public RootState(Path root, boolean exists, List<String> liveStateEntries, List<Path> instanceDirs, List<Path> stagingDirs,
                     List<Path> unfinishedDirs) {
        this(root, exists, liveStateEntries, instanceDirs, stagingDirs, unfinishedDirs, -1);
    }

    public RootState(Path root, boolean exists, List<String> liveStateEntries, List<Path> instanceDirs) {
        this(root, exists, liveStateEntries, instanceDirs, List.of(), List.of());
    }
}
