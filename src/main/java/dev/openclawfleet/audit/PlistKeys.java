package dev.openclawfleet.audit;

import dev.openclawfleet.model.Instance;
import dev.openclawfleet.model.KeyPath;

import java.util.List;

/**
 * The plist keys findings point at most often, worked out for one instance: where its port and its
 * state dir are written. A finding that names no key points at the Label.
 */
public final class PlistKeys {
    public static final KeyPath PROGRAM_ARGUMENTS = KeyPath.key("ProgramArguments");
    public static final KeyPath ENVIRONMENT = KeyPath.key("EnvironmentVariables");
    public static final KeyPath STATE_DIR_ENV = ENVIRONMENT.then("OPENCLAW_STATE_DIR");

    private PlistKeys() {
    }

    /** The {@code --port} value in ProgramArguments (the {@code --port=P} item itself), else ProgramArguments. */
    public static KeyPath port(Instance instance) {
        List<String> args = instance.job().programArguments().orElse(List.of());
        int gateway = args.indexOf("gateway");
        for (int i = gateway + 1; gateway >= 0 && i < args.size(); i++) {
            if (args.get(i).equals("--port")) {
                return PROGRAM_ARGUMENTS.index(i + 1 < args.size() ? i + 1 : i);
            }
            if (args.get(i).startsWith("--port=")) {
                return PROGRAM_ARGUMENTS.index(i);
            }
        }
        return PROGRAM_ARGUMENTS;
    }

    /** The ProgramArguments item equal to {@code value} (node, the entry script...), else ProgramArguments. */
    public static KeyPath argument(Instance instance, String value) {
        int i = instance.job().programArguments().orElse(List.of()).indexOf(value);
        return i < 0 ? PROGRAM_ARGUMENTS : PROGRAM_ARGUMENTS.index(i);
    }

    /**
     * Where the state dir comes from: OPENCLAW_STATE_DIR in the plist, or OpenClaw's env wrapper
     * path in ProgramArguments when the dir was inferred from it; the (missing) variable otherwise.
     */
    public static KeyPath stateDir(Instance instance) {
        if (!instance.job().environment().containsKey("OPENCLAW_STATE_DIR")
                && instance.stateDirSource() == Instance.StateDirSource.WRAPPER_PATH && instance.command().wrapper() != null) {
            return argument(instance, instance.command().wrapper());
        }
        return STATE_DIR_ENV;
    }
}
