package dev.openclawfleet.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Where the fleet lives: the container root and the LaunchAgents dir, with the macOS defaults. */
public final class FleetDirs {
    @Option(names = "--root", paramLabel = "DIR",
            description = "Container root holding the .openclaw-<name> state dirs (default: ~/.openclaw).")
    String root;

    @Option(names = "--agents-dir", paramLabel = "DIR",
            description = "Directory of the LaunchAgent plists (default: ~/Library/LaunchAgents).")
    String agentsDir;

    Path root(CliContext context) {
        return root == null ? context.home().resolve(".openclaw") : context.resolve(root);
    }

    Path agentsDir(CliContext context) {
        return agentsDir == null ? context.home().resolve("Library").resolve("LaunchAgents") : context.resolve(agentsDir);
    }
}
