package dev.openclawfleet.cli;

import dev.openclawfleet.model.FleetException;
import dev.openclawfleet.remote.SshOptions;
import dev.openclawfleet.remote.SshTarget;
import dev.openclawfleet.remote.Targets;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Options of the commands that can read other Macs over SSH: --host, --hosts, --ssh-config. */
public final class RemoteOptions {
    @Option(names = "--host", paramLabel = "[USER@]HOST[:PORT]",
            description = "Audit this Mac over SSH instead of this one (repeatable); nothing is installed there.")
    List<String> hosts = new ArrayList<>();

    @Option(names = "--hosts", paramLabel = "FILE",
            description = "Audit the Macs in FILE over SSH: one [user@]host[:port] per line, optional root=PATH agents-dir=PATH, # comments.")
    String hostsFile;

    @Option(names = "--ssh-config", paramLabel = "FILE", description = "The ssh client configuration to use (ssh -F FILE).")
    String sshConfig;

    /** The Macs given, empty for this one. */
    List<SshTarget> targets(CliContext context) {
        List<SshTarget> targets = Targets.of(hosts, hostsFile == null ? null : context.resolve(hostsFile));
        if (targets.isEmpty() && sshConfig != null) {
            throw FleetException.usage("--ssh-config needs --host or --hosts");
        }
        return targets;
    }

    SshOptions ssh(CliContext context, Duration timeout) {
        return SshOptions.of(sshConfig == null ? null : context.resolve(sshConfig), timeout);
    }
}
