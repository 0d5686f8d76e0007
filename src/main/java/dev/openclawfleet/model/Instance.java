package dev.openclawfleet.model;

import java.nio.file.Path;
import java.util.Map;

/**
 * One gateway job as the rules see it: its identity (name, label, plist), the parsed job and
 * command, the effective environment (the plist's EnvironmentVariables, plus OpenClaw's service
 * env file when it was read), and what follows from them: port, state dir, config path.
 *
 * <p>{@code label}, {@code port}, {@code stateDir} and {@code configPath} are null when the plist
 * does not say; {@code stateDirSource} tells where the state dir came from.
 */
public record Instance(String name, String label, Path plist, FileFacts facts, LaunchJob job, JobKind kind,
                       GatewayCommand command, Map<String, String> environment, Integer port, Path stateDir,
                       StateDirSource stateDirSource, Path configPath) {

    /** Where an instance's state dir was read from. */
    public enum StateDirSource {
        /** OPENCLAW_STATE_DIR in the plist or in OpenClaw's service env file. */
        ENVIRONMENT,
        /** Inferred from the path of OpenClaw's env wrapper ({@code <state>/service-env/...}), when the env file was not read. */
        WRAPPER_PATH,
        /**
         * OpenClaw's default for a job that sets none: {@code $HOME/.openclaw} for the default gateway,
         * {@code $HOME/.openclaw-<profile>} for a profile, HOME from the job or from where its plist lives.
         */
        OPENCLAW_DEFAULT,
        /** Not known. */
        NONE
    }

    public Instance {
        environment = Map.copyOf(environment);
    }

    /** The label, or the file name without {@code .plist} when the plist has none. */
    public String displayLabel() {
        if (label != null) {
            return label;
        }
        String file = plist.getFileName().toString();
        return file.endsWith(".plist") ? file.substring(0, file.length() - ".plist".length()) : file;
    }

    public String plistPath() {
        return plist.toString();
    }
}
