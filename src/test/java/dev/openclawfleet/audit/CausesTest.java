package dev.openclawfleet.audit;

import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.KeyPath;
import dev.openclawfleet.model.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Root causes: stable ids, consequences linked to the root of their chain, in one place after the rules ran. */
class CausesTest {
    private static Finding f(String rule, Severity severity, String path, String... instances) {
        return new Finding(rule, severity, List.of(instances), path, rule + " about " + String.join(",", instances), "");
    }

    private static Finding byRule(List<Finding> out, String rule) {
        return out.stream().filter(x -> x.rule().equals(rule)).findFirst().orElseThrow();
    }

    @Test
    void twoPlistsOnOneStateDirMakeOneRootWithItsConsequences() {
        List<Finding> out = Causes.link(List.of(
                f("duplicate-state-dir", Severity.ERROR, "b.plist", "a", "b"),
                f("duplicate-token", Severity.ERROR, "b.plist", "a", "b"),
                f("lock-collision", Severity.ERROR, "b.plist", "a", "b"),
                f("port-mismatch", Severity.ERROR, "b.plist", "b"),
                f("crash-loop", Severity.ERROR, "b.plist", "b"),
                f("port-spacing", Severity.WARNING, "c.plist", "b", "c")));
        String root = byRule(out, "duplicate-state-dir").id();
        assertThat(root).startsWith("duplicate-state-dir-").hasSize("duplicate-state-dir-".length() + 8);
        assertThat(byRule(out, "duplicate-state-dir").causedBy()).isNull();
        for (String rule : List.of("duplicate-token", "lock-collision", "port-mismatch", "crash-loop")) {
            assertThat(byRule(out, rule).causedBy()).as(rule).isEqualTo(root);
        }
        assertThat(byRule(out, "port-spacing").causedBy()).as("not a consequence of the shared dir").isNull();
    }

    @Test
    void theMostSpecificCauseWinsAndChainsEndAtTheirRoot() {
        List<Finding> out = Causes.link(List.of(
                f("token-missing", Severity.ERROR, "/s/.openclaw-b/openclaw.json", "b"),
                f("duplicate-port", Severity.ERROR, "b.plist", "a", "b"),
                f("crash-loop", Severity.ERROR, "b.plist", "b"),
                f("port-taken", Severity.ERROR, "a.plist", "a").withEvidence("heldBy", "b"),
                f("not-running", Severity.ERROR, "a.plist", "a")));
        assertThat(byRule(out, "crash-loop").causedBy()).as("b's own missing token, not the port clash")
                .isEqualTo(byRule(out, "token-missing").id());
        assertThat(byRule(out, "port-taken").causedBy()).isEqualTo(byRule(out, "duplicate-port").id());
        assertThat(byRule(out, "not-running").causedBy()).as("through port-taken to its root")
                .isEqualTo(byRule(out, "duplicate-port").id());
    }

    @Test
    void infosAndDeadPidLocksAreNeverLinked() {
        List<Finding> out = Causes.link(List.of(
                f("stale-lock", Severity.WARNING, "a.plist", "a"),
                f("crash-loop", Severity.ERROR, "a.plist", "a"),
                f("stopped", Severity.INFO, "b.plist", "b")));
        assertThat(out).allSatisfy(x -> assertThat(x.causedBy()).isNull());
    }

    @Test
    void idsAreStableAndIgnoreTheMessageButNotThePlace() {
        Finding a = f("crash-loop", Severity.ERROR, "a.plist", "a");
        Finding sameButOtherText = a.withText("runs = 41", "");
        assertThat(Causes.link(List.of(a)).get(0).id()).isEqualTo(Causes.link(List.of(sameButOtherText)).get(0).id());
        assertThat(Causes.link(List.of(a.at(KeyPath.key("KeepAlive")))).get(0).id()).isNotEqualTo(Causes.link(List.of(a)).get(0).id());
        List<Finding> twice = Causes.link(List.of(f("stale-lock", Severity.ERROR, "a.plist", "a"), f("stale-lock", Severity.ERROR, "a.plist", "a")));
        assertThat(twice.get(1).id()).isEqualTo(twice.get(0).id() + "-2");
    }
}
