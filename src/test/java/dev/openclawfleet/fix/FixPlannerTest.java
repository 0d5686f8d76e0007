package dev.openclawfleet.fix;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openclawfleet.app.Audit;
import dev.openclawfleet.audit.Causes;
import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.Instance;
import dev.openclawfleet.model.JobStatus;
import dev.openclawfleet.model.LiveStatus;
import dev.openclawfleet.model.Report;
import dev.openclawfleet.model.Secret;
import dev.openclawfleet.model.Severity;
import dev.openclawfleet.testing.FleetFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;

import static org.assertj.core.api.Assertions.assertThat;

/** The planner, deterministic: an audit (plus the live facts it would have) in, a plan out. Nothing is run or written. */
class FixPlannerTest {
    @TempDir
    Path tmp;
    FleetFixture fleet;
    final Map<String, JobStatus> live = new HashMap<>();
    final List<Finding> liveFindings = new ArrayList<>();
    IntPredicate listening = p -> false;
    Set<String> names = Set.of();
    int tokens;

    @BeforeEach
    void setUp() {
        fleet = FleetFixture.inHome(tmp.resolve("home"));
    }

    /** The plan for the fleet as it is on disk, with the given live statuses and live findings. */
    private FixPlan plan() {
        Audit.Fleet read = Audit.read(fleet.agents, fleet.root, FleetFixture.UID);
        Report offline = Audit.run(read, fleet.root, Set.of(), FleetFixture.UID, Audit.LiveOptions.none());
        List<Finding> all = new ArrayList<>(offline.findings());
        all.addAll(liveFindings);
        Map<String, LiveStatus> statuses = new HashMap<>();
        for (Instance i : read.instances()) {
            JobStatus s = live.getOrDefault(i.name(), JobStatus.RUNNING);
            statuses.put(i.plistPath(), new LiveStatus(s != JobStatus.NOT_LOADED && s != JobStatus.STOPPED, null,
                    s == JobStatus.RUNNING ? 100 : null, 1L, null, null, null, null, s, null, null));
        }
        Report report = new Report(offline.instances(), Causes.link(all.stream().sorted(dev.openclawfleet.audit.Checker.ORDER).toList()),
                List.of(), List.of(), statuses);
        return FixPlanner.plan(new FixPlanner.Input(read, report, fleet.layout, fleet.agents, FleetFixture.UID, "gui/501",
                tmp.resolve("home").toString(), "/usr/bin:/bin", tmp, true, null, names, 40000, listening,
                () -> Secret.of("new-token-" + (++tokens) + "-0123456789abcdef0123456789abcdef"), fleet.root.resolve(".trash/fix-test"),
                null));
    }

    private static List<String> describe(FixPlan plan) {
        List<String> out = new ArrayList<>();
        for (Step s : plan.steps()) {
            out.add("# " + s.title());
            s.actions().forEach(a -> out.add(a.describe()));
        }
        return out;
    }

    private static String after(Action a) {
        return new String(((Action.Write) a).change().after(), StandardCharsets.UTF_8);
    }

    private Finding liveFinding(String rule, String name) {
        return new Finding(rule, Severity.ERROR, List.of(name), fleet.agents.resolve("ai.openclaw." + name + ".plist").toString(),
                rule + " of " + name, "");
    }

