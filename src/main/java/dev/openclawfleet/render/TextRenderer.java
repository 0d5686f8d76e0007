package dev.openclawfleet.render;

import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.HostReport;
import dev.openclawfleet.model.HostsReport;
import dev.openclawfleet.model.Instance;
import dev.openclawfleet.model.JobStatus;
import dev.openclawfleet.model.LiveStatus;
import dev.openclawfleet.model.Parallel;
import dev.openclawfleet.model.Report;
import dev.openclawfleet.model.Severity;
import dev.openclawfleet.model.Text;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Human output: findings grouped by plist file, one block per gateway instance (then findings about
 * several instances, then files that are not instances), each with severity, rule, file, message
 * and fix; a summary line last. Two plists with one name (from two folders) get a block each. Every
 * untrusted string is made printable, so a hostile label cannot move the cursor.
 */
public final class TextRenderer implements Renderer {

    @Override
    public String render(Report report, RenderOptions options) {
        StringBuilder all = new StringBuilder();
        render(report, options, "audit".equals(options.command()), all::append);
        return all.toString();
    }

    /** The same text, handed to {@code sink} a piece at a time: 10,000 instances' report is never one 5 MB string. */
    @Override
    public void render(Report report, RenderOptions options, Consumer<String> sink) {
        render(report, options, "audit".equals(options.command()), sink);
    }

    /** The report; {@code fixHint} adds, when something is wrong, where fleet fix comes in (a local audit only). */
    private void render(Report report, RenderOptions options, boolean fixHint, Consumer<String> sink) {
        render(report, options, fixHint, sink, true);
    }

    /** The report as above; {@code parallel} false makes every block on the calling thread (the tests compare both). */
    void render(Report report, RenderOptions options, boolean fixHint, Consumer<String> sink, boolean parallel) {
        Style s = new Style(options.color());
        StringBuilder out = new StringBuilder(ChunkedWriter.CHUNK + 4096);
        Map<String, Finding> byId = new LinkedHashMap<>();
        report.findings().forEach(f -> {
            if (f.id() != null) {
                byId.put(f.id(), f);
            }
        });
        // A consequence is printed under its root cause, not in its own place (when the root is printed too).
        Map<String, List<Finding>> folded = new LinkedHashMap<>();
        List<Finding> shown = new ArrayList<>();
        for (Finding f : report.findings()) {
            if (options.quiet() && f.severity() == Severity.INFO) {
                continue;
            }
            Finding root = f.causedBy() == null ? null : byId.get(f.causedBy());
            if (root != null && !(options.quiet() && root.severity() == Severity.INFO)) {
                folded.computeIfAbsent(root.id(), k -> new ArrayList<>()).add(f);
            } else {
                shown.add(f);
            }
        }
        // By identity: the owners are the report's own Instance objects, and a record's hashCode would
        // hash the whole parsed plist (and spin method handles on a short run's first call). The list
        // keeps the order in which instances got their first finding.
        Map<Instance, List<Finding>> byInstance = new IdentityHashMap<>();
        List<Instance> order = new ArrayList<>();
        List<Finding> shared = new ArrayList<>();
        List<Finding> other = new ArrayList<>();
        Map<String, List<Instance>> byName = byName(report.instances());
        for (Finding f : shown) {
            if (f.instances().size() == 1) {
                Instance owner = ownerAmong(f, byName.getOrDefault(f.instances().get(0), List.of()));
                if (owner == null) {
                    other.add(f); // a finding naming an instance we did not list
                } else {
                    byInstance.computeIfAbsent(owner, k -> {
                        order.add(k);
                        return new ArrayList<>();
                    }).add(f);
                }
            } else if (f.instances().size() > 1) {
                shared.add(f);
            } else {
                other.add(f);
            }
        }
        Blocks blocks = new Blocks(byInstance, order, shared, folded, report.instances());
        // What each block holds is worked out first, in the instances' order (a block takes its findings out of
        // byInstance, and foldedElsewhere looks at which blocks are still to come); only then is the text of the blocks
        // made, on every core: 10,000 blocks were one core's work at the end of a run.
        List<BlockContent> contents = new ArrayList<>();
        for (Instance i : report.instances()) {
            List<Finding> mine = byInstance.remove(i);
            List<String> elsewhere = blocks.foldedElsewhere(i);
            if (!(options.quiet() && mine == null && elsewhere.isEmpty())) {
                contents.add(new BlockContent(i, mine, elsewhere));
            }
        }
        appendInWindows(out, contents, b -> block(report, s, b, folded), sink, parallel);
        section(out, s, "across instances", shared, folded, sink, parallel);
        section(out, s, "other files", other, folded, sink, parallel);
        if (!options.quiet()) {
            for (String note : report.notes()) {
                out.append(s.dim("note: " + p(note))).append('\n');
            }
        }
        for (String problem : report.problems()) {
            out.append(s.red("problem: ")).append(p(problem)).append('\n');
        }
        out.append(summary(report, s)).append('\n');
        if (fixHint && !options.quiet() && report.count(Severity.ERROR) + report.count(Severity.WARNING) > 0) {
            out.append(s.dim("`fleet fix --dry-run` shows which of these fleet can fix for you, and how; `fleet fix` does it")).append('\n');
        }
        sink.accept(out.toString());
    }

