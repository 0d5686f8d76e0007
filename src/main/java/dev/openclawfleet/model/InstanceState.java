package dev.openclawfleet.model;

/**
 * What the auditor found on disk for one instance: its state dir (null when the instance names
 * none), its config (null when no config path is known), the env file its wrapper reads (null when
 * it has none), and the environment its gateway will see.
 */
public record InstanceState(Instance instance, DirState stateDir, ConfigState config, ServiceEnv serviceEnv,
                            GatewayEnvironment environment) {
    public InstanceState {
        environment = environment == null ? new GatewayEnvironment(instance.environment(), java.util.List.of(), null) : environment;
    }

    public InstanceState(Instance instance, DirState stateDir, ConfigState config) {
        this(instance, stateDir, config, null, null);
    }

    /** A directory's existence and permission bits. */
    public record DirState(java.nio.file.Path path, boolean exists, boolean directory, int mode) {
        public String octal() {
            return String.format("%04o", mode & 07777);
        }
    }
}
