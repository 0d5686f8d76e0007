package dev.openclawfleet.fix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.openclawfleet.launchd.Launchctl;
import dev.openclawfleet.model.FleetException;
import dev.openclawfleet.model.FleetLayout;
import dev.openclawfleet.model.Secret;
import dev.openclawfleet.plist.PlistWriter;
import dev.openclawfleet.provision.ConfigEdits;
import dev.openclawfleet.provision.ContractPlist;
import dev.openclawfleet.provision.FileChange;
import dev.openclawfleet.provision.FleetEnv;
import dev.openclawfleet.provision.Health;
import dev.openclawfleet.provision.Lifecycle;
import dev.openclawfleet.system.AtomicFiles;
import dev.openclawfleet.system.BackupDir;
import dev.openclawfleet.system.PrivateDirs;
import dev.openclawfleet.system.SafeFiles;
import dev.openclawfleet.system.TreeCopy;
import dev.openclawfleet.system.Trees;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The container root used as a live state dir next to {@code .openclaw-*} instances (mixed-root-state,
 * seed 004 failure mode 4) made a container again: the gateway that uses the root is stopped, the
 * root's state is copied into {@code <root>/.openclaw-<name>} and every file of the copy is checked
 * against its original by SHA-256 before anything is moved; only then do the originals go into the
 * backup folder (nothing is deleted), a fleet plist is written for the new instance, the old job is
 * disabled and its plist moved to the backup folder, and the new instance is started. Each phase is
 * recorded in the fix journal, so a rerun after a kill -9 carries on where it stopped.
 */
public final class RootMigration {
    /** What stays in the root: fleet's own things, the instances, shared skills, and scripts and docs (seed 004). */
    static boolean staysInRoot(String name) {
        return name.startsWith(FleetLayout.STATE_DIR_PREFIX) || name.startsWith(FleetLayout.FLEET_DIR) || name.equals(FleetLayout.TRASH_DIR)
                || name.equals("shared") || name.equals(".DS_Store") || name.startsWith(".fault-paused-")
                || name.equals("docs") || name.equals("scripts") || name.equals("bin")
                || name.endsWith(".sh") || name.endsWith(".md") || name.endsWith(".txt") || name.endsWith(".py");
    }

    /** Runtime files of the stopped gateway (its lock folder): kept in the backup, not carried into the instance. */
    static boolean runtimeOnly(String name) {
        return name.equals("tmp");
    }

    /**
     * The migration as planned: into {@code target} as instance {@code name}; the old job (null when
     * no plist uses the root), the entries to carry and the runtime ones to back up, what stays,
     * the new plist's port and runtime, and the config changes in words.
     */
    public record Plan(Path root, String name, Path target, String oldLabel, Path oldPlist, Integer oldPort, List<Path> entries,
                       List<Path> runtime, List<String> staying, long bytes, int files, int port, Path node, Path entry, Path newPlist,
                       String stops, String domain, Map<String, Secret> carried, boolean resume) {
        public Plan {
            entries = List.copyOf(entries);
            runtime = List.copyOf(runtime);
            staying = List.copyOf(staying);
            carried = Map.copyOf(carried);
        }

        public String label() {
            return FleetLayout.label(name);
        }

        List<String> describe() {
            List<String> out = new ArrayList<>();
            if (resume) {
                out.add("carry on with the migration an earlier `fleet fix` started");
            }
            if (oldLabel != null) {
                out.add("launchctl bootout " + domain + "/" + oldLabel + (stops == null ? "" : "  (stops " + stops + ")"));
                out.add("launchctl disable " + domain + "/" + oldLabel + "  (so it does not come back at the next login)");
            }
            out.add("copy   " + names(entries) + " from " + root + " into " + target + " (mode 0700; " + files + " files, "
                    + SafeFiles.humanSize(bytes) + "; every file checked by SHA-256 against its original before anything is moved)");
            out.add("write  0600  " + target.resolve(FleetLayout.CONFIG_FILE) + "  (paths into " + root + " now point into " + target
                    + "; gateway.port " + port + (carried.isEmpty() ? "" : "; " + String.join(", ", carried.keySet()) + " from the old job's environment")
                    + ")");
            List<Path> moved = new ArrayList<>(entries);
            moved.addAll(runtime);
            out.add("move   " + names(moved) + " from " + root + " to the backup folder (the originals: nothing is deleted)");
            out.add("write  0644  " + newPlist + "  (the fleet contract: node " + node + ", entry " + entry + ", port " + port + ")");
            if (oldPlist != null) {
                out.add("move   " + oldPlist + " to the backup folder  (the old job's plist)");
            }
            if (!staying.isEmpty()) {
                out.add("keep   " + String.join(", ", staying) + " in " + root + "  (container files, not gateway state)");
            }
            return out;
        }

        private static String names(List<Path> paths) {
            List<String> names = paths.stream().map(p -> p.getFileName() + (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "/" : "")).toList();
            return names.isEmpty() ? "nothing" : String.join(", ", names);
        }
    }

