package dev.openclawfleet.model;

/**
 * What the auditor found on disk for one instance: its state dir (null when the instance names
 * none), and its config (null when no config path is known).
 */
public record InstanceState(Instance instance, DirState stateDir, ConfigState config) {

    /** A directory's existence and permission bits. */
    public record DirState(java.nio.file.Path path, boolean exists, boolean directory, int mode) {
        public String octal() {
            return String.format("%04o", mode & 07777);
        }
    }
}
