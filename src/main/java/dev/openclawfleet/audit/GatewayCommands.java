package dev.openclawfleet.audit;

import dev.openclawfleet.model.GatewayCommand;
import dev.openclawfleet.model.GatewayCommand.Form;

import java.util.List;
import java.util.Set;

/** Takes a job's ProgramArguments apart into a {@link GatewayCommand}. */
public final class GatewayCommands {
    private static final Set<String> SHELLS = Set.of("sh", "bash", "zsh", "dash");
    private static final String WRAPPER_SUFFIX = "-env-wrapper.sh";

    private GatewayCommands() {
    }

    public static GatewayCommand parse(List<String> args) {
        if (args == null || args.isEmpty()) {
            return new GatewayCommand(Form.OTHER, args, null, null, null, null, null);
        }
        if (args.size() >= 3 && SHELLS.contains(baseName(args.get(0))) && args.get(1).endsWith(WRAPPER_SUFFIX)) {
            GatewayCommand inner = parseNodeForm(args.subList(3, args.size()), args);
            if (inner.form() == Form.CONTRACT) {
                return new GatewayCommand(Form.OPENCLAW_WRAPPER, args, inner.node(), inner.entry(), inner.portArgument(),
                        args.get(1), args.get(2));
            }
            return new GatewayCommand(Form.OTHER, args, null, null, portAfterGateway(args), args.get(1), args.get(2));
        }
        return parseNodeForm(args, args);
    }

    /** {@code [node, (options), entry, gateway, ...]} with the port taken from after {@code gateway}. */
    private static GatewayCommand parseNodeForm(List<String> part, List<String> all) {
        if (!part.isEmpty() && isNode(part.get(0))) {
            int i = 1;
            while (i < part.size() && part.get(i).startsWith("-")) {
                i++;
            }
            if (i + 1 < part.size() && part.get(i + 1).equals("gateway")) {
                return new GatewayCommand(Form.CONTRACT, all, part.get(0), part.get(i), portAfterGateway(part), null, null);
            }
        }
        return new GatewayCommand(Form.OTHER, all, null, null, portAfterGateway(all), null, null);
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

    /** True when the arguments run OpenClaw's gateway in any form we can recognise. */
    public static boolean looksLikeOpenClawGateway(List<String> args) {
        if (args == null || !args.contains("gateway")) {
            return false;
        }
        return args.stream().anyMatch(a -> a.toLowerCase(java.util.Locale.ROOT).contains("openclaw"));
    }

    private static boolean isNode(String program) {
        String base = baseName(program);
        return base.equals("node") || base.equals("nodejs") || base.matches("node\\d+");
    }

    static String baseName(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }
}
