package dev.openclawfleet.provision;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.openclawfleet.app.Audit;
import dev.openclawfleet.model.ConfigState;
import dev.openclawfleet.model.FleetException;
import dev.openclawfleet.model.GatewayPorts;
import dev.openclawfleet.model.Instance;
import dev.openclawfleet.model.InstanceState;
import dev.openclawfleet.model.JobKind;
import dev.openclawfleet.system.BackupDir;
import dev.openclawfleet.system.PortProbe;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * `fleet set-port NAME PORT|--auto`: moves an instance to another port group, everywhere the port is
 * written at once: {@code --port} in the plist (and its OPENCLAW_GATEWAY_PORT when it sets one),
 * {@code gateway.port} in the config, OPENCLAW_GATEWAY_PORT in OpenClaw's service env file; then
 * restarts it and waits until it listens there. The port group (B, B+2, B+11) must be free of every
 * other instance's and of every listening port; {@code --auto} picks the first such base, 20 or more
 * from every other instance's, from {@code basePort} up in steps of 20.
 */
public final class SetPort {
    private SetPort() {
    }

    /** Where it was, where it is, which files changed, where their old copies went, the restart (null: stopped). */
    public record Result(String name, Integer from, int to, List<Path> written, Path backupDir, Lifecycle.Outcome restart,
                         List<String> warnings) {
        public Result {
            written = List.copyOf(written);
            warnings = List.copyOf(warnings);
        }
    }

    public static Result run(FleetEnv env, String name, Integer port, int basePort, Duration wait) {
        Instance i;
        int target;
        List<Path> written = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        BackupDir backups = null;
        try (var lock = env.lock(AddInstance.LOCK_PATIENCE)) {
            Audit.Fleet fleet = Lookup.fleet(env);
            InstanceState s = InstanceSettings.state(env, fleet, name);
            i = s.instance();
            if (i.kind() == JobKind.LEGACY) {
                throw FleetException.usage(name + " is a job from before the rename: fleet does not move it");
            }
            if (i.port() == null || i.command().portArgument() == null) {
                throw FleetException.operational(i.plistPath() + " has no --port after `gateway`: fleet cannot tell where the port is"
                        + " written (`fleet lint` shows what is wrong); nothing was changed");
            }
            List<Instance> others = fleet.instances().stream().filter(x -> !x.plistPath().equals(i.plistPath())).toList();
            Set<Integer> own = Set.of(i.port(), i.port() + GatewayPorts.BROWSER_CONTROL_OFFSET, i.port() + GatewayPorts.DEFAULT_CDP_OFFSET);
            PortProbe probe = PortProbe.snapshot(env.runner(), env.timeout());
            IntPredicate busy = p -> !own.contains(p) && probe.inUse(p);
            boolean currentIsFine = PortAllocator.conflicts(i.port(), others, busy).isEmpty() && others.stream()
                    .allMatch(o -> o.port() == null || Math.abs(o.port() - i.port()) >= GatewayPorts.RECOMMENDED_SPACING);
            if (port == null && currentIsFine && GatewayPorts.isUsableBase(i.port())) {
                target = i.port(); // --auto keeps a port that is already free and spaced: no needless move
            } else if (port == null) {
                OptionalInt free = PortAllocator.allocate(basePort, others, busy);
                if (free.isEmpty()) {
                    throw FleetException.operational("no free base port from " + basePort + " up to " + GatewayPorts.HIGHEST_BASE
                            + " in steps of 20: pass a PORT or --base-port (nothing was changed)");
                }
                target = free.getAsInt();
            } else {
                target = port;
                if (!GatewayPorts.isUsableBase(target)) {
                    throw FleetException.usage("PORT " + target + " is out of range 1-" + GatewayPorts.HIGHEST_BASE);
                }
                List<String> conflicts = PortAllocator.conflicts(target, others, busy);
                if (!conflicts.isEmpty()) {
                    throw FleetException.usage("port " + target + " cannot be used: " + String.join("; ", conflicts)
                            + " (`fleet set-port " + name + " --auto` picks a free one; nothing was changed)");
                }
                others.stream().filter(o -> o.port() != null && Math.abs(o.port() - target) < GatewayPorts.RECOMMENDED_SPACING)
                        .forEach(o -> warnings.add("port " + target + " is only " + Math.abs(o.port() - target) + " from " + o.name()
                                + "'s " + o.port() + ": their browser relay and CDP ports can overlap (port-spacing)"));
            }
            List<FileChange> changes = new ArrayList<>();
            PlistDraft.requireWritable(i);
            FileChange plist = PlistDraft.of(i).port(target, "port " + target).change();
            if (!java.util.Arrays.equals(plist.before(), plist.after())) {
                changes.add(plist);
            }
            if (s.config() instanceof ConfigState.Loaded loaded) {
                ConfigEdits edits = ConfigEdits.of(loaded.path()).set("gateway.port", JsonNodeFactory.instance.numberNode(target),
                        "gateway.port " + target);
                if (edits.changed()) {
                    changes.add(edits.change());
                }
            }
            if (s.serviceEnv() != null && s.serviceEnv().variables().containsKey("OPENCLAW_GATEWAY_PORT")) {
                EnvFileEdit.set(s.serviceEnv().path(), "OPENCLAW_GATEWAY_PORT", Integer.toString(target)).ifPresent(changes::add);
            }
            if (!changes.isEmpty()) {
                backups = BackupDir.create(env.layout().trash(), "set-port-" + InstanceSettings.stamp(), env.uid());
                for (FileChange c : changes) {
                    if (c.apply(backups)) {
                        written.add(c.path());
                    }
                }
            }
        }
        Lifecycle.Outcome restart = written.isEmpty() ? null : InstanceChange.restart(env, InstanceChange.reread(env, i), wait);
        return new Result(name, i.port(), target, written, backups == null ? null : backups.dir(), restart, warnings);
    }
}
