package dev.openclawfleet.model;

import java.nio.file.Path;

/** What the auditor found at an instance's config path. */
public sealed interface ConfigState permits ConfigState.Missing, ConfigState.Invalid, ConfigState.Loaded {
    Path path();

    /** No file at the path. */
    record Missing(Path path) implements ConfigState {
    }

    /** A file that could not be read or is not valid JSON5; {@code reason} never quotes the file. */
    record Invalid(Path path, String reason) implements ConfigState {
    }

    /** A parsed config with the file's permission facts and its use of environment variables. */
    record Loaded(Path path, FileFacts facts, GatewayConfig config, ConfigEnvUse envUse) implements ConfigState {
        public Loaded {
            envUse = envUse == null ? ConfigEnvUse.NONE : envUse;
        }

        public Loaded(Path path, FileFacts facts, GatewayConfig config) {
            this(path, facts, config, ConfigEnvUse.NONE);
        }
    }
}
