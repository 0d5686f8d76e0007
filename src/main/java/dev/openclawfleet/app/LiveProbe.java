package dev.openclawfleet.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openclawfleet.audit.LiveStates;
import dev.openclawfleet.model.SecretNames;
import dev.openclawfleet.launchd.LaunchctlException;
import dev.openclawfleet.launchd.LaunchctlError;
import dev.openclawfleet.launchd.Launchctl;
import dev.openclawfleet.model.ConfigState;
import dev.openclawfleet.model.EnvSubstitution;
import dev.openclawfleet.model.FleetException;
import dev.openclawfleet.model.GatewayLocks;
import dev.openclawfleet.model.HostState;
import dev.openclawfleet.model.Instance;
import dev.openclawfleet.model.InstanceState;
import dev.openclawfleet.model.JobStatus;
import dev.openclawfleet.model.LastExit;
import dev.openclawfleet.model.Listener;
import dev.openclawfleet.model.LiveHost;
import dev.openclawfleet.model.LiveJob;
import dev.openclawfleet.model.LiveStatus;
import dev.openclawfleet.model.LiveThresholds;
import dev.openclawfleet.model.LockFile;
import dev.openclawfleet.model.ProcessInfo;
import dev.openclawfleet.model.Redaction;
import dev.openclawfleet.model.Secret;
import dev.openclawfleet.model.ServiceRecord;
import dev.openclawfleet.model.StartRecord;
import dev.openclawfleet.state.ConfigReader;
import dev.openclawfleet.state.StartRecords;
import dev.openclawfleet.system.FileReadException;
import dev.openclawfleet.system.LogTail;
import dev.openclawfleet.system.Lsof;
import dev.openclawfleet.system.ProcessRunner;
import dev.openclawfleet.system.Ps;
import dev.openclawfleet.system.SafeFiles;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads the live state of a fleet: one {@code launchctl print} per instance, run in parallel on a
 * bounded pool, plus exactly one print-disabled, one lsof and one ps call, whatever the fleet size;
 * then the lock files, fleet's records of its own starts, and the last line of each err log.
 * Nothing here decides what is wrong.
 */
public final class LiveProbe {
    /** At most this many launchctl processes at once. */
    static final int MAX_PARALLEL = 8;

    private LiveProbe() {
    }

    /** The probe's outcome: the facts, each instance's digest keyed by plist path, notes and problems. */
    public record Result(LiveHost host, Map<String, LiveStatus> statuses, List<String> notes, List<String> problems) {
    }

    public static Result probe(List<Instance> instances, HostState state, ProcessRunner runner, Launchctl launchctl,
                               LiveThresholds thresholds, long uid, String tmpDir, Duration timeout) {
        List<String> notes = new ArrayList<>();
        Set<String> problems = new LinkedHashSet<>();
        List<Instance> labelled = instances.stream().filter(i -> i.label() != null).toList();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(2, Math.min(MAX_PARALLEL, labelled.size() + 3)), r -> {
            Thread t = new Thread(r, "live-probe");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<Map<String, Boolean>> disabled = pool.submit(launchctl::printDisabled);
            Future<List<Listener>> listeners = runner.has("lsof") ? pool.submit(() -> Lsof.listeners(runner, timeout)) : null;
            Future<Snapshot> processes = runner.has("ps") ? pool.submit(() -> new Snapshot(Ps.processes(runner, timeout), Instant.now())) : null;
            Map<Instance, Future<Optional<ServiceRecord>>> prints = new LinkedHashMap<>();
            for (Instance i : labelled) {
                prints.put(i, pool.submit(() -> launchctl.print(i.label())));
            }

            Map<String, Boolean> disabledLabels = get(disabled, problems, Map.of());
            List<Listener> ports = listeners == null ? List.of() : get(listeners, problems, List.of());
            Snapshot snapshot = processes == null ? new Snapshot(List.of(), Instant.now()) : get(processes, problems, new Snapshot(List.of(), Instant.now()));
            List<ProcessInfo> table = snapshot.processes();
            if (listeners == null) {
                notes.add("port checks were skipped: `lsof` is not on PATH");
            }
            if (processes == null) {
                notes.add("process checks were skipped: `ps` is not on PATH");
            }
            Collection<Secret> secrets = state.secrets();
            Path root = state.root() == null ? null : state.root().root();
            List<LiveJob> jobs = new ArrayList<>();
            for (Instance i : labelled) {
                // A print that failed or hung leaves launchd's view unknown: "not loaded" would be a guess.
                Optional<ServiceRecord> printed = get(prints.get(i), problems, null);
                boolean known = printed != null;
                ServiceRecord service = known ? printed.orElse(null) : null;
                Long uptime = service == null || service.pid() == null ? null
                        : table.stream().filter(p -> p.pid() == service.pid()).map(ProcessInfo::elapsedSeconds).findFirst().orElse(null);
                StartRecord start = root == null ? null : StartRecords.read(root, i.label()).orElse(null);
                ErrLog err = errLog(i, secrets, start);
                jobs.add(new LiveJob(i, service, known, Boolean.TRUE.equals(disabledLabels.get(i.label())), uptime,
                        err.lastLine(), err.writtenAt(), start));
            }
            LiveHost host = new LiveHost(jobs, ports, table, locks(labelled, uid, tmpDir), thresholds, uid, launchctl.domain(), tmpDir,
                    listeners != null && !failed(listeners), processes != null && !failed(processes), snapshot.at());
            Map<String, LiveStatus> statuses = new LinkedHashMap<>();
            for (LiveJob j : jobs) {
                statuses.put(j.instance().plistPath(), status(j, host));
            }
            return new Result(host, statuses, notes, List.copyOf(problems));
        } finally {
            pool.shutdownNow();
        }
    }

