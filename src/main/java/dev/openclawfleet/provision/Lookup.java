package dev.openclawfleet.provision;

import dev.openclawfleet.app.Audit;
import dev.openclawfleet.model.FleetException;
import dev.openclawfleet.model.Instance;
import dev.openclawfleet.model.InstanceName;
import dev.openclawfleet.model.JobKind;

import java.util.List;
import java.util.Optional;

/** Finds the instances a lifecycle command names, in the agents dir of a {@link FleetEnv}. */
public final class Lookup {
    private Lookup() {
    }

    public static Audit.Fleet fleet(FleetEnv env) {
        return Audit.read(env.agentsDir(), env.layout().root(), env.uid());
    }

    public static Optional<Instance> find(Audit.Fleet fleet, String name) {
        return fleet.instances().stream().filter(i -> i.name().equals(name) && i.kind() != JobKind.LEGACY).findFirst();
    }

    /** The instance called NAME; a usage error naming the agents dir when there is none. */
    public static Instance require(FleetEnv env, String name) {
        InstanceName.problem(name).filter(p -> !name.equals("gateway")).ifPresent(p -> {
            throw FleetException.usage(p);
        });
        return find(fleet(env), name).orElseThrow(() -> FleetException.usage("no instance '" + name + "' in " + env.agentsDir()
                + " (`fleet list` shows the instances)"));
    }

    /** Every gateway instance except legacy clawdbot/moltbot jobs, by name. */
    public static List<Instance> all(FleetEnv env) {
        return fleet(env).instances().stream().filter(i -> i.kind() != JobKind.LEGACY && i.label() != null)
                .sorted(java.util.Comparator.comparing(Instance::name)).toList();
    }
}
