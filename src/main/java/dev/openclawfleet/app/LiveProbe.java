package dev.openclawfleet.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openclawfleet.audit.LiveDetail;
import dev.openclawfleet.audit.LiveStates;
import dev.openclawfleet.launchd.DisabledParser;
import dev.openclawfleet.launchd.Launchctl;
import dev.openclawfleet.launchd.LaunchctlError;
import dev.openclawfleet.launchd.ListParser;
import dev.openclawfleet.launchd.PrintParser;
import dev.openclawfleet.model.CommandRun;
import dev.openclawfleet.model.DirListing;
import dev.openclawfleet.model.FileFact;
import dev.openclawfleet.model.GatewayLocks;
import dev.openclawfleet.model.HostQuery;
import dev.openclawfleet.model.HostSnapshot;
import dev.openclawfleet.model.HostState;
import dev.openclawfleet.model.Instance;
import dev.openclawfleet.model.JobStatus;
import dev.openclawfleet.model.LastExit;
import dev.openclawfleet.model.ListEntry;
import dev.openclawfleet.model.Listener;
import dev.openclawfleet.model.LiveHost;
import dev.openclawfleet.model.LiveJob;
import dev.openclawfleet.model.LiveStatus;
import dev.openclawfleet.model.LiveThresholds;
import dev.openclawfleet.model.LockFile;
import dev.openclawfleet.model.ProcessInfo;
import dev.openclawfleet.model.ProcessTree;
import dev.openclawfleet.model.Secret;
import dev.openclawfleet.model.ServiceRecord;
import dev.openclawfleet.model.StartRecord;
import dev.openclawfleet.state.ConfigReader;
import dev.openclawfleet.state.StartRecords;
import dev.openclawfleet.system.LogTail;
import dev.openclawfleet.system.LsofParser;
import dev.openclawfleet.system.PsParser;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The live half of the audit, as queries and their reading: one {@code launchctl list}, one
 * print-disabled, one lsof and one ps whatever the fleet's size; then {@code launchctl print} only
 * for the jobs whose verdict needs it ({@link LiveDetail}); the lock files, fleet's records of its
 * own starts, and the end of each err log. Pure: a host reader answered every query first.
 */
public final class LiveProbe {
    /** Lock files are tiny JSON; anything bigger is not read. */
    static final int MAX_LOCK_BYTES = 64 * 1024;

    private LiveProbe() {
    }

    /** Which jobs are printed: those that need it (what `fleet audit` does), or all of them (for `runs` in list and metrics). */
    public enum Detail { NEEDED, ALL }

    /** The probe's outcome: the facts, each instance's digest keyed by plist path, notes and problems. */
    public record Result(LiveHost host, Map<String, LiveStatus> statuses, List<String> notes, List<String> problems) {
    }

    /** The launchd domain, thresholds and print policy of one live audit, for one host's user. */
    public record Plan(String domain, LiveThresholds thresholds, Detail detail) {
    }

    static HostQuery.Run list() {
        return HostQuery.Run.of("launchctl", "list");
    }

    static HostQuery.Run printDisabled(String domain) {
        return HostQuery.Run.of("launchctl", "print-disabled", domain);
    }

    static HostQuery.Run print(String domain, String label) {
        return HostQuery.Run.of("launchctl", "print", domain + "/" + label);
    }

    static HostQuery.Run lsof() {
        return new HostQuery.Run(dev.openclawfleet.system.Lsof.COMMAND);
    }

    static HostQuery.Run ps() {
        return new HostQuery.Run(dev.openclawfleet.system.Ps.COMMAND);
    }

    /** The calls made once per audit, whatever the fleet's size; lsof and ps only where they are on PATH. */
    static List<HostQuery> commands(HostSnapshot s, Plan plan) {
        List<HostQuery> out = new ArrayList<>(List.of(list(), printDisabled(plan.domain())));
        if (s.identity().has("lsof")) {
            out.add(lsof());
        }
        if (s.identity().has("ps")) {
            out.add(ps());
        }
        return out;
    }

    /**
     * Fleet's start record and the end of the err log of an instance: read only for a job that is
     * printed, since only a crash loop (which only a printed job can be) uses them.
     */
    static List<HostQuery> perJob(Instance i, Path root) {
        List<HostQuery> out = new ArrayList<>();
        StartRecords.path(root, i.label()).ifPresent(p -> out.add(new HostQuery.ReadFile(p, StartRecords.MAX_BYTES)));
        errLogPath(i).ifPresent(p -> out.add(new HostQuery.TailFile(p, LogTail.MAX_BYTES)));
        return out;
    }

