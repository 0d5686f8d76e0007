package dev.openclawfleet.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The environment an instance's gateway process will see, as far as the audit can know it: the
 * job's own variables (plist EnvironmentVariables and the wrapper's env file), then, without
 * overriding them, the dotenv files OpenClaw loads ({@code <WorkingDirectory>/.env},
 * {@code <state>/.env}) and the config's {@code env} block. {@code unseen} says why more may come
 * from somewhere the audit cannot read (a user's wrapper script, a login-shell import), else null.
 * Values may be secrets: never printed.
 */
public record GatewayEnvironment(Map<String, String> variables, List<Path> files, String unseen) {
    public static final GatewayEnvironment EMPTY = new GatewayEnvironment(Map.of(), List.of(), null);

    public GatewayEnvironment {
        variables = Map.copyOf(variables);
        files = List.copyOf(files);
    }

    /** A variable that is set and not empty (OpenClaw treats an empty one as missing). */
    public String get(String name) {
        String v = variables.get(name);
        return v == null || v.isEmpty() ? null : v;
    }

    @Override
    public String toString() {
        return "GatewayEnvironment[keys=" + variables.keySet() + ", files=" + files + ", unseen=" + unseen + "]";
    }
}