    /** Blocks (or findings) whose text is made at once: enough to share out over the cores, few enough that their text stays small. */
    static final int BLOCKS_PER_WINDOW = 1024;

    /**
     * Each item's text, appended in the items' order and handed to {@code sink} in large pieces; made a
     * window at a time on every core when {@code parallel} (and the window is large enough), else here.
     */
    private static <T> void appendInWindows(StringBuilder out, List<T> items, Function<T, String> text, Consumer<String> sink,
                                            boolean parallel) {
        for (int from = 0; from < items.size(); from += BLOCKS_PER_WINDOW) {
            List<T> window = items.subList(from, Math.min(items.size(), from + BLOCKS_PER_WINDOW));
            for (String piece : (parallel ? Parallel.stream(window) : window.stream()).map(text).toList()) {
                out.append(piece);
                ChunkedWriter.flushLarge(out, sink);
            }
        }
    }

    /** One instance's block: its own findings (null when none) and the lines about its findings shown in other blocks. */
    private record BlockContent(Instance instance, List<Finding> mine, List<String> elsewhere) {
    }

    /** The text of one instance's block: its header line, its findings (or "ok"), and a blank line. Pure. */
    private static String block(Report report, Style s, BlockContent b, Map<String, List<Finding>> folded) {
        Instance i = b.instance();
        StringBuilder out = new StringBuilder(256);
        out.append(s.bold(p(i.name()))).append("  ").append(s.dim(p(i.displayLabel())
                + (i.port() == null ? "" : "  port " + i.port()) + "  " + p(i.plistPath())));
        report.liveOf(i).ifPresent(live -> out.append("  ").append(live(live, s)));
        out.append('\n');
        if (b.mine() == null && b.elsewhere().isEmpty()) {
            out.append("  ").append(s.green("ok")).append('\n');
        } else {
            if (b.mine() != null) {
                b.mine().forEach(f -> finding(out, s, f, folded));
            }
            b.elsewhere().forEach(line -> out.append("  ").append(s.dim(line)).append('\n'));
        }
        out.append('\n');
        return out.toString();
    }

    /**
     * Where each printed finding sits, so that an instance whose findings were all folded under a
     * root in another block does not read "ok": it gets one line saying where they are.
     */
    private static final class Blocks {
        private final Map<Instance, List<Finding>> byInstance;
        private final Map<String, List<Finding>> folded;
        /** The shared findings that have consequences folded under them, in their order. */
        private final List<Finding> sharedRoots;
        /** Each instance (in first-finding order) with those of its findings that have consequences folded under them. */
        private final List<Map.Entry<Instance, List<Finding>>> instanceRoots = new ArrayList<>();
        /** The owner of each folded consequence about one instance, worked out once (by identity). */
        private final Map<Finding, Instance> owners = new IdentityHashMap<>();

        Blocks(Map<Instance, List<Finding>> byInstance, List<Instance> order, List<Finding> shared,
               Map<String, List<Finding>> folded, List<Instance> instances) {
            this.byInstance = byInstance;
            this.folded = folded;
            this.sharedRoots = roots(shared);
            for (Instance instance : order) {
                List<Finding> roots = roots(byInstance.getOrDefault(instance, List.of()));
                if (!roots.isEmpty()) {
                    instanceRoots.add(Map.entry(instance, roots));
                }
            }
            for (List<Finding> consequences : folded.values()) {
                for (Finding c : consequences) {
                    if (c.instances().size() == 1) {
                        owners.put(c, owner(c, instances));
                    }
                }
            }
        }

        private List<Finding> roots(List<Finding> findings) {
            return folded.isEmpty() ? List.of() : findings.stream().filter(f -> folded.containsKey(f.id())).toList();
        }