    /** Each instance's lock dir, and under the old scheme its lock in $TMPDIR for its config path. */
    static List<HostQuery> locks(List<Instance> instances, long uid, String tmpDir) {
        List<HostQuery> out = new ArrayList<>();
        for (Instance i : labelled(instances)) {
            lockDir(i, uid).ifPresent(out::add);
            legacyLock(i, uid, tmpDir).ifPresent(out::add);
        }
        return out;
    }

    /**
     * The instances whose job needs {@code launchctl print}, once list and ps have answered (empty
     * before: the caller asks again in the next round).
     */
    static List<Instance> printed(List<Instance> instances, HostSnapshot s, Plan plan) {
        if (!s.has(list()) || (s.identity().has("ps") && !s.has(ps()))) {
            return List.of();
        }
        Map<String, ListEntry> listed = plan.detail() == Detail.ALL ? null : listed(s);
        ProcessTree tree = processes(s).map(ProcessTree::new).orElse(null);
        return labelled(instances).stream().filter(i -> LiveDetail.needsPrint(i, listed, tree, plan.thresholds()).isPresent()).toList();
    }

    /** The prints the verdicts need, with each printed job's start record and err-log tail. */
    static List<HostQuery> details(List<Instance> instances, Path root, HostSnapshot s, Plan plan) {
        List<HostQuery> out = new ArrayList<>();
        for (Instance i : printed(instances, s, plan)) {
            out.add(print(plan.domain(), i.label()));
            out.addAll(perJob(i, root));
        }
        return out;
    }

    /** Reads the answers: launchd's view of each labelled instance, the listeners, the process table, the locks. */
    public static Result result(List<Instance> instances, HostState state, HostSnapshot s, Plan plan) {
        List<String> notes = new ArrayList<>();
        Set<String> problems = new LinkedHashSet<>();
        List<Instance> labelled = labelled(instances);
        String domain = plan.domain();
        long uid = s.identity().uid();
        String tmpDir = s.identity().tmpDir();

        Map<String, Boolean> disabled = disabled(s.run(printDisabled(domain)), domain, problems);
        boolean portsKnown = false;
        List<Listener> ports = List.of();
        if (!s.has(lsof())) {
            notes.add("port checks were skipped: `lsof` is not on PATH");
        } else if (s.run(lsof()) instanceof CommandRun.Done done) {
            // lsof exits 1 when nothing matched, and also when it only warns; what it printed is still right.
            ports = LsofParser.parse(done.stdout());
            portsKnown = true;
        } else {
            problems.add(((CommandRun.Failed) s.run(lsof())).reason());
        }
        boolean processesKnown = false;
        List<ProcessInfo> table = List.of();
        Instant processesAt = null;
        if (!s.has(ps())) {
            notes.add("process checks were skipped: `ps` is not on PATH");
        } else if (s.run(ps()) instanceof CommandRun.Done done && done.ok()) {
            table = processes(s).orElseThrow();
            processesKnown = true;
            processesAt = done.finishedAt();
        } else if (s.run(ps()) instanceof CommandRun.Done done) {
            problems.add("`ps` failed with status " + done.exitCode() + ": " + done.stderr().strip());
        } else {
            problems.add(((CommandRun.Failed) s.run(ps())).reason());
        }
        if (processesAt == null) {
            processesAt = s.run(list()) instanceof CommandRun.Done done ? done.finishedAt() : Instant.now();
        }
        Map<String, ListEntry> listed = listed(s);
        Collection<Secret> secrets = state.secrets();
        Path root = state.root() == null ? null : state.root().root();
        ProcessTree tree = new ProcessTree(table);
        List<LiveJob> jobs = new ArrayList<>();
        for (Instance i : labelled) {
            HostQuery.Run print = print(domain, i.label());
            boolean known;
            ServiceRecord service;
            if (s.has(print)) {
                // A print that failed or hung leaves launchd's view unknown: "not loaded" would be a guess.
                Optional<Optional<ServiceRecord>> printed = printed(s.run(print), domain, i.label(), problems);
                known = printed.isPresent();
                service = printed.flatMap(p -> p).orElse(null);
            } else {
                // Not printed: listed with a process old enough that its verdict needs no more (LiveDetail).
                known = true;
                service = ServiceRecord.listed(domain, listed.get(i.label()));
            }
            Long uptime = service == null || service.pid() == null ? null
                    : tree.get(service.pid()).map(ProcessInfo::elapsedSeconds).orElse(null);
            // A job that was not printed cannot be crash-looping, the only verdict its start record and err log serve.
            StartRecord start = root == null || !s.has(print) ? null : StartRecords.path(root, i.label())
                    .flatMap(p -> StartRecords.of(i.label(), s.file(new HostQuery.ReadFile(p, StartRecords.MAX_BYTES)))).orElse(null);
            ErrLog err = s.has(print) ? errLog(i, s, secrets, start) : ErrLog.NONE;
            jobs.add(new LiveJob(i, service, known, Boolean.TRUE.equals(disabled.get(i.label())), uptime, err.lastLine(), err.writtenAt(), start));
        }
        LiveHost host = new LiveHost(jobs, ports, table, lockFiles(labelled, s, uid, tmpDir), plan.thresholds(), uid, domain, tmpDir,
                portsKnown, processesKnown, processesAt);
        Map<String, LiveStatus> statuses = new LinkedHashMap<>();
        for (LiveJob j : jobs) {
            statuses.put(j.instance().plistPath(), status(j, host));
        }
        return new Result(host, statuses, notes, List.copyOf(problems));
    }

