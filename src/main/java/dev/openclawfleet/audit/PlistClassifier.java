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
import java.util.Optional;

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
        LaunchJob job = LaunchJob.adopt((Map<String, Object>) map); // the parser's fresh map: no copy needed
        String label = job.label().orElse(null);
        List<String> args = job.programArguments().orElse(List.of());
        String fileName = parsed.path().getFileName().toString();
        GatewayCommand command = GatewayCommands.parse(job.programArguments().orElse(null));

        if (label != null) {
            if (isLegacy(label.toLowerCase(Locale.ROOT))) {
                return gateway(parsed, job, JobKind.LEGACY, Map.of());
            }
            if (label.startsWith(FleetLayout.LABEL_PREFIX)) {
                boolean gateway = otherOpenClawJob(label) ? command.runsGateway() : runsGateway(job, command);
                return gateway ? gateway(parsed, job, null, Map.of())
                        : new PlistFile.Helper(parsed.path(), label, HelperJobs.describe(label, job, command));
            }
            if (GatewayCommands.looksLikeOpenClawGateway(args)) {
                return gateway(parsed, job, null, Map.of());
            }
            return new PlistFile.Foreign(parsed.path(), label, "'" + Text.printable(label) + "' is not an OpenClaw gateway job");
        }
        if (GatewayCommands.looksLikeOpenClawGateway(args)) {
            return gateway(parsed, job, null, Map.of());
        }
        if (fileName.startsWith(FleetLayout.LABEL_PREFIX)) {
            return runsGateway(job, command) ? gateway(parsed, job, null, Map.of())
                    : new PlistFile.Helper(parsed.path(), null, HelperJobs.describe(null, job, command));
        }
        return new PlistFile.Foreign(parsed.path(), null, "it has no Label and does not run an OpenClaw gateway");
    }

    /**
     * True unless the job's command is known and runs no {@code gateway} subcommand. A job whose
     * command is missing or malformed, or that runs OpenClaw's entry with no subcommand at all, is a
     * broken gateway (the gateway rules say what is wrong), not a helper.
     */
    static boolean runsGateway(LaunchJob job, GatewayCommand command) {
        if (command.runsGateway()) {
            return true;
        }
        if (job.programArguments().map(List::isEmpty).orElse(true)) {
            Optional<String> program = job.program();
            return program.isEmpty() || GatewayCommands.isLauncher(program.get());
        }
        if (command.node() != null && command.entry() == null) {
            return true;
        }
        return HelperJobs.openClawEntry(command) && command.subcommand() == null;
    }

    /** The instance again, now with its wrapper's env file merged in (audit reads that file). */
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
        String label = job.label().orElse(null);
        JobKind kind = knownKind != null ? knownKind : kindOf(job, command, label);

        Map<String, String> env = new LinkedHashMap<>(job.environment());
        env.putAll(serviceEnv);

        Path stateDir = path(env.get("OPENCLAW_STATE_DIR"));
        StateDirSource source = stateDir != null ? StateDirSource.ENVIRONMENT : StateDirSource.NONE;
        if (stateDir == null && command.openClawWrapper()) {
            Path wrapper = path(command.wrapper());
            if (wrapper != null && wrapper.getParent() != null && wrapper.getParent().getFileName() != null
                    && wrapper.getParent().getFileName().toString().equals("service-env") && wrapper.getParent().getParent() != null) {
                stateDir = wrapper.getParent().getParent();
                source = StateDirSource.WRAPPER_PATH;
            }
        }
        if (stateDir == null && kind == JobKind.OPENCLAW) {
            stateDir = OpenClawDefaults.stateDir(env, plist, job, label, command);
            source = stateDir != null ? StateDirSource.OPENCLAW_DEFAULT : StateDirSource.NONE;
        }
        Path config = path(env.get("OPENCLAW_CONFIG_PATH"));
        if (config == null && stateDir != null) {
            config = stateDir.resolve(FleetLayout.CONFIG_FILE);
        }
        return new Instance(name(label, plist), label, plist, facts, job, kind, command, env, port(command.portArgument()),
                stateDir, source, config);
    }

    /**
     * OpenClaw's own jobs: any of its wrapper forms, a user's wrapper around node, the service keys its
     * installer writes ({@code OPENCLAW_SERVICE_MARKER}, {@code OPENCLAW_SERVICE_KIND},
     * {@code OPENCLAW_LAUNCHD_LABEL}), its {@code Comment} "OpenClaw Gateway (...)", a LaunchDaemon's
     * {@code UserName}, or its reserved default label. Everything else is held to the fleet contract.
     */
    static JobKind kindOf(LaunchJob job, GatewayCommand command, String label) {
        if (command.openClawWrapper() || command.form() == GatewayCommand.Form.USER_WRAPPER) {
            return JobKind.OPENCLAW;
        }
        Map<String, String> env = job.environment();
        if ("openclaw".equalsIgnoreCase(env.getOrDefault("OPENCLAW_SERVICE_MARKER", "").strip())
                || env.containsKey("OPENCLAW_SERVICE_KIND") || env.containsKey("OPENCLAW_LAUNCHD_LABEL")) {
            return JobKind.OPENCLAW;
        }
        String comment = job.string("Comment").orElse("");
        if (comment.toLowerCase(Locale.ROOT).startsWith("openclaw gateway") && !comment.contains("(openclaw-fleet)")) {
            return JobKind.OPENCLAW;
        }
        if (job.string("UserName").isPresent() || OpenClawDefaults.DEFAULT_LABEL.equals(label)) {
            return JobKind.OPENCLAW;
        }
        return JobKind.FLEET;
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
        if (argument == null || argument.isEmpty() || argument.length() > 6) {
            return null;
        }
        int value = 0;
        for (int i = 0; i < argument.length(); i++) {
            char c = argument.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            value = value * 10 + (c - '0');
        }
        return value;
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

    /** OpenClaw's own jobs that are not gateways: its node host, macOS app and updater. */
    static boolean otherOpenClawJob(String label) {
        return label.equals("ai.openclaw.node") || label.equals("ai.openclaw.mac") || label.equals("ai.openclaw.update")
                || label.startsWith("ai.openclaw.update.");
    }

    /** Labels from before the rename (clawdbot, moltbot, bot.molt.*) and OpenClaw's old com.openclaw.* ones. */
    static boolean isLegacy(String lowerLabel) {
        return lowerLabel.contains("clawdbot") || lowerLabel.contains("moltbot") || lowerLabel.startsWith("bot.molt.")
                || lowerLabel.startsWith("com.openclaw.");
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
