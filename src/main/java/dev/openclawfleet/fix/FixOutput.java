package dev.openclawfleet.fix;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.Report;
import dev.openclawfleet.model.Severity;
import dev.openclawfleet.model.Text;
import dev.openclawfleet.render.Json;
import dev.openclawfleet.render.Summary;
import dev.openclawfleet.system.BackupDir;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * `fleet fix` in words and in JSON: the plan, what each step did, the new tokens' fingerprints and
 * what is left with why and what to do. Never a secret: plans name keys, not values.
 */
public final class FixOutput {
    public static final int SCHEMA_VERSION = 1;

    private FixOutput() {
    }

    /** The plan, one numbered block per step. */
    public static List<String> plan(FixPlan plan, boolean dryRun) {
        List<String> out = new ArrayList<>();
        if (plan.resumed() != null) {
            out.add("an earlier `fleet fix` (pid " + plan.resumed().pid() + ", started " + plan.resumed().startedAt()
                    + ") did not finish: this run finishes it");
        }
        if (plan.isEmpty()) {
            out.add("fleet fix: nothing to change automatically");
            return out;
        }
        out.add("fleet fix" + (dryRun ? " --dry-run" : "") + ": " + plan.steps().size() + (plan.steps().size() == 1 ? " step" : " steps")
                + "; every file changed or moved is first copied into " + p(plan.backupDir().toString()) + "/ under its own path");
        int n = 0;
        for (Step step : plan.steps()) {
            n++;
            out.add(String.format("%2d. %s", n, p(step.title())));
            if (!step.fixes().isEmpty()) {
                out.add("    fixes: " + String.join(", ", step.fixes().stream().map(f -> f.rule() + " [" + f.id() + "]").distinct().toList()));
            }
            for (Action a : step.actions()) {
                for (String line : a.describe().split("\n")) {
                    out.add("    " + p(line));
                }
            }
        }
        plan.notes().forEach(note -> out.add("note: " + p(note)));
        return out;
    }

    /** The question asked once on a terminal. */
    public static String question(FixPlan plan) {
        List<String> parts = new ArrayList<>();
        if (plan.stops() > 0) {
            parts.add("they stop " + plan.stops() + (plan.stops() == 1 ? " process" : " processes"));
        }
        if (plan.restarts() > 0) {
            parts.add("start or restart " + plan.restarts() + (plan.restarts() == 1 ? " instance" : " instances"));
        }
        return "Apply " + (plan.steps().size() == 1 ? "this step" : "these " + plan.steps().size() + " steps")
                + (parts.isEmpty() ? "" : " (" + String.join(" and ", parts) + ")") + "? [y/N] ";
    }

    /** What was done, step by step, then the fingerprints of the new tokens. */
    public static List<String> done(FixExecutor.Result result) {
        List<String> out = new ArrayList<>();
        for (FixExecutor.StepResult r : result.steps()) {
            out.add(String.format("%2d. %s%s", r.number(), p(r.step().title()), r.ok() ? "" : "  (not done)"));
            if (r.lines().isEmpty()) {
                out.add("    nothing to do: already as planned");
            }
            r.lines().forEach(line -> out.add("    " + p(line)));
        }
        if (!result.fingerprints().isEmpty()) {
            out.add("new gateway tokens (fingerprints only; each token is in its instance's 0600 config):");
            result.fingerprints().forEach((name, fp) -> out.add("  " + name + "  " + fp));
        }
        out.add("backups: " + result.backupDir() + "/ (fix.log there says what was done)");
        if (result.failure() != null) {
            out.add("stopped: " + p(result.failure()) + "; run `fleet fix` again to carry on");
        }
        return out;
    }

    /** What is left: each root with why and what to do, its consequences under it. */
    public static List<String> left(FixPlan left, Report after) {
        List<String> out = new ArrayList<>();
        if (after != null) {
            out.add("audit after the fix: " + Summary.of(after));
        }
        List<Manual> shown = left.manual().stream().filter(m -> m.finding().severity() != Severity.INFO).toList();
        Map<String, List<Manual>> consequences = new LinkedHashMap<>();
        List<Manual> roots = new ArrayList<>();
        List<String> ids = shown.stream().map(m -> m.finding().id()).toList();
        for (Manual m : shown) {
            if (m.finding().causedBy() != null && ids.contains(m.finding().causedBy())) {
                consequences.computeIfAbsent(m.finding().causedBy(), k -> new ArrayList<>()).add(m);
            } else {
                roots.add(m);
            }
        }
        if (after != null && !left.isEmpty()) {
            out.add("a `fleet fix` now would still do " + left.steps().size() + (left.steps().size() == 1 ? " step" : " steps") + ": "
                    + String.join("; ", left.steps().stream().map(s -> p(s.title())).toList()));
        }
        if (roots.isEmpty()) {
            if (after != null && left.isEmpty()) {
                out.add("nothing is left to fix");
            }
            return out;
        }
        out.add("not fixed automatically (" + roots.size() + "):");
        for (Manual m : roots) {
            Finding f = m.finding();
            out.add("  " + String.format("%-8s", f.severity().id()) + " " + f.rule() + (f.instances().isEmpty() ? "" : "  "
                    + String.join(", ", f.instances())) + (f.path() == null ? "" : "  " + p(f.path())));
            out.add("           " + p(f.message()));
            out.add("           why: " + p(m.why()));
            if (!m.recipe().isEmpty()) {
                out.add("           do:  " + p(m.recipe()));
            }
            List<Manual> more = consequences.getOrDefault(f.id(), List.of());
            if (!more.isEmpty()) {
                out.add("           which also causes: " + String.join(", ", more.stream().map(c -> c.finding().rule()
                        + (c.finding().instances().isEmpty() ? "" : " (" + String.join(", ", c.finding().instances()) + ")")).distinct().toList()));
            }
        }
        return out;
    }

