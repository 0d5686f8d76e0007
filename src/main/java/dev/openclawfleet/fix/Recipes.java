package dev.openclawfleet.fix;

import dev.openclawfleet.app.Audit;
import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.FleetLayout;
import dev.openclawfleet.model.Instance;
import dev.openclawfleet.model.Report;
import dev.openclawfleet.provision.PortAllocator;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;

/**
 * What to do by hand about a finding `fleet fix` does not change, with this fleet's real names,
 * paths and a free port where one is needed: never a placeholder. Falls back to the finding's own
 * fix line, which the rules already write with real values.
 */
final class Recipes {
    private Recipes() {
    }

    /** What a recipe may look up: the fleet, its audit, its layout and a free port. */
    record Context(Audit.Fleet fleet, Report report, FleetLayout layout, Path agentsDir, String domain, int basePort,
                   IntPredicate listening) {
        /** A base port free now and 20 or more from every instance's. */
        String freePort() {
            OptionalInt p = PortAllocator.allocate(basePort, fleet.instances(), listening);
            return p.isPresent() ? Integer.toString(p.getAsInt()) : "a free port";
        }
    }

    static Manual manual(Finding f, Context c) {
        String name = f.instances().isEmpty() ? null : f.instances().get(0);
        Instance i = name == null ? null : c.fleet().instances().stream().filter(x -> x.name().equals(name)).findFirst().orElse(null);
        String why = "fleet fix does not change this on its own";
        String recipe = f.fix();
        switch (f.rule()) {
            case "config-invalid" -> {
                why = "the config is not valid JSON5, and fleet does not guess what it should say";
                recipe = "open " + f.path() + ", fix it where the message says, then `fleet audit`" + (name == null ? ""
                        : "; once it parses, `fleet config " + name + " get gateway` shows its gateway settings");
            }
            case "config-env-missing" -> {
                why = "the value of a variable is yours to give";
                String vars = f.evidence("variables");
                if (name != null && vars != null) {
                    recipe = java.util.Arrays.stream(vars.split(",")).map(v -> "fleet config " + name + " set env.vars." + v + " -")
                            .collect(Collectors.joining(" && ")) + "  (each reads the value from stdin), then `fleet restart " + name + "`";
                }
            }
            case "service-env-invalid" -> {
                why = "OpenClaw writes that file, and fleet does not guess its variables";
                recipe = "reinstall the service with OpenClaw: `openclaw " + (name == null || name.equals("gateway") ? "" : "--profile " + name + " ")
                        + "gateway install --force`";
            }
            case "state-dir-missing" -> {
                why = "the instance's state (config, sessions, credentials) is not where its plist says, and fleet does not invent it";
                if (name != null) {
                    recipe = "if you moved it, point the plist back at it; else `fleet remove-instance " + name + "` and `fleet add-instance "
                            + name + " --port " + c.freePort() + "`, or `fleet restore FILE` from a backup of " + name;
                }
            }
            case "config-missing" -> {
                why = "fleet writes a new config only for a fleet instance whose state dir exists";
                if (name != null) {
                    recipe = "fleet config " + name + " set gateway.mode local && fleet rotate-token " + name;
                }
            }
            case "bind-not-loopback" -> {
                why = "the gateway may be meant to be reachable from other machines";
                if (name != null) {
                    recipe = "if it should not be: fleet config " + name + " set gateway.bind loopback && fleet restart " + name;
                }
            }
            case "orphan-state-dir" -> {
                why = "fleet cannot tell whether the folder is a leftover or an instance that lost its plist";
                String dir = Path.of(f.path()).getFileName().toString();
                String orphan = dir.substring(FleetLayout.STATE_DIR_PREFIX.length());
                Instance named = c.fleet().instances().stream().filter(x -> x.name().equals(orphan)).findFirst().orElse(null);
                recipe = named != null ? pointBack(named, c) + "; else, to put it away: mv " + f.path() + " " + c.layout().trash() + "/"
                        : "to run it again: fleet generate " + orphan + " --port " + c.freePort() + " --root " + c.layout().root() + " -o "
                        + c.agentsDir() + " && fleet start " + orphan + "; to put it away: mv " + f.path() + " " + c.layout().trash() + "/";
            }
            case "duplicate-label" -> {
                why = "fleet cannot tell which of the plists you mean to keep";
                recipe = "move the newer one out: launchctl bootout " + c.domain() + "/" + (i == null ? "" : i.label()) + "; mv " + f.path()
                        + " ~/.Trash/; then `fleet start " + (name == null ? "" : name) + "` for the one you keep";
            }
            case "duplicate-state-dir", "lock-collision" -> {
                why = "fleet cannot tell which sessions and credentials belong to which instance";
                // An instance whose own .openclaw-NAME is still there (a copied plist left pointing at another's dir) goes back to it.
                List<String> back = c.fleet().instances().stream().filter(x -> f.instances().contains(x.name()) && hasOwnDirLeft(x, c))
                        .map(x -> pointBack(x, c)).toList();
                if (!back.isEmpty()) {
                    recipe = String.join("; ", back) + " (what it wrote meanwhile stays in the shared dir)";
                }
            }
            case "port-invalid" -> {
                why = "the plist names no port fleet can keep";
                recipe = "put `--port " + c.freePort() + "` after `gateway` in ProgramArguments of " + f.path() + " (a free port 20 or"
                        + " more from the others), then `fleet fix`";
            }
            case "port-taken" -> {
                why = "the process on the port is not an OpenClaw gateway, and fleet does not stop other programs";
                if (name != null) {
                    recipe = (f.evidence("pid") == null ? "" : "stop pid " + f.evidence("pid") + " (`kill " + f.evidence("pid") + "`), or ")
                            + "move " + name + ": `fleet set-port " + name + " --auto`";
                }
            }
            case "crash-loop", "port-not-listening", "not-running" -> why = "nothing fleet checks explains it: its err log says why";
            case "label-invalid", "label-missing", "label-filename-mismatch", "plist-unreadable" -> {
                why = "fleet cannot tell which instance the plist is meant to be";
                if (f.rule().equals("label-invalid") && i != null) {
                    recipe = "rename the job: `fleet generate NAME --port " + (i.port() == null ? c.freePort() : i.port()) + " --root "
                            + c.layout().root() + " -o " + c.agentsDir() + "` for a valid NAME, then move " + f.path() + " to the trash";
                }
            }
            case "program-arguments", "state-dir-env", "log-path", "program-not-absolute", "unexpanded-path", "run-at-load",
                 "keep-alive" -> {
                if (i != null && i.label() != null && i.label().startsWith(FleetLayout.LABEL_PREFIX)) {
                    recipe = "fleet generate " + name + " --port " + (i.port() == null ? c.freePort() : i.port()) + " --root "
                            + c.layout().root() + " -o " + c.agentsDir() + runtimeArgs(i) + " --force  (the contract plist; add back any key of your own),"
                            + " then `fleet restart " + name + "`";
                }
            }
            default -> {
                // the rule's own fix line names the real paths already
            }
        }
        return new Manual(f, why, recipe);
    }

