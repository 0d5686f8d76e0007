package dev.openclawfleet.cli;

import dev.openclawfleet.model.Text;

import java.nio.file.Path;
import java.util.Map;

/**
 * The defaults of --root, --agents-dir and --domain: FLEET_ROOT, FLEET_AGENTS_DIR and FLEET_DOMAIN
 * when set (and not empty), else the macOS layout. An option on the command line always wins.
 * Relative paths in the variables are resolved against the working directory, like typed ones.
 */
record CliDefaults(Path root, String rootVariable, Path agentsDir, String agentsDirVariable, String domain, String domainVariable) {
    static final String ROOT_VARIABLE = "FLEET_ROOT";
    static final String AGENTS_DIR_VARIABLE = "FLEET_AGENTS_DIR";
    static final String DOMAIN_VARIABLE = "FLEET_DOMAIN";

    static CliDefaults of(CliContext context) {
        String root = variable(context.env(), ROOT_VARIABLE);
        String agents = variable(context.env(), AGENTS_DIR_VARIABLE);
        String domain = variable(context.env(), DOMAIN_VARIABLE);
        return new CliDefaults(
                root == null ? context.home().resolve(".openclaw") : context.resolve(root), root == null ? null : ROOT_VARIABLE,
                agents == null ? context.home().resolve("Library").resolve("LaunchAgents") : context.resolve(agents),
                agents == null ? null : AGENTS_DIR_VARIABLE,
                domain == null ? "gui" : domain, domain == null ? null : DOMAIN_VARIABLE);
    }

    /** The built-in defaults alone, whatever the environment says: for man pages and completion scripts, which are shared. */
    static CliDefaults builtIn(CliContext context) {
        return new CliDefaults(context.home().resolve(".openclaw"), null, context.home().resolve("Library").resolve("LaunchAgents"), null,
                "gui", null);
    }

    private static String variable(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** "(default: ~/.openclaw, or $FLEET_ROOT)" or "(default: /srv/bots, from $FLEET_ROOT)", for an option's help. */
    static String describe(String builtIn, Object inUse, String variable, String variableName) {
        return variable == null ? "(default: " + builtIn + ", or $" + variableName + ")"
                : "(default: " + Text.printable(inUse.toString(), 200) + ", from $" + variable + ")";
    }

    String describeRoot() {
        return describe("~/.openclaw", root, rootVariable, ROOT_VARIABLE);
    }

    String describeAgentsDir() {
        return describe("~/Library/LaunchAgents", agentsDir, agentsDirVariable, AGENTS_DIR_VARIABLE);
    }

    String describeDomain() {
        return describe("gui", domain, domainVariable, DOMAIN_VARIABLE);
    }

    /** The "Defaults in use" lines of `fleet --help`. */
    String[] inUse() {
        return new String[]{
                "Defaults in use (an option wins; FLEET_ROOT, FLEET_AGENTS_DIR and FLEET_DOMAIN",
                "change them):",
                "  --root        " + Text.printable(root.toString(), 200) + source(rootVariable),
                "  --agents-dir  " + Text.printable(agentsDir.toString(), 200) + source(agentsDirVariable),
                "  --domain      " + Text.printable(domain, 40) + source(domainVariable)};
    }

    private static String source(String variable) {
        return variable == null ? "" : "  (from $" + variable + ")";
    }
}
