package dev.openclawfleet.provision;

import dev.openclawfleet.model.Listener;
import dev.openclawfleet.model.ProcessInfo;
import dev.openclawfleet.model.ProcessTree;
import dev.openclawfleet.model.Redaction;
import dev.openclawfleet.model.Text;
import dev.openclawfleet.system.Lsof;
import dev.openclawfleet.system.Ps;
import dev.openclawfleet.system.ProcessRunner;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Who listens on a port, compared with a job's process: one lsof (and, for the descendants of the
 * job's pid, one ps) per question. A start is healthy only when its own process (or a child of it,
 * as with OpenClaw's /bin/sh wrapper) serves the port.
 */
public final class PortOwners {
    private final ProcessRunner runner;
    private final Duration timeout;

    public PortOwners(ProcessRunner runner, Duration timeout) {
        this.runner = runner;
        this.timeout = timeout;
    }

    /** A process in the way, as a stranger seen on the port. */
    public record Stranger(long pid, String command) {
        /** "pid 4312 (`node dist/index.js gateway --port 18789`)". */
        public String describe() {
            return "pid " + pid + " (`" + command + "`)";
        }
    }

    /**
     * The first listener on {@code port} that is neither {@code jobPid} nor one of its descendants;
     * empty when the job's own process listens, when nothing does, or when lsof (or, with a job pid,
     * ps) is missing or fails: then nobody can be blamed.
     */
    public Optional<Stranger> stranger(int port, Integer jobPid) {
        if (!runner.has("lsof")) {
            return Optional.empty();
        }
        List<Listener> on;
        List<ProcessInfo> processes;
        try {
            on = Lsof.listeners(runner, timeout).stream().filter(l -> l.port() == port).toList();
            if (on.isEmpty()) {
                return Optional.empty();
            }
            processes = runner.has("ps") ? Ps.processes(runner, timeout) : null;
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        ProcessTree tree = processes == null ? null : new ProcessTree(processes);
        if (jobPid != null) {
            for (Listener l : on) {
                if (l.pid() == jobPid || (tree != null && tree.isDescendant(l.pid(), jobPid))) {
                    return Optional.empty();
                }
            }
            if (tree == null) {
                return Optional.empty(); // a child of the job cannot be told from a stranger without ps
            }
        }
        Listener first = on.get(0);
        String command = tree == null ? first.command()
                : tree.get(first.pid()).map(ProcessInfo::command).filter(c -> !c.isBlank()).orElse(first.command());
        return Optional.of(new Stranger(first.pid(), Text.printable(Redaction.redact(command, List.of()), 160)));
    }
}