    @Test
    void oneStepPerInstanceWithEveryChangeOfAFileInOneWriteAndTheRestartLast() throws Exception {
        fleet.instance("luca", 40000).stateMode("rwxr-xr-x").config(c -> {
            ((ObjectNode) c.path("gateway")).put("mode", "remote");
            ((ObjectNode) c.path("gateway").path("auth")).remove("token");
        }).write();
        liveFindings.add(liveFinding("crash-loop", "luca"));
        live.put("luca", JobStatus.CRASH_LOOPING);
        FixPlan plan = plan();
        assertThat(describe(plan)).containsExactly(
                "# luca: state-permissions, gateway-mode, token-missing",
                "chmod  0755 -> 0700  " + fleet.layout.stateDir("luca"),
                "write  0600  " + fleet.layout.configPath("luca") + "  (gateway.mode \"local\"; gateway.auth.token: a new random token"
                        + " (never shown; its fingerprint is printed once it is in place))",
                "# start or restart what changed, one at a time, waiting for each as `fleet start` does",
                "launchctl enable gui/501/ai.openclaw.luca; launchctl kickstart -k gui/501/ai.openclaw.luca; then wait until"
                        + " ai.openclaw.luca listens on 127.0.0.1:40000  (its config changed)");
        assertThat(plan.steps().get(0).fixes()).extracting(Finding::rule).containsExactly("state-permissions", "gateway-mode", "token-missing");
        assertThat(after(plan.steps().get(0).actions().get(1))).contains("\"token\": \"new-token-1-").contains("\"mode\": \"local\"");
        assertThat(plan.tokens()).containsOnlyKeys("luca");
        assertThat(plan.manual()).isEmpty();
        assertThat(describe(plan())).as("the same input gives the same plan").isEqualTo(describe(plan));
    }

    @Test
    void theNewerOfTwoOnOnePortMovesToTheFirstFreeSpacedGroup() throws Exception {
        fleet.instance("luca", 40000).write();
        Path critic = fleet.instance("critic", 40000).write();
        Files.setLastModifiedTime(critic, FileTime.fromMillis(System.currentTimeMillis() + 10_000));
        listening = p -> p == 40020 || p == 40000 || p == 40002 || p == 40011;
        FixPlan plan = plan();
        Step step = plan.steps().stream().filter(s -> s.title().startsWith("critic")).findFirst().orElseThrow();
        assertThat(step.actions()).hasSize(2);
        assertThat(step.actions().get(0).describe()).contains("ai.openclaw.critic.plist").contains("port 40000 -> 40040");
        assertThat(after(step.actions().get(1))).contains("\"port\": 40040");
        assertThat(describe(plan)).noneMatch(l -> l.contains("ai.openclaw.luca.plist")).anyMatch(l -> l.contains("bootout gui/501/ai.openclaw.critic"));
    }

    @Test
    void aConsequenceOfARootItCannotFixIsLeftUnderItAndThatInstanceIsNotStarted() throws Exception {
        fleet.instance("luca", 40000).write();
        fleet.instance("critic", 40020).env("OPENCLAW_STATE_DIR", fleet.layout.stateDir("luca").toString())
                .env("OPENCLAW_CONFIG_PATH", fleet.layout.configPath("luca").toString()).noStateDir().write();
        Files.setLastModifiedTime(fleet.agents.resolve("ai.openclaw.critic.plist"), FileTime.fromMillis(System.currentTimeMillis() + 10_000));
        live.put("critic", JobStatus.NOT_LOADED);
        liveFindings.add(liveFinding("not-loaded", "critic"));
        FixPlan plan = plan();
        assertThat(describe(plan)).noneMatch(l -> l.contains("bootstrap"));
        assertThat(plan.manual()).extracting(m -> m.finding().rule()).contains("duplicate-state-dir", "duplicate-token", "not-loaded");
        Manual shared = plan.manual().stream().filter(m -> m.finding().rule().equals("duplicate-state-dir")).findFirst().orElseThrow();
        assertThat(shared.recipe()).contains("fleet add-instance critic --from luca").doesNotContain("NAME");
        Manual token = plan.manual().stream().filter(m -> m.finding().rule().equals("duplicate-token")).findFirst().orElseThrow();
        assertThat(token.finding().causedBy()).isEqualTo(shared.finding().id());
        assertThat(token.why()).contains("follows from duplicate-state-dir");
        Manual start = plan.manual().stream().filter(m -> m.finding().rule().equals("not-loaded")).findFirst().orElseThrow();
        assertThat(start.why()).contains("does not start an instance that still has an error");
    }

