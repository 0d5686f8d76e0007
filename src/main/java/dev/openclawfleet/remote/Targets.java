package dev.openclawfleet.remote;

import dev.openclawfleet.model.FleetException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The Macs a command was given: each {@code --host}, then the lines of {@code --hosts FILE}; none twice. */
public final class Targets {
    private Targets() {
    }

    /** Empty when neither option was given; {@code hostsFile} null when there is none. */
    public static List<SshTarget> of(List<String> hosts, Path hostsFile) {
        List<SshTarget> out = new ArrayList<>();
        for (String h : hosts) {
            out.add(SshTarget.parse(h.strip(), "--host"));
        }
        if (hostsFile != null) {
            out.addAll(HostsFile.read(hostsFile));
        }
        Set<String> seen = new LinkedHashSet<>();
        for (SshTarget t : out) {
            if (!seen.add(t.spec())) {
                throw FleetException.usage(t.spec() + " is given twice (--host and --hosts)");
            }
        }
        if (out.size() > HostsFile.MAX_HOSTS) {
            throw FleetException.usage("more than " + HostsFile.MAX_HOSTS + " hosts");
        }
        return out;
    }
}
