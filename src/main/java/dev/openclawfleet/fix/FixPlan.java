package dev.openclawfleet.fix;

import dev.openclawfleet.model.Secret;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What `fleet fix` will do: the steps in order (root causes first, restarts last), the findings it
 * leaves with why and a recipe, where the backups go, notes, and the unfinished run it also
 * finishes ({@code resumed}, null when there is none). {@code tokens} are the new gateway tokens
 * the plan writes, by instance name: only their fingerprints are ever shown.
 */
public record FixPlan(List<Step> steps, List<Manual> manual, Path backupDir, List<String> notes, FixJournal.Entry resumed,
                      Map<String, Secret> tokens) {
    public FixPlan {
        steps = List.copyOf(steps);
        manual = List.copyOf(manual);
        notes = List.copyOf(notes);
        tokens = Map.copyOf(tokens);
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }

    public long stops() {
        return steps.stream().mapToLong(Step::stops).sum();
    }

    public long restarts() {
        return steps.stream().flatMap(s -> s.actions().stream()).filter(a -> a instanceof Action.Start || a instanceof Action.FinishAdd).count();
    }
}
