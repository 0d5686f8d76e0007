package dev.openclawfleet.system;

import dev.openclawfleet.model.ProcessInfo;

import java.time.Duration;
import java.util.List;

/**
 * The process table from one {@code ps -axo pid=,ppid=,etime=,command=} call (the same options on
 * macOS and Linux), without zombies: a {@code <defunct>} entry has exited and holds nothing.
 */
public final class Ps {
    /** The one call: every process with its parent, age and full command line, no header. */
    public static final List<String> COMMAND = List.of("ps", "-axo", "pid=,ppid=,etime=,command=");

    private Ps() {
    }

    public static List<ProcessInfo> processes(ProcessRunner runner, Duration timeout) {
        ProcessRunner.Result r = runner.run(timeout, "ps", "-axo", "pid=,ppid=,etime=,command=");
        if (!r.ok()) {
            throw new dev.openclawfleet.model.FleetException(dev.openclawfleet.model.ExitCodes.OPERATIONAL,
                    "`ps` failed with status " + r.exitCode() + ": " + r.stderr().strip());
        }
        return PsParser.parse(r.stdout()).stream().filter(p -> !p.command().endsWith("<defunct>")).toList();
    }
}
