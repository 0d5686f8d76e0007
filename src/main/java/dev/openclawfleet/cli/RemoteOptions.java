package dev.openclawfleet.cli;

import dev.openclawfleet.model.FleetException;
import dev.openclawfleet.remote.SshOptions;
import dev.openclawfleet.remote.SshTarget;
import dev.openclawfleet.remote.Targets;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.time.Duration;
import java.util.List;

/** Options of the commands that can read other Macs over SSH: --host, --hosts, --ssh-config. */
final class RemoteOptions {
    private RemoteOptions() {
    }

    static void addTo(CommandSpec spec, String verb) {
        spec.addOption(OptionSpec.builder("--host").type(List.class).auxiliaryTypes(String.class).arity("1")
                .paramLabel("[USER@]HOST[:PORT]")
                .description(verb + " this Mac over SSH instead of this one (repeatable); nothing is installed there.").build());
        spec.addOption(Specs.value("--hosts", "FILE", null,
                verb + " the Macs in FILE over SSH: one [user@]host[:port] per line, optional root=PATH agents-dir=PATH, # comments."));
        spec.addOption(Specs.value("--ssh-config", "FILE", null, "The ssh client configuration to use (ssh -F FILE)."));
    }

    /** The Macs given, empty for this one. */
    static List<SshTarget> targets(Args args) {
        String hostsFile = args.string("--hosts");
        List<SshTarget> targets = Targets.of(args.strings("--host"), hostsFile == null ? null : args.context().resolve(hostsFile));
        if (targets.isEmpty() && args.string("--ssh-config") != null) {
            throw FleetException.usage("--ssh-config needs --host or --hosts");
        }
        return targets;
    }

    static SshOptions ssh(Args args, Duration timeout) {
        String config = args.string("--ssh-config");
        return SshOptions.of(config == null ? null : args.context().resolve(config), timeout);
    }
}