    /** The process table and when it was taken: lock ages are judged against that moment, not a later one. */
    private record Snapshot(List<ProcessInfo> processes, Instant at) {
    }

    /**
     * A future's value; a failure becomes one problem line (the same "no GUI domain" for every
     * instance is reported once) and the fallback value.
     */
    private static <T> T get(Future<T> future, Set<String> problems, T fallback) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof LaunchctlException le && le.kind() == LaunchctlError.Kind.NO_DOMAIN) {
                problems.add(le.getMessage());
            } else if (cause instanceof FleetException fe) {
                problems.add(fe.getMessage());
            } else {
                problems.add("live probe failed: " + cause);
            }
            return fallback;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problems.add("live probe interrupted");
            return fallback;
        }
    }

    private static boolean failed(Future<?> future) {
        try {
            future.get();
            return false;
        } catch (ExecutionException | InterruptedException e) {
            return true;
        }
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

    /**
     * The last non-empty line of the instance's err log, redacted, and the log's modification time.
     * When fleet recorded the log's size at its last start of the job, only what was appended since
     * counts: an older line describes a run before that start (a token that has since been fixed).
     * A log shorter than the recorded size was truncated or rotated since, so all of it is newer.
     */
    static ErrLog errLog(Instance instance, Collection<Secret> secrets, StartRecord start) {
        Optional<String> path = instance.job().standardErrorPath();
        if (path.isEmpty() || !path.get().startsWith("/")) {
            return ErrLog.NONE;
        }
        Path log = Path.of(path.get());
        try {
            if (!Files.isRegularFile(log)) {
                return ErrLog.NONE;
            }
            Instant written = Files.getLastModifiedTime(log).toInstant();
            long from = start == null || start.errLogOffset() == null || start.errLogOffset() > Files.size(log) ? 0 : start.errLogOffset();
            return new ErrLog(LogTail.lastLines(log, 1, secrets, from).map(lines -> lines.get(0)).orElse(null), written);
        } catch (IOException e) {
            return ErrLog.NONE;
        }
    }

    /** Lock files in each instance's lock dir and, under the old scheme, in $TMPDIR for its config path. */
    static List<LockFile> locks(List<Instance> instances, long uid, String tmpDir) {
        Map<Path, LockFile> out = new LinkedHashMap<>();
        for (Instance i : instances) {
            if (i.stateDir() != null && i.stateDir().isAbsolute()) {
                Path dir = GatewayLocks.lockDir(i.stateDir(), uid);
                if (Files.isDirectory(dir)) {
                    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "gateway.*.lock")) {
                        for (Path f : files) {
                            out.computeIfAbsent(f, p -> readLock(p, false));
                        }
                    } catch (IOException ignored) {
                        // an unreadable lock dir: the gateway itself will complain in its log
                    }
                }
            }
            if (i.configPath() != null && i.configPath().isAbsolute()) {
                Path legacy = GatewayLocks.legacyLock(Path.of(tmpDir), uid, i.configPath());
                if (Files.isRegularFile(legacy)) {
                    out.computeIfAbsent(legacy, p -> readLock(p, true));
                }
            }
        }
        return List.copyOf(out.values());
    }

    static LockFile readLock(Path path, boolean legacy) {
        try {
            JsonNode json = ConfigReader.parse(SafeFiles.readRegular(path, 64 * 1024));
            return new LockFile(path, legacy, json.path("pid").canConvertToLong() ? json.path("pid").asLong() : null,
                    instant(json.path("createdAt")), json.path("startTime").isNumber() ? json.path("startTime").asLong() : null,
                    json.path("configPath").asText(null), json.path("stateDir").asText(null),
                    json.path("port").canConvertToInt() ? json.path("port").asInt() : null);
        } catch (FileReadException | ConfigReader.ConfigSyntaxException e) {
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
