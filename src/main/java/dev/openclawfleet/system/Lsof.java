package dev.openclawfleet.system;

import dev.openclawfleet.model.Listener;

import java.time.Duration;
import java.util.List;

/** Every TCP socket in LISTEN state on the machine, from one {@code lsof -nP -iTCP -sTCP:LISTEN -Fpcn} call. */
public final class Lsof {
    /** The one call: every TCP socket in LISTEN state, numeric, as fields (p, c, n). */
    public static final List<String> COMMAND = List.of("lsof", "-nP", "-iTCP", "-sTCP:LISTEN", "-Fpcn");

    private Lsof() {
    }

    public static List<Listener> listeners(ProcessRunner runner, Duration timeout) {
        ProcessRunner.Result r = runner.run(timeout, "lsof", "-nP", "-iTCP", "-sTCP:LISTEN", "-Fpcn");
        // lsof exits 1 when nothing matched, and also when it only warns; what it printed is still right.
        return LsofParser.parse(r.stdout());
    }
}
