package dev.openclawfleet.cli;

import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;

/** Where the fleet lives: the container root and the LaunchAgents dir, from the options, else the defaults in use. */
record FleetDirs(Path root, Path agentsDir) {

    static void addTo(CommandSpec spec, CliDefaults defaults) {
        addRoot(spec, defaults);
        spec.addOption(Specs.value("--agents-dir", "DIR", null,
                "Directory of the LaunchAgent plists " + defaults.describeAgentsDir() + "."));
    }

    static void addRoot(CommandSpec spec, CliDefaults defaults) {
        spec.addOption(Specs.value("--root", "DIR", null,
                "Container root holding the .openclaw-<name> state dirs " + defaults.describeRoot() + "."));
    }

    static FleetDirs from(Args args) {
        return new FleetDirs(root(args), resolve(args, "--agents-dir", args.defaults().agentsDir()));
    }

    static Path root(Args args) {
        return resolve(args, "--root", args.defaults().root());
    }

    private static Path resolve(Args args, String option, Path fallback) {
        String typed = args.string(option);
        return typed == null || typed.isEmpty() ? fallback : args.context().resolve(typed);
    }
}