        /**
         * One line per root printed in another block (shared, or an instance not printed yet) with
         * consequences about {@code i} folded under it. Only roots that have consequences are looked
         * at, each consequence's owner found once: a scan of every block per instance was quadratic at 10,000.
         */
        List<String> foldedElsewhere(Instance i) {
            if (folded.isEmpty()) {
                return List.of(); // nothing is folded: no need to look through every other block (10,000 of them in a big lint)
            }
            List<Finding> mine = byInstance.getOrDefault(i, List.of());
            List<String> out = new ArrayList<>();
            for (Finding root : sharedRoots) {
                line(i, root, mine, out);
            }
            for (Map.Entry<Instance, List<Finding>> entry : instanceRoots) {
                if (entry.getKey() != i && byInstance.containsKey(entry.getKey())) {
                    for (Finding root : entry.getValue()) {
                        line(i, root, mine, out);
                    }
                }
            }
            return out;
        }

        private void line(Instance i, Finding root, List<Finding> mine, List<String> out) {
            List<Finding> consequences = folded.getOrDefault(root.id(), List.of()).stream()
                    .filter(c -> c.instances().size() == 1 && owners.get(c) == i).toList();
            if (!consequences.isEmpty() && !mine.contains(root)) {
                out.add(String.format("%-8s", consequences.get(0).severity().id()) + " " + consequences.stream().map(Finding::rule)
                        .distinct().collect(java.util.stream.Collectors.joining(", ")) + ": caused by " + root.rule()
                        + (root.instances().size() > 1 ? " (across instances)" : " (" + root.instances().get(0) + ")")
                        + ", shown under it");
            }
        }
    }

    /**
     * Several Macs: one section per host, headed by its name, holding what the audit of that host
     * alone prints (a host that was not reached shows its host-unreachable finding); then one line
     * for all of them.
     */
    @Override
    public String render(HostsReport report, RenderOptions options) {
        Style s = new Style(options.color());
        StringBuilder out = new StringBuilder();
        for (HostReport h : report.hosts()) {
            out.append(s.bold("== " + p(h.host()) + " ==")).append(h.reached() ? "" : "  " + s.red("unreachable")).append("\n\n");
            if (h.reached()) {
                render(h.report(), options, false, out::append);
            } else {
                h.report().findings().forEach(f -> finding(out, s, f, Map.of()));
            }
            out.append('\n');
        }
        long problems = report.problems();
        String text = Summary.count(report.hosts().size(), "host") + (report.unreachable() == 0 ? "" : " (" + report.unreachable()
                + " unreachable)") + ", " + Summary.count(report.instances(), "instance") + ": "
                + Summary.count(report.count(Severity.ERROR), "error") + ", " + Summary.count(report.count(Severity.WARNING), "warning")
                + ", " + Summary.count(report.count(Severity.INFO), "info")
                + (problems == 0 ? "" : ", " + Summary.count(problems, "problem")) + (report.exitCode(false) == 3 ? " (incomplete)" : "");
        out.append(report.count(Severity.ERROR) > 0 || report.exitCode(false) == 3 ? s.red(text)
                : report.count(Severity.WARNING) > 0 ? s.yellow(text) : s.green(text)).append('\n');
        return out.toString();
    }

    /**
     * The block of a finding about one instance: the instance of that name when there is one; when
     * several plists share the name, the one whose plist, config or state dir the finding points at.
     */
    static Instance owner(Finding f, List<Instance> instances) {
        String name = f.instances().get(0);
        return ownerAmong(f, instances.stream().filter(i -> i.name().equals(name)).toList());
    }

    /** The report's instances by name, once per render: finding each finding's owner by a scan is quadratic at 10,000. */
    private static Map<String, List<Instance>> byName(List<Instance> instances) {
        Map<String, List<Instance>> out = new java.util.HashMap<>();
        for (Instance i : instances) {
            out.computeIfAbsent(i.name(), k -> new ArrayList<>(1)).add(i);
        }
        return out;
    }

    /** {@link #owner(Finding, List)} among the instances that bear the finding's name. */
    private static Instance ownerAmong(Finding f, List<Instance> named) {
        if (named.size() <= 1) {
            return named.isEmpty() ? null : named.get(0);
        }
        String path = f.path() == null ? "" : f.path();
        for (Instance i : named) {
            if (path.equals(i.plistPath())) {
                return i;
            }
        }
        for (Instance i : named) {
            if ((i.configPath() != null && path.equals(i.configPath().toString()))
                    || (i.stateDir() != null && !path.isEmpty() && java.nio.file.Path.of(path).normalize().startsWith(i.stateDir()))) {
                return i;
            }
        }
        return named.get(0);
    }