    @Test
    void aCopiedPlistLeftOnAnothersStateDirWhileItsOwnIsThereIsPointedBackWithItsOwnPortAndEntry() throws Exception {
        fleet.instance("luca", 40000).write();
        fleet.instance("critic", 40020).env("OPENCLAW_STATE_DIR", fleet.layout.stateDir("luca").toString())
                .env("OPENCLAW_CONFIG_PATH", fleet.layout.configPath("luca").toString()).write();
        Files.setLastModifiedTime(fleet.agents.resolve("ai.openclaw.critic.plist"), FileTime.fromMillis(System.currentTimeMillis() + 10_000));
        FixPlan plan = plan();
        String back = "critic's own state dir " + fleet.layout.stateDir("critic") + " is still there: point its plist back at it with"
                + " `fleet generate critic --port 40020 --root " + fleet.root + " -o " + fleet.agents;
        Manual shared = plan.manual().stream().filter(m -> m.finding().rule().equals("duplicate-state-dir")).findFirst().orElseThrow();
        assertThat(shared.recipe()).startsWith(back).contains("--entry /").contains(" --force`").doesNotContain("add-instance");
        Manual orphan = plan.manual().stream().filter(m -> m.finding().rule().equals("orphan-state-dir")).findFirst().orElseThrow();
        assertThat(orphan.recipe()).startsWith(back).contains("to put it away: mv " + fleet.layout.stateDir("critic"));
    }

    @Test
    void aStoppedInstanceIsLeftAlone() throws Exception {
        fleet.instance("luca", 40000).stateMode("rwxr-xr-x").write();
        live.put("luca", JobStatus.STOPPED);
        FixPlan plan = plan();
        assertThat(plan.steps()).isEmpty();
        assertThat(plan.manual()).singleElement().satisfies(m -> {
            assertThat(m.why()).isEqualTo("luca is stopped on purpose, and fleet fix leaves stopped instances alone");
            assertThat(m.recipe()).startsWith("`fleet start luca`, then `fleet fix` again");
        });
    }

    @Test
    void anInlineTokenMovesIntoTheConfigAndTheRewrittenPlistKeepsTheUsersKeys() throws Exception {
        String token = FleetFixture.tokenFor("secret");
        fleet.instance("luca", 40000).env("OPENCLAW_GATEWAY_TOKEN", token).plist(p -> {
            p.put("Nice", 5L);
            p.put("RunAtLoad", false);
        }).config(c -> ((ObjectNode) c.path("gateway").path("auth")).remove("token")).write();
        FixPlan plan = plan();
        Step step = plan.steps().get(0);
        assertThat(step.fixes()).extracting(Finding::rule).containsExactlyInAnyOrder("inline-secret", "run-at-load");
        String plist = after(step.actions().get(0));
        assertThat(plist).doesNotContain(token).contains("<key>Nice</key>").contains("<key>RunAtLoad</key>\n\t<true/>");
        assertThat(after(step.actions().get(1))).contains(token);
        assertThat(String.join("\n", describe(plan))).doesNotContain(token);
        assertThat(plan.tokens()).isEmpty();
    }

    @Test
    void aPlistWhoseStateIsElsewhereIsNotRewrittenButExplained() throws Exception {
        fleet.instance("luca", 40000).env("OPENCLAW_STATE_DIR", tmp.resolve("elsewhere").toString()).write();
        Files.createDirectories(tmp.resolve("elsewhere"));
        FixPlan plan = plan();
        assertThat(plan.steps()).isEmpty();
        assertThat(plan.manual()).anySatisfy(m -> {
            assertThat(m.finding().rule()).isEqualTo("state-dir-env");
            assertThat(m.why()).contains("fleet does not move an instance's state on its own");
        }).anySatisfy(m -> {
            assertThat(m.finding().rule()).isEqualTo("state-permissions");
            assertThat(m.why()).contains("is outside the container root").contains("fleet fix changes nothing there");
        });
    }

    @Test
    void namedInstancesOnly() throws Exception {
        fleet.instance("luca", 40000).stateMode("rwxr-xr-x").write();
        fleet.instance("critic", 40020).stateMode("rwxr-xr-x").write();
        names = Set.of("critic");
        FixPlan plan = plan();
        assertThat(plan.steps()).extracting(Step::title).containsExactly("critic: state-permissions");
    }
}
