package dev.openclawfleet.audit;

import dev.openclawfleet.model.FleetLayout;
import dev.openclawfleet.model.GatewayCommand;
import dev.openclawfleet.model.Instance;
import dev.openclawfleet.model.Instance.StateDirSource;
import dev.openclawfleet.model.JobKind;
import dev.openclawfleet.model.LaunchJob;
import dev.openclawfleet.model.PlistFile;
import dev.openclawfleet.model.PlistRead;
import dev.openclawfleet.model.Text;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Decides what a parsed plist is (an OpenClaw gateway of some kind, or something else) and
 * resolves a gateway's name, port, state dir and config path.
 */
public final class PlistClassifier {
    private PlistClassifier() {
    }

    public static PlistFile classify(PlistRead read) {
        if (read instanceof PlistRead.Failed failed) {
            return new PlistFile.Unreadable(failed.path(), failed.reason());
        }
        PlistRead.Parsed parsed = (PlistRead.Parsed) read;
        if (!(parsed.root() instanceof Map<?, ?> map)) {
            return new PlistFile.Unreadable(parsed.path(), "the top level is " + describe(parsed.root())
                    + ", not a dictionary, so it is not a launchd job");
        }
        @SuppressWarnings("unchecked")
        LaunchJob job = new LaunchJob((Map<String, Object>) map);
        String label = job.label().orElse(null);
        List<String> args = job.programArguments().orElse(List.of());
        String fileName = parsed.path().getFileName().toString();

        if (label != null) {
            String lower = label.toLowerCase(Locale.ROOT);
            if (isLegacy(lower)) {
                return gateway(parsed, job, JobKind.LEGACY, Map.of());
            }
            String foreignWhy = otherOpenClawJob(label);
            if (foreignWhy != null) {
                return new PlistFile.Foreign(parsed.path(), label, foreignWhy);
            }
            if (label.startsWith(FleetLayout.LABEL_PREFIX) || GatewayCommands.looksLikeOpenClawGateway(args)) {
                return gateway(parsed, job, null, Map.of());
            }
            return new PlistFile.Foreign(parsed.path(), label, "'" + Text.printable(label) + "' is not an OpenClaw gateway job");
        }
        if (fileName.startsWith(FleetLayout.LABEL_PREFIX) || GatewayCommands.looksLikeOpenClawGateway(args)) {
            return gateway(parsed, job, null, Map.of());
        }
        return new PlistFile.Foreign(parsed.path(), null, "it has no Label and does not run an OpenClaw gateway");
    }

    /** The instance again, now with OpenClaw's service env file merged in (audit reads that file). */
    public static Instance withServiceEnvironment(Instance instance, Map<String, String> serviceEnv) {
        if (serviceEnv.isEmpty()) {
            return instance;
        }
        return resolve(instance.plist(), instance.facts(), instance.job(), instance.kind(), serviceEnv);
    }

    private static PlistFile gateway(PlistRead.Parsed parsed, LaunchJob job, JobKind kind, Map<String, String> serviceEnv) {
        return new PlistFile.Gateway(resolve(parsed.path(), parsed.facts(), job, kind, serviceEnv));
    }

    private static Instance resolve(Path plist, dev.openclawfleet.model.FileFacts facts, LaunchJob job, JobKind knownKind,
                                    Map<String, String> serviceEnv) {
        GatewayCommand command = GatewayCommands.parse(job.programArguments().orElse(null));
        JobKind kind = knownKind != null ? knownKind
                : command.form() == GatewayCommand.Form.OPENCLAW_WRAPPER ? JobKind.OPENCLAW : JobKind.FLEET;
        String label = job.label().orElse(null);

        Map<String, String> env = new LinkedHashMap<>(job.environment());
        env.putAll(serviceEnv);

        Path stateDir = path(env.get("OPENCLAW_STATE_DIR"));
        StateDirSource source = stateDir != null ? StateDirSource.ENVIRONMENT : StateDirSource.NONE;
        if (stateDir == null && command.wrapper() != null) {
            Path wrapper = path(command.wrapper());
            if (wrapper != null && wrapper.getParent() != null && wrapper.getParent().getFileName() != null
                    && wrapper.getParent().getFileName().toString().equals("service-env") && wrapper.getParent().getParent() != null) {
                stateDir = wrapper.getParent().getParent();
                source = StateDirSource.WRAPPER_PATH;
            }
        }
        Path config = path(env.get("OPENCLAW_CONFIG_PATH"));
        if (config == null && stateDir != null) {
            config = stateDir.resolve(FleetLayout.CONFIG_FILE);
        }
        return new Instance(name(label, plist), label, plist, facts, job, kind, command, env, port(command.portArgument()),
                stateDir, source, config);
    }

    /** The fleet name: what follows {@code ai.openclaw.}, else the label, else the file name. */
    static String name(String label, Path plist) {
        String id = label;
        if (id == null) {
            id = plist.getFileName().toString();
            if (id.endsWith(".plist")) {
                id = id.substring(0, id.length() - ".plist".length());
            }
        }
        return id.startsWith(FleetLayout.LABEL_PREFIX) && id.length() > FleetLayout.LABEL_PREFIX.length()
                ? id.substring(FleetLayout.LABEL_PREFIX.length()) : id;
    }

    static Integer port(String argument) {
        if (argument == null || argument.isEmpty() || argument.length() > 6 || !argument.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return Integer.valueOf(argument);
    }

    private static Path path(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Path.of(value).normalize();
        } catch (InvalidPathException e) {
            return null;
        }
    }

    static boolean isLegacy(String lowerLabel) {
        return lowerLabel.contains("clawdbot") || lowerLabel.contains("moltbot");
    }

    /** Why an {@code ai.openclaw.*} label is OpenClaw's but not a gateway, or null for gateways. */
    private static String otherOpenClawJob(String label) {
        if (label.equals("ai.openclaw.node")) {
            return "ai.openclaw.node is OpenClaw's node host, not a gateway";
        }
        if (label.equals("ai.openclaw.mac")) {
            return "ai.openclaw.mac is OpenClaw's macOS app, not a gateway";
        }
        if (label.startsWith("ai.openclaw.update.") || label.equals("ai.openclaw.update")) {
            return Text.printable(label) + " is OpenClaw's updater, not a gateway";
        }
        return null;
    }

    private static String describe(Object root) {
        if (root == null) {
            return "empty";
        }
        if (root instanceof List<?>) {
            return "an array";
        }
        if (root instanceof String) {
            return "a string";
        }
        if (root instanceof byte[]) {
            return "data";
        }
        if (root instanceof Boolean) {
            return "a boolean";
        }
        if (root instanceof Number) {
            return "a number";
        }
        if (root instanceof java.util.Date) {
            return "a date";
        }
        return "a value of another kind";
    }
}
