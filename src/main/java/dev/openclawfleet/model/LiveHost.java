package dev.openclawfleet.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the live rules look at, gathered in one probe: each instance's launchd state, the
 * TCP listeners (one lsof call), the process table (one ps call, taken at {@code processesAt}) and
 * the gateway lock files; {@code domain} is the launchd domain addressed (gui/UID or user/UID).
 */
public record LiveHost(List<LiveJob> jobs, List<Listener> listeners, List<ProcessInfo> processes, List<LockFile> locks,
                       LiveThresholds thresholds, long uid, String domain, String tmpDir, boolean portsKnown, boolean processesKnown,
                       java.time.Instant processesAt, ProcessTree tree) {
    public LiveHost {
        jobs = List.copyOf(jobs);
        listeners = List.copyOf(listeners);
        processes = List.copyOf(processes);
        locks = List.copyOf(locks);
    }

    /** The same, with the process tree built once from the ps snapshot. */
    public LiveHost(List<LiveJob> jobs, List<Listener> listeners, List<ProcessInfo> processes, List<LockFile> locks,
                    LiveThresholds thresholds, long uid, String domain, String tmpDir, boolean portsKnown, boolean processesKnown,
                    java.time.Instant processesAt) {
        this(jobs, listeners, processes, locks, thresholds, uid, domain, tmpDir, portsKnown, processesKnown, processesAt,
                new ProcessTree(processes));
    }

    /** Listeners on a port. */
    public List<Listener> listenersOn(int port) {
        return listeners.stream().filter(l -> l.port() == port).toList();
    }

    public Optional<ProcessInfo> process(long pid) {
        return tree.get(pid);
    }

    /** The jobs whose launchd state is known (print answered). */
    public List<LiveJob> knownJobs() {
        return jobs.stream().filter(LiveJob::known).toList();
    }

    /** The job whose launchd process is {@code pid} or one of its ancestors. */
    public Optional<LiveJob> owner(long pid) {
        Map<Long, LiveJob> byPid = new HashMap<>();
        jobs.stream().filter(j -> j.pid() != null).forEach(j -> byPid.put(j.pid().longValue(), j));
        if (byPid.containsKey(pid)) {
            return Optional.of(byPid.get(pid));
        }
        return tree.ancestors(pid).stream().filter(byPid::containsKey).findFirst().map(byPid::get);
    }
}
