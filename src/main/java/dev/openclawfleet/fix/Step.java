package dev.openclawfleet.fix;

import dev.openclawfleet.model.Finding;

import java.util.List;

/** One step of a fix plan: the findings it fixes, a title, and the actions it takes, in order. */
public record Step(List<Finding> fixes, String title, List<Action> actions) {
    public Step {
        fixes = List.copyOf(fixes);
        actions = List.copyOf(actions);
    }

    /** The processes this step ends (not counting restarts): for the one confirmation question. */
    public long stops() {
        return actions.stream().filter(a -> a instanceof Action.StopProcess || (a instanceof Action.Launchctl l && l.stops() != null)
                || (a instanceof Action.Migrate m && m.plan().stops() != null)).count();
    }
}
