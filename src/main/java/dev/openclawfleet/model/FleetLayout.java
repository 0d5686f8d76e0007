package dev.openclawfleet.model;

import java.nio.file.Path;

/**
 * The fleet contract's naming and layout: where an instance's label, plist, state dir, config,
 * logs and workspace live, given the container root (by default {@code ~/.openclaw}).
 */
public record FleetLayout(Path root) {
    public static final String LABEL_PREFIX = "ai.openclaw.";
    public static final String STATE_DIR_PREFIX = ".openclaw-";
    public static final String CONFIG_FILE = "openclaw.json";
    /** Present in a state dir while `fleet add-instance` has not finished; removed once the instance is healthy. */
    public static final String PROVISIONING_MARKER = ".fleet-provisioning";
    /** fleet's own private folder in the container root (start records, the fix journal, the monitor's logs). */
    public static final String FLEET_DIR = ".fleet";
    /** What an unfinished `fleet fix` still has to do, in {@link #FLEET_DIR}. */
    public static final String FIX_JOURNAL = "fix-journal.json";
    /** Prefix of the dir a new state dir is built in before it is renamed into place. */
    public static final String STAGING_PREFIX = ".fleet-staging-";
    /** Where remove-instance moves what it removes, unless told to archive or purge. */
    public static final String TRASH_DIR = ".trash";

    public FleetLayout {
        root = root.toAbsolutePath().normalize();
    }

    public static String label(String name) {
        return LABEL_PREFIX + name;
    }

    public static String plistFileName(String name) {
        return label(name) + ".plist";
    }

    public Path stateDir(String name) {
        return root.resolve(STATE_DIR_PREFIX + name);
    }

    public Path configPath(String name) {
        return stateDir(name).resolve(CONFIG_FILE);
    }

    public Path logsDir(String name) {
        return stateDir(name).resolve("logs");
    }

    public Path stdoutLog(String name) {
        return logsDir(name).resolve("gateway.log");
    }

    public Path stderrLog(String name) {
        return logsDir(name).resolve("gateway.err.log");
    }

    public Path workspace(String name) {
        return stateDir(name).resolve("workspace");
    }

    public Path plist(Path agentsDir, String name) {
        return agentsDir.resolve(plistFileName(name));
    }

    public Path trash() {
        return root.resolve(TRASH_DIR);
    }

    /** Folder of skills shared by every instance (seed 000's shared skill library). */
    public Path sharedSkills() {
        return root.resolve("shared").resolve("skills");
    }
}
