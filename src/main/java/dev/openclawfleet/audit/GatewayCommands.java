package dev.openclawfleet.audit;

import dev.openclawfleet.model.GatewayCommand;
import dev.openclawfleet.model.GatewayCommand.Form;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Takes a job's ProgramArguments (or a process's command line) apart: where node or the
 * {@code openclaw} launcher starts, which wrapper runs it, which subcommand it runs.
 */
public final class GatewayCommands {
    private static final Set<String> SHELLS = Set.of("sh", "bash", "zsh", "dash");
    private static final Set<String> LAUNCHERS = Set.of("openclaw", "openclaw-gateway", "clawdbot", "moltbot");
    private static final String WRAPPER_SUFFIX = "-env-wrapper.sh";
    /**
     * Programs that put node on a PATH lookup or a package runner rather than being a user's own
     * wrapper script: the contract form rules them out (launchd's PATH rarely has node).
     */
    private static final Set<String> NOT_USER_WRAPPERS = Set.of("env", "npx", "pnpm", "pnpx", "bunx", "yarn", "nohup", "nice",
            "caffeinate", "sudo", "arch", "time", "exec", "command");

    private GatewayCommands() {
    }

    public static GatewayCommand parse(List<String> args) {
        if (args == null || args.isEmpty()) {
            return new GatewayCommand(Form.OTHER, args, null, null, null, null, null, null);
        }
        String wrapper = null;
        String envFile = null;
        Form wrapped = null;
        int from = 0;
        if (args.size() >= 2 && SHELLS.contains(baseName(args.get(0))) && args.get(1).endsWith(WRAPPER_SUFFIX)) {
            wrapper = args.get(1);
            envFile = args.size() > 2 ? args.get(2) : null;
            from = 3;
            wrapped = Form.OPENCLAW_WRAPPER;
        } else if (args.get(0).endsWith(WRAPPER_SUFFIX)) {
            wrapper = args.get(0);
            envFile = args.size() > 1 ? args.get(1) : null;
            from = 2;
            wrapped = Form.OPENCLAW_WRAPPER_FIRST;
        }
        int start = -1;
        for (int i = from; i < args.size() && start < 0; i++) {
            if (isNode(args.get(i)) || isLauncher(args.get(i))) {
                start = i;
            }
        }
        String port = portAfterGateway(args);
        if (start < 0) {
            // No node and no launcher: a script, a shell one-liner, a template. It runs the gateway if the word is there.
            String sub = words(args).contains("gateway") ? "gateway" : null;
            return new GatewayCommand(Form.OTHER, args, null, null, sub, port, wrapper, envFile);
        }
        boolean node = isNode(args.get(start));
        int entryAt = start;
        if (node) {
            entryAt = start + 1;
            while (entryAt < args.size() && args.get(entryAt).startsWith("-")) {
                entryAt++; // node's own options, e.g. --max-old-space-size=4096
            }
        }
        String entry = entryAt < args.size() ? args.get(entryAt) : null;
        String sub = entry == null ? null : subcommand(args.subList(entryAt + 1, args.size()));
        Form form;
        if (wrapped != null) {
            form = wrapped;
        } else if (start > 0) {
            int script = SHELLS.contains(baseName(args.get(0))) && start > 1 && !args.get(1).startsWith("-") ? 1 : 0;
            if (NOT_USER_WRAPPERS.contains(baseName(args.get(0))) || (script == 0 && SHELLS.contains(baseName(args.get(0))))) {
                form = Form.OTHER;
            } else {
                form = Form.USER_WRAPPER;
                wrapper = args.get(script);
                envFile = args.subList(script + 1, start).stream().filter(a -> a.endsWith(".env")).findFirst().orElse(null);
            }
        } else if (node) {
            form = entry != null && "gateway".equals(sub) ? Form.CONTRACT : Form.OTHER;
        } else {
            form = "gateway".equals(sub) ? Form.LAUNCHER : Form.OTHER;
        }
        return new GatewayCommand(form, args, node ? args.get(start) : null, node ? entry : null, sub, port, wrapper, envFile);
    }

    /**
     * The subcommand after the entry script: {@code gateway} when the word appears at all (options such
     * as {@code --profile p} may come first), else the first word that is neither an option nor, as far
     * as can be told, an option's value ({@code --port 18789}), else null.
     */
    private static String subcommand(List<String> rest) {
        if (rest.contains("gateway")) {
            return "gateway";
        }
        for (int i = 0; i < rest.size(); i++) {
            String a = rest.get(i);
            boolean valueOfOption = i > 0 && rest.get(i - 1).startsWith("-") && !rest.get(i - 1).contains("=");
            if (!a.startsWith("-") && !valueOfOption && !a.chars().allMatch(Character::isDigit)) {
                return a;
            }
        }
        return null;
    }

    /** The value of {@code --port P} or {@code --port=P} after the {@code gateway} subcommand, or null. */
    public static String portAfterGateway(List<String> args) {
        int gateway = args.indexOf("gateway");
        if (gateway < 0) {
            return null;
        }
        for (int i = gateway + 1; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--port")) {
                return i + 1 < args.size() ? args.get(i + 1) : "";
            }
            if (a.startsWith("--port=")) {
                return a.substring("--port=".length());
            }
        }
        return null;
    }

    /** The value of {@code --profile P} or {@code --profile=P} before the subcommand, or null. */
    public static String profile(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("gateway")) {
                return null;
            }
            if (a.equals("--profile") && i + 1 < args.size()) {
                return args.get(i + 1);
            }
            if (a.startsWith("--profile=")) {
                return a.substring("--profile=".length());
            }
        }
        return null;
    }

    /** True when the arguments run OpenClaw's gateway in any form we can recognise under a foreign label. */
    public static boolean looksLikeOpenClawGateway(List<String> args) {
        if (args == null || !words(args).contains("gateway")) {
            return false;
        }
        return args.stream().anyMatch(a -> a.toLowerCase(Locale.ROOT).contains("openclaw"));
    }

    /**
     * True when a process's command line (as ps prints it) is an OpenClaw gateway in any form: the
     * {@code openclaw-gateway} process title; the {@code gateway} subcommand after node and an entry
     * script (absolute or relative: {@code node dist/index.js gateway --port P}), after the
     * {@code openclaw} launcher, or after a wrapper that runs one of those.
     */
    public static boolean isGatewayCommandLine(String commandLine) {
        if (commandLine == null || commandLine.isBlank()) {
            return false;
        }
        List<String> words = Arrays.asList(commandLine.strip().split("\\s+"));
        if (words.stream().anyMatch(w -> baseName(w).equalsIgnoreCase("openclaw-gateway"))) {
            return true;
        }
        int gateway = words.indexOf("gateway");
        if (gateway < 1) {
            return false;
        }
        for (int i = 0; i < gateway; i++) {
            String w = words.get(i);
            String lower = w.toLowerCase(Locale.ROOT);
            if (isNode(w) || isLauncher(w) || lower.contains("openclaw") || lower.contains("clawdbot") || lower.contains("moltbot")) {
                return true;
            }
        }
        return false;
    }

    /** Every whitespace-separated word of every argument (a {@code sh -c} script is one argument). */
    static List<String> words(List<String> args) {
        return args.stream().flatMap(a -> Arrays.stream(a.strip().split("\\s+"))).toList();
    }

    static boolean isNode(String program) {
        String base = baseName(program);
        return base.equals("node") || base.equals("nodejs") || base.equals("bun") || base.matches("node\\d+");
    }

    static boolean isLauncher(String program) {
        return LAUNCHERS.contains(baseName(program));
    }

    static String baseName(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }
}