    private final Plan plan;
    private final FleetEnv env;
    private final Launchctl launchctl;
    private final BackupDir backups;
    private final Supplier<Secret> tokens;
    private final Consumer<FixJournal.Migration> record;
    private FixJournal.Migration progress;

    RootMigration(Plan plan, FleetEnv env, Launchctl launchctl, BackupDir backups, Supplier<Secret> tokens, FixJournal.Migration progress,
                  Consumer<FixJournal.Migration> record) {
        this.plan = plan;
        this.env = env;
        this.launchctl = launchctl;
        this.backups = backups;
        this.tokens = tokens;
        this.progress = progress;
        this.record = record;
    }

    private void phase(String done) {
        progress = progress.at(done);
        record.accept(progress);
    }

    /** Runs the phases not yet done; returns one line per thing done. */
    List<String> run() throws IOException {
        List<String> out = new ArrayList<>();
        if (plan.oldLabel() != null && launchctl != null && launchctl.bootout(plan.oldLabel())) {
            if (!Health.awaitGone(launchctl, plan.oldLabel(), plan.oldPort(), Lifecycle.JOB_GONE, Lifecycle.PORT_RELEASED)) {
                throw FleetException.operational("booted out " + plan.oldLabel() + ", but it did not go away; nothing was moved");
            }
            out.add("stopped " + plan.oldLabel());
        }
        if (plan.oldLabel() != null && launchctl != null) {
            launchctl.disable(plan.oldLabel());
        }
        phase("stopped");
        if (!Files.exists(plan.target(), LinkOption.NOFOLLOW_LINKS)) {
            copyAndVerify();
            out.add("copied " + plan.files() + " files into " + plan.target() + " and checked each against its original (SHA-256)");
        } else {
            verifyAgainstWhatIsLeft();
        }
        phase("copied");
        Secret token = adjustConfig();
        if (token != null) {
            out.add(plan.name() + ": new gateway token " + token.fingerprint() + " (in " + plan.target().resolve(FleetLayout.CONFIG_FILE) + ")");
        }
        for (String sub : List.of("logs", "workspace")) {
            // The contract's log files live in logs/; launchd cannot spawn the job without the folder (exit 78).
            if (!Files.exists(plan.target().resolve(sub), LinkOption.NOFOLLOW_LINKS)) {
                PrivateDirs.createNew(plan.target().resolve(sub), env.uid());
            }
        }
        phase("configured");
        List<Path> originals = new ArrayList<>(plan.entries());
        originals.addAll(plan.runtime());
        for (Path p : originals) {
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                backups.take(p);
            }
        }
        out.add("moved the originals from " + plan.root() + " to " + backups.dir());
        phase("trashed");
        byte[] plist = PlistWriter.toXml(ContractPlist.of(new ContractPlist.Spec(new FleetLayout(plan.root()), plan.name(), plan.port(),
                plan.node(), plan.entry())));
        byte[] now = FileChange.current(plan.newPlist());
        if (now == null) {
            AtomicFiles.write(plan.newPlist(), plist, AtomicFiles.MODE_0644, false);
            out.add("wrote " + plan.newPlist());
        } else if (!java.util.Arrays.equals(now, plist)) {
            throw FleetException.operational(plan.newPlist() + " exists and is not the plist fleet fix writes for " + plan.name()
                    + "; the state is in " + plan.target() + ": move that plist away and run `fleet fix` again");
        }
        if (plan.oldPlist() != null && Files.exists(plan.oldPlist(), LinkOption.NOFOLLOW_LINKS)) {
            backups.take(plan.oldPlist());
            out.add("moved " + plan.oldPlist() + " to " + backups.dir());
        }
        phase("done");
        return out;
    }

    private void copyAndVerify() throws IOException {
        if (progress.staging() != null) {
            Trees.delete(Path.of(progress.staging())); // a copy a killed run left half made
        }
        Path staging = plan.root().resolve(FleetLayout.STAGING_PREFIX + plan.name() + "-" + ProcessHandle.current().pid());
        progress = progress.staging(staging.toString());
        record.accept(progress);
        PrivateDirs.createNew(staging, env.uid());
        for (Path entry : plan.entries()) {
            TreeCopy.copy(entry, staging.resolve(entry.getFileName().toString()));
        }
        for (Path entry : plan.entries()) {
            Map<String, String> original = TreeCopy.digest(entry);
            Map<String, String> copy = TreeCopy.digest(staging.resolve(entry.getFileName().toString()));
            if (!original.equals(copy)) {
                Trees.delete(staging);
                throw FleetException.operational("the copy of " + entry + " differs from its original (" + firstDifference(original, copy)
                        + "); the copy was deleted and nothing was moved");
            }
        }
        Files.move(staging, plan.target(), StandardCopyOption.ATOMIC_MOVE);
        PrivateDirs.verify(plan.target(), env.uid());
    }

    /** After a crash between the copy and the move of the originals: what is still at the root must match its copy. */
    private void verifyAgainstWhatIsLeft() throws IOException {
        for (Path entry : plan.entries()) {
            if (!Files.exists(entry, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            Path copy = plan.target().resolve(entry.getFileName().toString());
            if (entry.getFileName().toString().equals(FleetLayout.CONFIG_FILE)) {
                continue; // adjusted on purpose
            }
            if (!Files.exists(copy, LinkOption.NOFOLLOW_LINKS) || !TreeCopy.digest(entry).equals(TreeCopy.digest(copy))) {
                throw FleetException.operational(entry + " and its copy " + copy + " differ: an earlier `fleet fix` was interrupted and"
                        + " something changed since; compare them, keep the right one, then run `fleet fix` again");
            }
        }
    }

    private static String firstDifference(Map<String, String> a, Map<String, String> b) {
        for (Map.Entry<String, String> e : a.entrySet()) {
            if (!e.getValue().equals(b.get(e.getKey()))) {
                return e.getKey().isEmpty() ? "the folder itself" : e.getKey();
            }
        }
        return "an extra entry in the copy";
    }

    /** Paths into the root now point into the instance; the old job's token and the new port go into the config. */
    private Secret adjustConfig() throws IOException {
        Path config = plan.target().resolve(FleetLayout.CONFIG_FILE);
        ConfigEdits edits = ConfigEdits.of(config);
        JsonNode tree = rootOf(edits);
        if (tree != null) {
            rewritePaths(tree, "", edits);
        } else {
            edits.set("gateway.mode", JsonNodeFactory.instance.textNode("local"), "gateway.mode \"local\"");
            edits.set("gateway.bind", JsonNodeFactory.instance.textNode("loopback"), "gateway.bind \"loopback\"");
        }
        edits.set("gateway.port", JsonNodeFactory.instance.numberNode(plan.port()), "gateway.port " + plan.port());
        for (Map.Entry<String, Secret> e : plan.carried().entrySet()) {
            edits.set(e.getKey(), JsonNodeFactory.instance.textNode(e.getValue().reveal()), e.getKey() + " from the old job's environment");
        }
        JsonNode token = edits.get("gateway.auth.token");
        Secret fresh = null;
        if (token == null || !token.isTextual() || token.asText().isBlank()) {
            fresh = tokens.get();
            edits.set("gateway.auth.mode", JsonNodeFactory.instance.textNode("token"), "gateway.auth.mode \"token\"");
            edits.set("gateway.auth.token", JsonNodeFactory.instance.textNode(fresh.reveal()), "gateway.auth.token: a new token");
        }
        if (edits.changed()) {
            edits.change().apply(null); // the original is the root's openclaw.json, which goes to the backup folder next
        }
        PrivateDirs.verify(plan.target(), env.uid());
        return fresh;
    }

    private static JsonNode rootOf(ConfigEdits edits) {
        try {
            byte[] bytes = FileChange.current(edits.path());
            return bytes == null ? null : dev.openclawfleet.state.ConfigReader.parse(bytes);
        } catch (dev.openclawfleet.state.ConfigReader.ConfigSyntaxException e) {
            throw FleetException.operational(edits.path() + " is " + e.getMessage() + ": the state was copied, fix its syntax and run"
                    + " `fleet fix` again");
        }
    }

    private void rewritePaths(JsonNode node, String key, ConfigEdits edits) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                if (!f.getKey().contains(".")) {
                    rewritePaths(f.getValue(), key.isEmpty() ? f.getKey() : key + "." + f.getKey(), edits);
                }
            }
        } else if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            boolean changed = false;
            for (JsonNode element : node) {
                String moved = element.isTextual() ? moved(element.asText()) : null;
                copy.add(moved == null ? element : JsonNodeFactory.instance.textNode(moved));
                changed |= moved != null;
            }
            if (changed && !key.isEmpty()) {
                edits.set(key, copy, key + " into " + plan.target());
            }
        } else if (node.isTextual() && !key.isEmpty()) {
            String moved = moved(node.asText());
            if (moved != null) {
                edits.set(key, JsonNodeFactory.instance.textNode(moved), key + " -> " + moved);
            }
        }
    }

    /** The path inside the instance for a path into one of the carried entries of the root; null for anything else. */
    String moved(String value) {
        String home = env.home() == null ? null : env.home().toString();
        String path = dev.openclawfleet.provision.PlistDraft.expand(value, home);
        for (Path entry : plan.entries()) {
            String from = entry.toString();
            if (path.equals(from) || path.startsWith(from + "/")) {
                return plan.target().resolve(entry.getFileName().toString()) + path.substring(from.length());
            }
        }
        return null;
    }

    /** What to do by hand when the migration cannot run, with this root's paths. */
    static String recipe(Path root, String name, String domain, String oldLabel, Path oldPlist, Path agents) {
        Path target = root.resolve(FleetLayout.STATE_DIR_PREFIX + name);
        return (oldLabel == null ? "" : "launchctl bootout " + domain + "/" + oldLabel + "; launchctl disable " + domain + "/" + oldLabel + "; ")
                + "mkdir -m 700 " + target + "; move the gateway's files from " + root + " (openclaw.json, agents/, credentials/,"
                + " sessions/, workspace/ and the rest of its state) into it; `fleet generate " + name + " --port P --root " + root + " -o "
                + agents + "`; " + (oldPlist == null ? "" : "mv " + oldPlist + " ~/.Trash/; ") + "`fleet start " + name + "`; `fleet audit`";
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