    private static List<Instance> labelled(List<Instance> instances) {
        return instances.stream().filter(i -> i.label() != null).toList();
    }

    /** The rows of `launchctl list` by label; null when it did not answer (every job is then printed). */
    static Map<String, ListEntry> listed(HostSnapshot s) {
        if (!s.has(list()) || !(s.run(list()) instanceof CommandRun.Done done) || !done.ok()) {
            return null;
        }
        Map<String, ListEntry> out = new LinkedHashMap<>();
        for (ListEntry e : ListParser.parseTable(done.stdout())) {
            out.putIfAbsent(e.label(), e);
        }
        return out;
    }

    /** The process table without zombies (a {@code <defunct>} entry has exited and holds nothing); empty when ps did not answer. */
    static Optional<List<ProcessInfo>> processes(HostSnapshot s) {
        if (!s.has(ps()) || !(s.run(ps()) instanceof CommandRun.Done done) || !done.ok()) {
            return Optional.empty();
        }
        return Optional.of(PsParser.parse(done.stdout()).stream().filter(p -> !p.command().endsWith("<defunct>")).toList());
    }

    private static Map<String, Boolean> disabled(CommandRun run, String domain, Set<String> problems) {
        if (run instanceof CommandRun.Done done && done.ok()) {
            return DisabledParser.parse(done.stdout());
        }
        if (run instanceof CommandRun.Done done) {
            problems.add(Launchctl.failure(domain, LaunchctlError.classify(done.exitCode(), done.stderr()), "print-disabled " + domain, null, null)
                    .getMessage());
        } else {
            problems.add(((CommandRun.Failed) run).reason());
        }
        return Map.of();
    }

    /**
     * launchd's record of a job: present, or known to be absent (not loaded); empty (outer) when
     * print failed or did not answer, with the reason added to {@code problems} (the same "no GUI
     * domain" for every job is one problem).
     */
    private static Optional<Optional<ServiceRecord>> printed(CommandRun run, String domain, String label, Set<String> problems) {
        if (run instanceof CommandRun.Failed failed) {
            problems.add(failed.reason());
            return Optional.empty();
        }
        CommandRun.Done done = (CommandRun.Done) run;
        if (done.ok()) {
            return Optional.of(Optional.of(PrintParser.parse(done.stdout())));
        }
        LaunchctlError error = LaunchctlError.classify(done.exitCode(), done.stderr());
        if (error.kind() == LaunchctlError.Kind.NOT_LOADED) {
            return Optional.of(Optional.empty());
        }
        problems.add(Launchctl.failure(domain, error, "print " + domain + "/" + label, label, null).getMessage());
        return Optional.empty();
    }

    /** The job's digest: launchd's fields, the status verdict, and whoever listens on its port (the job's own listener first). */
    static LiveStatus status(LiveJob j, LiveHost host) {
        ServiceRecord s = j.service();
        Boolean listening = null;
        Long listenerPid = null;
        Boolean own = null;
        if (host.portsKnown() && j.instance().port() != null) {
            List<Listener> on = host.listenersOn(j.instance().port());
            Optional<Listener> mine = LiveStates.ownListener(j, host);
            listening = !on.isEmpty();
            listenerPid = mine.or(() -> on.stream().findFirst()).map(Listener::pid).orElse(null);
            own = listening ? mine.isPresent() : null;
        }
        JobStatus status = LiveStates.status(j, host);
        if (!j.known()) {
            return new LiveStatus(null, null, null, null, null, null, listening, null, status, listenerPid, own);
        }
        if (s == null) {
            return new LiveStatus(false, null, null, null, null, null, listening, null, status, listenerPid, own);
        }
        Integer exit = s.lastExit() instanceof LastExit.Code c ? c.code() : null;
        return new LiveStatus(true, s.state(), s.pid(), s.runs(), exit, s.lastSignal(), listening, j.uptimeSeconds(), status,
                listenerPid, own);
    }

