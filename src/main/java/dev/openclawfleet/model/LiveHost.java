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
                       java.time.Instant processesAt) {
    public LiveHost {
        jobs = List.copyOf(jobs);
        listeners = List.copyOf(listeners);
        processes = List.copyOf(processes);
        locks = List.copyOf(locks);
    }

    /** Listeners on a port. */
    public List<Listener> listenersOn(int port) {
        return listeners.stream().filter(l -> l.port() == port).toList();
    }

    public Optional<ProcessInfo> process(long pid) {
        return processes.stream().filter(p -> p.pid() == pid).findFirst();
    }

    /** The jobs whose launchd state is known (print answered). */
    public List<LiveJob> knownJobs() {
        return jobs.stream().filter(LiveJob::known).toList();
    }

    /** The job whose launchd process is {@code pid} or one of its ancestors. */
    public Optional<LiveJob> owner(long pid) {
        Map<Long, Long> parent = new HashMap<>();
        processes.forEach(p -> parent.put(p.pid(), p.ppid()));
        long current = pid;
        for (int hops = 0; hops < 64 && current > 1; hops++) {
            long c = current;
            Optional<LiveJob> job = jobs.stream().filter(j -> j.pid() != null && j.pid() == c).findFirst();
            if (job.isPresent()) {
                return job;
            }
            Long up = parent.get(current);
            if (up == null) {
                break;
            }
            current = up;
        }
        return Optional.empty();
    }
}
