package dev.openclawfleet.audit;

import dev.openclawfleet.model.GatewayCommand;
import dev.openclawfleet.model.LaunchJob;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where OpenClaw keeps a gateway's state when its job does not say: {@code $HOME/.openclaw} for the
 * default gateway, {@code $HOME/.openclaw-<profile>} for a profile. The profile comes from
 * {@code OPENCLAW_PROFILE}, else {@code --profile P} in the arguments, else the label
 * {@code ai.openclaw.<profile>}; HOME from {@code OPENCLAW_HOME} or {@code HOME} in the job's
 * environment, else from where the plist lives ({@code <home>/Library/LaunchAgents}), else from a
 * LaunchDaemon's {@code UserName} ({@code /Users/<name>}).
 */
public final class OpenClawDefaults {
    public static final String DEFAULT_LABEL = "ai.openclaw.gateway";
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");

    private OpenClawDefaults() {
    }

    /** The state dir OpenClaw would use, or null when HOME or the profile cannot be told. */
    static Path stateDir(Map<String, String> env, Path plist, LaunchJob job, String label, GatewayCommand command) {
        Path home = home(env, plist, job);
        if (home == null) {
            return null;
        }
        String profile = env.get("OPENCLAW_PROFILE");
        if (profile == null || profile.isBlank()) {
            profile = GatewayCommands.profile(command.arguments());
        }
        if (profile == null || profile.isBlank()) {
            profile = profileOfLabel(label);
        }
        if (profile == null) {
            return home.resolve(".openclaw");
        }
        return SAFE_NAME.matcher(profile.strip()).matches() ? home.resolve(".openclaw-" + profile.strip()) : null;
    }

    /** {@code ai.openclaw.<profile>} gives the profile; the default label and other labels give none. */
    static String profileOfLabel(String label) {
        if (label == null || !label.startsWith("ai.openclaw.") || label.equals(DEFAULT_LABEL)) {
            return null;
        }
        return label.substring("ai.openclaw.".length());
    }

    /** The home folder the job runs with, or null. */
    static Path home(Map<String, String> env, Path plist, LaunchJob job) {
        for (String key : new String[]{"OPENCLAW_HOME", "HOME"}) {
            Path p = absolute(env.get(key));
            if (p != null) {
                return p;
            }
        }
        Path agents = plist.toAbsolutePath().normalize().getParent();
        if (agents != null && name(agents).equals("LaunchAgents") && agents.getParent() != null && name(agents.getParent()).equals("Library")) {
            Path home = agents.getParent().getParent();
            // /Library/LaunchAgents holds agents for every user: no single home.
            if (home != null && home.getParent() != null) {
                return home;
            }
        }
        String user = job.string("UserName").orElse(null);
        if (user != null && SAFE_NAME.matcher(user).matches()) {
            return Path.of("/Users", user);
        }
        return null;
    }

    private static String name(Path p) {
        return p.getFileName() == null ? "" : p.getFileName().toString();
    }

    private static Path absolute(String value) {
        if (value == null || !value.startsWith("/") || value.contains("$")) {
            return null;
        }
        try {
            return Path.of(value).normalize();
        } catch (InvalidPathException e) {
            return null;
        }
    }
}
