package dev.openclawfleet.fix;

import dev.openclawfleet.app.Audit;
import dev.openclawfleet.model.FleetException;
import dev.openclawfleet.model.InstanceName;
import dev.openclawfleet.model.Report;
import dev.openclawfleet.model.Severity;
import dev.openclawfleet.provision.FleetEnv;
import dev.openclawfleet.provision.Tokens;
import dev.openclawfleet.system.PortProbe;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * `fleet fix`: audit (live when launchd is there), plan, and, once confirmed, carry the plan out,
 * restart what changed, audit again and say what is left. The command line only prints and asks.
 */
public final class Fix {
    private Fix() {
    }

    /** What the user asked: which instances (none: all), the name for a migrated root, where port search starts, how long to wait. */
    public record Options(Set<String> names, String as, int basePort, Duration waitLimit, Audit.LiveOptions live) {
        public Options {
            names = Set.copyOf(names);
        }
    }

    /** The plan with the audit it was made from. */
    public record Planned(FixPlan plan, Report before) {
        /** Error findings the plan leaves (with a recipe each), for the exit code of a dry run. */
        public long errorsLeft() {
            return plan.manual().stream().filter(m -> m.finding().severity() == Severity.ERROR).count();
        }
    }

    /** What happened, the audit after it, and what is still wrong with why and what to do. */
    public record Applied(FixExecutor.Result execution, Report after, FixPlan left) {
        /** 3 when the audit after it was incomplete; 1 when an error is left or a step failed; else 0. */
        public int exitCode() {
            if (!after.problems().isEmpty()) {
                return 3;
            }
            return after.count(Severity.ERROR) > 0 || !execution.completed() ? 1 : 0;
        }
    }

    public static Planned plan(FleetEnv env, Options o) {
        if (o.as() != null) {
            InstanceName.problem(o.as()).ifPresent(p -> {
                throw FleetException.usage("--as: " + p);
            });
        }
        for (String name : o.names()) {
            InstanceName.problem(name).filter(p -> !name.equals("gateway")).ifPresent(p -> {
                throw FleetException.usage(p);
            });
        }
        Path root = env.layout().root();
        Optional<FixJournal.Entry> journal = FixJournal.read(root);
        if (journal.isPresent() && journal.get().running()) {
            throw FleetException.operational("another `fleet fix` (pid " + journal.get().pid() + ") is running on " + root
                    + "; wait until it has finished (nothing was changed)");
        }
        Audit.Fleet fleet = Audit.read(env.agentsDir(), root, env.uid());
        for (String name : o.names()) {
            if (fleet.instances().stream().noneMatch(i -> i.name().equals(name))) {
                throw FleetException.usage("no instance '" + name + "' in " + env.agentsDir() + " (`fleet list` shows the instances)");
            }
        }
        Report report = Audit.run(fleet, root, Set.of(), env.uid(), o.live());
        FixJournal.Entry resumed = journal.orElse(null);
        Path backup = resumed != null ? resumed.backupDir()
                : env.layout().trash().resolve("fix-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        return new Planned(FixPlanner.plan(input(env, o, fleet, report, backup, resumed)), report);
    }

    /**
     * An interrupted run whose journal leaves nothing to do (its restarts were done, or its
     * instances were stopped since): forget the journal, so the audit stops reporting it. True when
     * there was one; never on a dry run, which changes nothing.
     */
    public static boolean settle(FleetEnv env, Planned planned) {
        if (planned.plan().resumed() == null || !planned.plan().isEmpty()) {
            return false;
        }
        try (var lock = env.lock(FixExecutor.LOCK_PATIENCE)) {
            FixJournal.delete(env.layout().root());
        }
        return true;
    }

    public static Applied apply(FleetEnv env, Planned planned, Options o, Consumer<String> progress) {
        FixExecutor.Result result = FixExecutor.run(planned.plan(), env, o.waitLimit(), progress);
        Audit.Fleet fleet = Audit.read(env.agentsDir(), env.layout().root(), env.uid());
        Report after = Audit.run(fleet, env.layout().root(), Set.of(), env.uid(), o.live());
        FixJournal.Entry unfinished = FixJournal.read(env.layout().root()).orElse(null);
        FixPlan left = FixPlanner.plan(input(env, o, fleet, after, result.backupDir(), unfinished));
        return new Applied(result, after, left);
    }

    private static FixPlanner.Input input(FleetEnv env, Options o, Audit.Fleet fleet, Report report, Path backup, FixJournal.Entry resumed) {
        boolean launchd = !o.live().offline() && env.runner().has("launchctl");
        PortProbe probe = PortProbe.snapshot(env.runner(), env.timeout());
        return new FixPlanner.Input(fleet, report, env.layout(), env.agentsDir(), env.uid(), env.domain(),
                env.home() == null ? null : env.home().toString(), env.env().get("PATH"), env.cwd(), launchd, o.as(), o.names(),
                o.basePort(), probe::inUse, Tokens::generate, backup, resumed);
    }
}
