package dev.openclawfleet.testing;

import dev.openclawfleet.audit.PlistClassifier;
import dev.openclawfleet.model.FleetLayout;
import dev.openclawfleet.model.Instance;
import dev.openclawfleet.model.LastExit;
import dev.openclawfleet.model.Listener;
import dev.openclawfleet.model.LiveHost;
import dev.openclawfleet.model.LiveJob;
import dev.openclawfleet.model.LiveThresholds;
import dev.openclawfleet.model.LockFile;
import dev.openclawfleet.model.PlistFile;
import dev.openclawfleet.model.PlistRead;
import dev.openclawfleet.model.ProcessInfo;
import dev.openclawfleet.model.ServiceRecord;
import dev.openclawfleet.model.StartRecord;
import dev.openclawfleet.provision.ContractPlist;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Synthetic live hosts for deterministic tests of the live verdicts: instances made from contract
 * plists, launchd records, a process table, listeners and locks, all chosen by the test; the ps
 * snapshot is taken at a fixed instant.
 */
public final class LiveHosts {
    public static final Instant NOW = Instant.parse("2026-11-02T10:00:00Z");
    public static final long UID = 501;
    public static final FleetLayout LAYOUT = new FleetLayout(Path.of("/Users/me/.openclaw"));
    public static final Path AGENTS = Path.of("/Users/me/Library/LaunchAgents");
    public static final String ENTRY = "/opt/homebrew/lib/node_modules/openclaw/dist/index.js";

    private final List<LiveJob> jobs = new ArrayList<>();
    private final List<Listener> listeners = new ArrayList<>();
    private final List<ProcessInfo> processes = new ArrayList<>();
    private final List<LockFile> locks = new ArrayList<>();
    private LiveThresholds thresholds = LiveThresholds.DEFAULT;
    private boolean portsKnown = true;
    private boolean processesKnown = true;

    /** A fleet instance as `fleet generate` writes it, with {@code edit} applied to its plist first. */
    public static Instance instance(String name, int port, Consumer<Map<String, Object>> edit) {
        Map<String, Object> plist = new LinkedHashMap<>(ContractPlist.of(new ContractPlist.Spec(LAYOUT, name, port,
                Path.of("/opt/homebrew/bin/node"), Path.of(ENTRY))));
        edit.accept(plist);
        PlistFile file = PlistClassifier.classify(new PlistRead.Parsed(LAYOUT.plist(AGENTS, name), null, plist));
        return ((PlistFile.Gateway) file).instance();
    }

    public static Instance instance(String name, int port) {
        return instance(name, port, p -> { });
    }

    /** launchd's record of a loaded job. */
    public static Record record(String label) {
        return new Record(label);
    }

    /** A launchd record under construction: state, pid, runs, last exit, job state, properties. */
    public static final class Record {
        private final String label;
        private String state = "running";
        private Integer pid;
        private long runs = 1;
        private LastExit lastExit = new LastExit.Never();
        private String lastSignal;
        private String jobState;
        private final Set<String> properties = new LinkedHashSet<>(List.of("keepalive", "runatload"));

        Record(String label) {
            this.label = label;
        }

        public Record running(int pid) {
            this.state = "running";
            this.pid = pid;
            return this;
        }

        public Record waiting() {
            this.state = "spawn scheduled";
            this.pid = null;
            return this;
        }

        public Record notRunning() {
            this.state = "not running";
            this.pid = null;
            return this;
        }

        public Record runs(long runs) {
            this.runs = runs;
            return this;
        }

        public Record exit(int code) {
            this.lastExit = new LastExit.Code(code, code == 78 ? "EX_CONFIG" : null);
            this.lastSignal = null;
            return this;
        }

        public Record signal(String signal) {
            this.lastExit = null;
            this.lastSignal = signal;
            return this;
        }

        public Record spawnFailed() {
            this.jobState = "spawn failed";
            return exit(78);
        }

        public Record withoutKeepAlive() {
            properties.remove("keepalive");
            return this;
        }

        public ServiceRecord build() {
            return new ServiceRecord("gui/" + UID + "/" + label, AGENTS.resolve(label + ".plist").toString(), "LaunchAgent", state,
                    "/opt/homebrew/bin/node", List.of(), Map.of(), pid, runs, lastExit, lastSignal,
                    lastSignal == null ? null : 15, null, jobState, properties, Map.of());
        }
    }

    public LiveHosts job(LiveJob job) {
        jobs.add(job);
        return this;
    }

    /** A loaded job with this record; its process (when it has a pid) is in the table with {@code uptime} seconds. */
    public LiveHosts loaded(Instance i, Record record, Long uptime) {
        return loaded(i, record, uptime, false, null);
    }

    public LiveHosts loaded(Instance i, Record record, Long uptime, boolean disabled, StartRecord start) {
        ServiceRecord s = record.build();
        if (s.pid() != null && uptime != null) {
            processes.add(new ProcessInfo(s.pid(), 1, uptime, "/opt/homebrew/bin/node " + ENTRY + " gateway --port " + i.port()));
        }
        jobs.add(new LiveJob(i, s, true, disabled, s.pid() == null ? null : uptime, null, null, start));
        return this;
    }

    public LiveHosts notLoaded(Instance i, boolean disabled) {
        jobs.add(new LiveJob(i, null, true, disabled, null, null));
        return this;
    }

    public LiveHosts unknown(Instance i) {
        jobs.add(new LiveJob(i, null, false, false, null, null));
        return this;
    }

    public LiveHosts listener(long pid, int port) {
        listeners.add(new Listener(pid, "node", "127.0.0.1", port));
        return this;
    }

    public LiveHosts process(long pid, long ppid, long uptime, String command) {
        processes.add(new ProcessInfo(pid, ppid, uptime, command));
        return this;
    }

    public LiveHosts lock(LockFile lock) {
        locks.add(lock);
        return this;
    }

    public LiveHosts thresholds(int runs, int throttles) {
        this.thresholds = new LiveThresholds(runs, throttles);
        return this;
    }

    public LiveHosts withoutPs() {
        this.processesKnown = false;
        processes.clear();
        return this;
    }

    public LiveHosts withoutLsof() {
        this.portsKnown = false;
        listeners.clear();
        return this;
    }

    public LiveHost build() {
        return new LiveHost(jobs, listeners, processes, locks, thresholds, UID, "gui/" + UID, "/tmp", portsKnown, processesKnown, NOW);
    }

    /** Fleet's record of its own start: launchd's runs right after it, the pid then, the err log size before. */
    public static StartRecord started(String label, long runs, Integer pid) {
        return new StartRecord(label, runs, pid == null ? null : pid.longValue(), NOW.minusSeconds(60), 0L, "restart");
    }
}
