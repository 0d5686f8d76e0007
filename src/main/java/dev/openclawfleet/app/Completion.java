package dev.openclawfleet.app;

import dev.openclawfleet.audit.PlistClassifier;
import dev.openclawfleet.model.Instance;
import dev.openclawfleet.model.JobKind;
import dev.openclawfleet.model.PlistFile;
import dev.openclawfleet.system.PlistScanner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What shell completion asks of the fleet: the instance names, read from the plists alone (fast, no launchd). */
public final class Completion {
    private Completion() {
    }

    /**
     * The names commands such as {@code fleet status NAME} accept, sorted; legacy jobs and names
     * a shell would need quoted are left out. Nothing (never an error) when the dir is missing.
     */
    public static List<String> instanceNames(Path agentsDir, long uid) {
        if (!Files.isDirectory(agentsDir)) {
            return List.of();
        }
        PlistScanner.Scan scan = new PlistScanner(uid).scan(List.of(agentsDir), false, PlistScanner::isPlistName);
        return scan.reads().stream().map(PlistClassifier::classify)
                .filter(f -> f instanceof PlistFile.Gateway).map(f -> ((PlistFile.Gateway) f).instance())
                .filter(i -> i.kind() != JobKind.LEGACY && i.label() != null)
                .map(Instance::name).filter(n -> n.matches("[A-Za-z0-9._-]{1,64}")).distinct().sorted().toList();
    }
}