    /** The whole run as one JSON document (docs/commands/fix.md). */
    public static ObjectNode json(FixPlan plan, boolean dryRun, FixExecutor.Result result, Report after, FixPlan left) {
        ObjectNode root = Json.object();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.put("command", "fix");
        root.put("dryRun", dryRun);
        root.put("applied", result != null);
        root.put("backupDir", result != null ? result.backupDir().toString() : plan.backupDir().toString());
        root.put("resumed", plan.resumed() != null);
        ArrayNode steps = root.putArray("steps");
        int n = 0;
        for (Step step : plan.steps()) {
            n++;
            ObjectNode s = steps.addObject();
            s.put("step", n);
            s.put("title", step.title());
            ArrayNode fixes = s.putArray("fixes");
            for (Finding f : step.fixes()) {
                ObjectNode x = fixes.addObject();
                x.put("id", f.id());
                x.put("rule", f.rule());
            }
            ArrayNode actions = s.putArray("actions");
            step.actions().forEach(a -> actions.add(action(a, plan)));
            if (result != null) {
                int number = n;
                result.steps().stream().filter(r -> r.number() == number).findFirst().ifPresentOrElse(r -> {
                    s.put("done", r.ok());
                    ArrayNode lines = s.putArray("result");
                    r.lines().forEach(lines::add);
                }, () -> {
                    s.put("done", false);
                    s.putArray("result");
                });
            }
        }
        ArrayNode tokens = root.putArray("newTokens");
        if (result != null) {
            result.fingerprints().forEach((name, fp) -> {
                ObjectNode t = tokens.addObject();
                t.put("instance", name);
                t.put("fingerprint", fp);
            });
        }
        root.put("failure", result == null ? null : result.failure());
        FixPlan remaining = left != null ? left : plan;
        ArrayNode leftNode = root.putArray("left");
        for (Manual m : remaining.manual()) {
            Finding f = m.finding();
            if (f.severity() == Severity.INFO) {
                continue;
            }
            ObjectNode x = leftNode.addObject();
            x.put("id", f.id());
            x.put("rule", f.rule());
            x.put("severity", f.severity().id());
            ArrayNode names = x.putArray("instances");
            f.instances().forEach(names::add);
            x.put("path", f.path());
            x.put("message", f.message());
            x.put("why", m.why());
            x.put("recipe", m.recipe());
            x.put("causedBy", f.causedBy());
        }
        ArrayNode notes = root.putArray("notes");
        remaining.notes().forEach(notes::add);
        ObjectNode summary = root.putObject("summary");
        summary.put("steps", plan.steps().size());
        summary.put("stops", plan.stops());
        if (after != null) {
            summary.put("errors", after.count(Severity.ERROR));
            summary.put("warnings", after.count(Severity.WARNING));
            summary.put("problems", after.problems().size());
        } else {
            summary.put("errorsLeft", remaining.manual().stream().filter(m -> m.finding().severity() == Severity.ERROR).count());
        }
        return root;
    }

    private static ObjectNode action(Action a, FixPlan plan) {
        ObjectNode n = Json.object();
        n.put("type", a.type());
        if (a instanceof Action.Chmod c) {
            n.put("path", c.path().toString());
            n.put("from", String.format("%04o", c.from()));
            n.put("to", String.format("%04o", c.to()));
            n.put("backup", c.directory() ? null : BackupDir.where(plan.backupDir(), c.path()).toString());
        } else if (a instanceof Action.Write w) {
            n.put("path", w.change().path().toString());
            n.put("mode", w.change().octal());
            n.put("backup", w.change().before() == null ? null : BackupDir.where(plan.backupDir(), w.change().path()).toString());
            ArrayNode changes = n.putArray("changes");
            w.change().what().forEach(changes::add);
            n.put("commentsLost", w.change().commentsLost());
        } else if (a instanceof Action.Trash t) {
            n.put("path", t.path().toString());
            n.put("to", BackupDir.where(plan.backupDir(), t.path()).toString());
            n.put("why", t.why());
        } else if (a instanceof Action.Launchctl l) {
            ArrayNode args = n.putArray("args");
            l.args().forEach(args::add);
            n.put("stops", l.stops());
        } else if (a instanceof Action.StopProcess s) {
            n.put("pid", s.pid());
            n.put("commandLine", s.command());
        } else if (a instanceof Action.Start s) {
            n.put("instance", s.name());
            ArrayNode calls = n.putArray("launchctl");
            s.calls().forEach(c -> calls.add(c));
            n.put("why", s.why());
        } else if (a instanceof Action.FinishAdd f) {
            n.put("instance", f.name());
        } else if (a instanceof Action.Migrate m) {
            n.put("instance", m.plan().name());
            n.put("from", m.plan().root().toString());
            n.put("to", m.plan().target().toString());
            ArrayNode lines = n.putArray("lines");
            m.plan().describe().forEach(lines::add);
        }
        n.put("text", a.describe());
        return n;
    }

    private static String p(String s) {
        return Text.printable(s, 2000);
    }
}