    /** "running pid 812, up 3h, listening" / "stopped" / "not loaded" / "crash-looping: spawn scheduled, runs 40, last exit 1". */
    private static String live(LiveStatus l, Style s) {
        if (l.loaded() == null) {
            return s.yellow("launchd state unknown");
        }
        if (!l.loaded()) {
            String word = l.status() == JobStatus.STOPPED ? "stopped (disabled, not loaded)" : "not loaded";
            String port = Boolean.TRUE.equals(l.listening()) && l.listenerPid() != null ? ", port held by pid " + l.listenerPid() : "";
            return l.status() == JobStatus.STOPPED && port.isEmpty() ? s.yellow(word) : s.red(word + port);
        }
        StringBuilder out = new StringBuilder();
        if (l.status() != null && l.status() != JobStatus.RUNNING) {
            out.append(l.status().id()).append(": ");
        }
        out.append(l.state() == null ? "loaded" : l.state());
        if (l.pid() != null) {
            out.append(" pid ").append(l.pid());
            if (l.uptimeSeconds() != null) {
                out.append(", up ").append(duration(l.uptimeSeconds()));
            }
        }
        if (l.runs() != null && l.runs() > 1) {
            out.append(", runs ").append(l.runs());
        }
        if (l.pid() == null && l.lastExitCode() != null) {
            out.append(", last exit ").append(l.lastExitCode());
        }
        if (l.listening() != null) {
            out.append(!l.listening() ? ", not listening" : Boolean.FALSE.equals(l.listenerIsJob()) && l.listenerPid() != null
                    ? ", port held by pid " + l.listenerPid() : ", listening");
        }
        boolean healthy = l.status() == null ? l.pid() != null && !Boolean.FALSE.equals(l.listening())
                : l.status() == JobStatus.RUNNING;
        return healthy ? s.green(out.toString()) : l.status() == JobStatus.STARTING ? s.yellow(out.toString()) : s.red(out.toString());
    }

    static String duration(long seconds) {
        if (seconds < 120) {
            return seconds + "s";
        }
        if (seconds < 7200) {
            return seconds / 60 + "m";
        }
        if (seconds < 172800) {
            return seconds / 3600 + "h";
        }
        return seconds / 86400 + "d";
    }

    private static void section(StringBuilder out, Style s, String title, List<Finding> findings, Map<String, List<Finding>> folded,
                                Consumer<String> sink, boolean parallel) {
        if (findings.isEmpty()) {
            return;
        }
        out.append(s.bold(title)).append('\n');
        // Made on every core as the instances' blocks are (a fleet packed tight has a port-spacing finding across
        // instances per instance).
        appendInWindows(out, findings, f -> {
            StringBuilder text = new StringBuilder(256);
            finding(text, s, f, folded);
            return text.toString();
        }, sink, parallel);
        out.append('\n');
    }

    private static void finding(StringBuilder out, Style s, Finding f, Map<String, List<Finding>> folded) {
        finding(out, s, f, "  ", true);
        List<Finding> consequences = f.id() == null ? List.of() : folded.getOrDefault(f.id(), List.of());
        if (!consequences.isEmpty()) {
            out.append("           ").append(s.dim("which also causes (fixing it fixes them):")).append('\n');
            consequences.forEach(c -> finding(out, s, c, "             ", false));
        }
    }

    /** One finding; a consequence shows no fix of its own (its root's fix is the one). */
    private static void finding(StringBuilder out, Style s, Finding f, String indent, boolean withFix) {
        String id = f.severity().id();
        String sev = id.length() >= 8 ? id : id + "        ".substring(id.length()); // %-8s without a Formatter per finding
        out.append(indent).append(s.severity(f.severity(), sev)).append(' ').append(s.bold(f.rule()));
        if (!withFix && !f.instances().isEmpty()) {
            out.append(' ').append(p(String.join(", ", f.instances())));
        }
        if (f.path() != null) {
            out.append("  ").append(s.dim(p(f.path()) + (f.position() == null ? "" : ":" + f.position())));
        }
        out.append('\n');
        String body = indent + "         ";
        out.append(body).append(p(f.message(), 2000)).append('\n');
        if (withFix && !f.fix().isEmpty()) {
            out.append(body).append(s.dim("fix: ")).append(p(f.fix(), 1000)).append('\n');
        }
    }

    private static String summary(Report report, Style s) {
        String text = Summary.of(report);
        return report.count(Severity.ERROR) > 0 || !report.problems().isEmpty() ? s.red(text)
                : report.count(Severity.WARNING) > 0 ? s.yellow(text) : s.green(text);
    }

    private static String p(String s) {
        return Text.printable(s, 500);
    }

    private static String p(String s, int max) {
        return Text.printable(s, max);
    }
}