    /** The err log's last line written since fleet's last start of the job (redacted), and when the log was last written. */
    record ErrLog(String lastLine, Instant writtenAt) {
        static final ErrLog NONE = new ErrLog(null, null);
    }

    private static Optional<Path> errLogPath(Instance instance) {
        Optional<String> path = instance.job().standardErrorPath();
        if (path.isEmpty() || !path.get().startsWith("/")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(path.get()));
        } catch (java.nio.file.InvalidPathException e) {
            return Optional.empty();
        }
    }

    /**
     * The last non-empty line of the instance's err log, redacted, and the log's modification time.
     * When fleet recorded the log's size at its last start of the job, only what was appended since
     * counts: an older line describes a run before that start (a token that has since been fixed).
     * A log shorter than the recorded size was truncated or rotated since, so all of it is newer.
     */
    static ErrLog errLog(Instance instance, HostSnapshot s, Collection<Secret> secrets, StartRecord start) {
        Optional<Path> path = errLogPath(instance);
        if (path.isEmpty()) {
            return ErrLog.NONE;
        }
        FileFact log = s.tail(new HostQuery.TailFile(path.get(), LogTail.MAX_BYTES));
        if (!log.regular() || log.content() == null) {
            return ErrLog.NONE;
        }
        long from = start == null || start.errLogOffset() == null || start.errLogOffset() > log.size() ? 0 : start.errLogOffset();
        return new ErrLog(LogTail.lastLines(log.content(), log.size(), 1, secrets, from).map(lines -> lines.get(0)).orElse(null),
                log.modified());
    }

    private static Optional<HostQuery> lockDir(Instance i, long uid) {
        if (i.stateDir() == null || !i.stateDir().isAbsolute()) {
            return Optional.empty();
        }
        return Optional.of(new HostQuery.ListDir(GatewayLocks.lockDir(i.stateDir(), uid), List.of("gateway.*.lock"), MAX_LOCK_BYTES, false));
    }

    private static Optional<HostQuery> legacyLock(Instance i, long uid, String tmpDir) {
        if (i.configPath() == null || !i.configPath().isAbsolute()) {
            return Optional.empty();
        }
        return Optional.of(new HostQuery.ReadFile(GatewayLocks.legacyLock(Path.of(tmpDir), uid, i.configPath()), MAX_LOCK_BYTES));
    }

    /** Lock files in each instance's lock dir and, under the old scheme, in $TMPDIR for its config path. */
    static List<LockFile> lockFiles(List<Instance> instances, HostSnapshot s, long uid, String tmpDir) {
        Map<Path, LockFile> out = new LinkedHashMap<>();
        for (Instance i : instances) {
            Optional<HostQuery> dir = lockDir(i, uid);
            if (dir.isPresent()) {
                HostQuery.ListDir q = (HostQuery.ListDir) dir.get();
                DirListing listing = s.dir(q);
                for (DirListing.Entry e : listing.entries()) {
                    Path file = q.dir().resolve(e.name());
                    out.computeIfAbsent(file, p -> readLock(p, false, e.fact()));
                }
            }
            Optional<HostQuery> legacy = legacyLock(i, uid, tmpDir);
            if (legacy.isPresent()) {
                HostQuery.ReadFile q = (HostQuery.ReadFile) legacy.get();
                FileFact fact = s.file(q);
                if (fact.regular()) {
                    out.computeIfAbsent(q.path(), p -> readLock(p, true, fact));
                }
            }
        }
        return List.copyOf(out.values());
    }

    static LockFile readLock(Path path, boolean legacy, FileFact fact) {
        if (fact.content() == null) {
            return new LockFile(path, legacy, null, null, null, null, null, null);
        }
        try {
            JsonNode json = ConfigReader.parse(fact.content());
            return new LockFile(path, legacy, json.path("pid").canConvertToLong() ? json.path("pid").asLong() : null,
                    instant(json.path("createdAt")), json.path("startTime").isNumber() ? json.path("startTime").asLong() : null,
                    json.path("configPath").asText(null), json.path("stateDir").asText(null),
                    json.path("port").canConvertToInt() ? json.path("port").asInt() : null);
        } catch (ConfigReader.ConfigSyntaxException e) {
            return new LockFile(path, legacy, null, null, null, null, null, null);
        }
    }

    private static Instant instant(JsonNode node) {
        if (node.isNumber()) {
            return Instant.ofEpochMilli(node.asLong());
        }
        try {
            return node.isTextual() ? Instant.parse(node.asText()) : null;
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