    /** True when the instance uses another dir while its own {@code <root>/.openclaw-NAME} is left without a plist. */
    private static boolean hasOwnDirLeft(Instance i, Context c) {
        String own = c.layout().root().resolve(FleetLayout.STATE_DIR_PREFIX + i.name()).toString();
        return (i.stateDir() == null || !i.stateDir().toString().equals(own)) && c.report().findings().stream()
                .anyMatch(o -> o.rule().equals("orphan-state-dir") && own.equals(o.path()));
    }

    /** Points a fleet instance's plist back at its own state dir, with its own port. */
    private static String pointBack(Instance i, Context c) {
        return i.name() + "'s own state dir " + c.layout().root().resolve(FleetLayout.STATE_DIR_PREFIX + i.name())
                + " is still there: point its plist back at it with `fleet generate " + i.name() + " --port "
                + (i.port() == null ? c.freePort() : i.port()) + " --root " + c.layout().root() + " -o " + c.agentsDir()
                + runtimeArgs(i) + " --force` (add back any key of your own), then `fleet restart " + i.name() + "`";
    }

    /** The plist's own node and entry script, when they are absolute paths: generate then keeps them instead of PATH's. */
    private static String runtimeArgs(Instance i) {
        String node = i.command() == null ? null : i.command().node();
        String entry = i.command() == null ? null : i.command().entry();
        return (node != null && node.startsWith("/") && !node.contains("$") ? " --node " + shellWord(node) : "")
                + (entry != null && entry.startsWith("/") && !entry.contains("$") ? " --entry " + shellWord(entry) : "");
    }

    /** A path as one word a shell reads back unchanged ("Application Support" has a space). */
    private static String shellWord(String path) {
        return path.matches("[A-Za-z0-9_./@:+-]+") ? path : "'" + path.replace("'", "'\\''") + "'";
    }

    static String names(List<Instance> group) {
        return group.stream().map(Instance::name).collect(Collectors.joining(", "));
    }
}
