package dev.openclawfleet.model;

import java.util.List;

/**
 * A job's ProgramArguments, taken apart: which form it has, the node binary, the entry script (or
 * the {@code openclaw} launcher), the subcommand it runs ({@code gateway}, {@code node}...), the
 * {@code --port} value as written, and for wrapper forms the wrapper script and the env file it
 * is given. Fields that the arguments do not contain are null.
 */
public record GatewayCommand(Form form, List<String> arguments, String node, String entry, String subcommand, String portArgument,
                             String wrapper, String envFile) {

    /** The shapes of ProgramArguments the auditor understands. */
    public enum Form {
        /** {@code [node, (node options), entry, gateway, --port, P]}: the fleet contract, and OpenClaw's 2026.1-2026.6 direct form. */
        CONTRACT,
        /** {@code [/bin/sh, wrapper, env file, node, (node options), entry, gateway, --port, P]}: OpenClaw's install. */
        OPENCLAW_WRAPPER,
        /** {@code [<state>/service-env/<label>-env-wrapper.sh, env file, node, ..., entry, gateway, ...]}: OpenClaw 2026.5.x. */
        OPENCLAW_WRAPPER_FIRST,
        /** A user's own script that runs node (or the launcher) later: {@code [run_with_env.sh, secrets.env, --, node, entry, gateway, ...]}. */
        USER_WRAPPER,
        /** {@code [.../openclaw, gateway, ...]}: the {@code #!/usr/bin/env node} launcher itself. */
        LAUNCHER,
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

    /** True when the command runs the {@code gateway} subcommand. */
    public boolean runsGateway() {
        return "gateway".equals(subcommand);
    }

    /** True when the job runs OpenClaw's own env wrapper ({@code <label>-env-wrapper.sh}), which sources {@code envFile}. */
    public boolean openClawWrapper() {
        return wrapper != null && wrapper.endsWith("-env-wrapper.sh");
    }
}
