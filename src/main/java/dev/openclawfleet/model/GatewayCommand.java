package dev.openclawfleet.model;

import java.util.List;

/**
 * A gateway job's ProgramArguments, taken apart: which form it has, the node binary, the entry
 * script, the {@code --port} value as written, and for OpenClaw's own form its wrapper and env file.
 * Fields that the arguments do not contain are null.
 */
public record GatewayCommand(Form form, List<String> arguments, String node, String entry, String portArgument,
                             String wrapper, String envFile) {

    /** The shapes of ProgramArguments the auditor understands. */
    public enum Form {
        /** {@code [node, (node options), entry, gateway, --port, P]}: the fleet contract. */
        CONTRACT,
        /** {@code [/bin/sh, wrapper, env file, node, (node options), entry, gateway, --port, P]}: OpenClaw's install. */
        OPENCLAW_WRAPPER,
        /** Anything else, including a missing or malformed array. */
        OTHER
    }

    public GatewayCommand {
        arguments = arguments == null ? List.of() : List.copyOf(arguments);
    }

    /** The program launchd will execute: the first argument. */
    public String executable() {
        return arguments.isEmpty() ? null : arguments.get(0);
    }
}
