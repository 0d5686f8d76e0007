package dev.openclawfleet.model;


import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Parent links of a process snapshot, to tell whether a pid descends from a launchd job's pid. */
public final class ProcessTree {
    private final Map<Long, ProcessInfo> byPid = new HashMap<>();

    /** A tree over one {@code ps} snapshot; for a pid listed twice, the first row wins. */
    public ProcessTree(List<ProcessInfo> processes) {
        for (ProcessInfo p : processes) {
            byPid.putIfAbsent(p.pid(), p);
        }
    }

    public Optional<ProcessInfo> get(long pid) {
        return Optional.ofNullable(byPid.get(pid));
    }

    /**
     * Parent, grandparent ... of {@code pid}, nearest first, ending at a pid missing from the snapshot
     * (included, as ps reported it) or at ppid 0 (excluded: it means no parent). A cycle, which a
     * snapshot taken while pids are reused can show, ends the walk before any pid repeats.
     */
    public List<Long> ancestors(long pid) {
        List<Long> out = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        seen.add(pid);
        ProcessInfo current = byPid.get(pid);
        while (current != null) {
            long parent = current.ppid();
            if (parent <= 0 || !seen.add(parent)) {
                break;
            }
            out.add(parent);
            current = byPid.get(parent);
        }
        return List.copyOf(out);
    }

    /** True when {@code ancestor} is a strict ancestor of {@code pid} (a process does not descend from itself). */
    public boolean isDescendant(long pid, long ancestor) {
        return pid != ancestor && ancestors(pid).contains(ancestor);
    }
}
