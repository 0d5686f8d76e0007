package dev.openclawfleet.audit;

import dev.openclawfleet.audit.rules.DerivedPortCollision;
import dev.openclawfleet.audit.rules.DuplicateLabel;
import dev.openclawfleet.audit.rules.DuplicatePort;
import dev.openclawfleet.audit.rules.DuplicateStateDir;
import dev.openclawfleet.audit.rules.PortSpacing;
import dev.openclawfleet.model.FileFacts;
import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.FleetLayout;
import dev.openclawfleet.model.Instance;
import dev.openclawfleet.model.PlistFile;
import dev.openclawfleet.model.PlistRead;
import dev.openclawfleet.model.Severity;
import dev.openclawfleet.provision.ContractPlist;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The across-plist rules, on hand-made cases and on random fleets checked against a brute-force oracle. */
class FleetRulesTest {
    private static final FleetLayout LAYOUT = new FleetLayout(Path.of("/Users/x/.openclaw"));
    private static final FileFacts FACTS = new FileFacts(0644, "x", true, 1000);

    /** An instance as the classifier would make it from a plist with this label, port and state dir. */
    static Instance instance(String file, String label, int port, String stateDir) {
        return instance(file, label, port, stateDir, 0);
    }

    /** The same, from a plist last modified at {@code modifiedMillis}. */
    static Instance instance(String file, String label, int port, String stateDir, long modifiedMillis) {
        Map<String, Object> plist = new LinkedHashMap<>(ContractPlist.of(new ContractPlist.Spec(LAYOUT, "luca", port,
                Path.of("/usr/bin/node"), Path.of("/opt/openclaw/dist/index.js"))));
        plist.put("Label", label);
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("OPENCLAW_STATE_DIR", stateDir);
        plist.put("EnvironmentVariables", env);
        FileFacts facts = new FileFacts(FACTS.mode(), FACTS.owner(), true, FACTS.size(), modifiedMillis);
        PlistFile file1 = PlistClassifier.classify(new PlistRead.Parsed(Path.of("agents", file), facts, plist));
        return ((PlistFile.Gateway) file1).instance();
    }

    private static List<Finding> run(FleetRule rule, Instance... instances) {
        return rule.check(List.of(instances));
    }

    @Test
    void duplicateLabelPortAndStateDir() {
        Instance a = instance("a.plist", "ai.openclaw.luca", 18789, "/Users/x/.openclaw/.openclaw-luca");
        Instance b = instance("b.plist", "ai.openclaw.luca", 18789, "/Users/x/.openclaw/./.openclaw-LUCA/");
        Instance c = instance("c.plist", "ai.openclaw.critic", 18809, "/Users/x/.openclaw/.openclaw-critic");
        assertThat(run(new DuplicateLabel(), a, b, c)).singleElement().satisfies(f -> {
            assertThat(f.instances()).containsExactly("luca");
            // Same modification time: the later path is the newer plist, the one that introduced the clash.
            assertThat(f.path()).isEqualTo(Path.of("agents", "b.plist").toString());
            assertThat(f.message()).contains("agents/a.plist").contains("agents/b.plist");
        });
        assertThat(run(new DuplicatePort(), a, b, c)).singleElement()
                .satisfies(f -> assertThat(f.message()).startsWith("port 18789 is used by"));
        assertThat(run(new DuplicateStateDir(), a, b, c)).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("share its sessions and gateway lock").doesNotContain("critic"));
    }

    @Test
    void aClashPointsAtTheNewerPlistWhateverItsPath() {
        Instance newer = instance("a.plist", "ai.openclaw.luca", 18789, "/Users/x/.openclaw/.openclaw-luca", 2_000_000);
        Instance older = instance("b.plist", "ai.openclaw.critic", 18789, "/Users/x/.openclaw/.openclaw-critic", 1_000_000);
        assertThat(run(new DuplicatePort(), older, newer)).singleElement().satisfies(f -> {
            assertThat(f.path()).isEqualTo(Path.of("agents", "a.plist").toString());
            assertThat(f.instances()).containsExactly("luca", "critic"); // still named in path order
            assertThat(f.fix()).contains("fleet set-port luca --auto").contains("keeps critic's port");
        });
        // Within the same second the later path counts as newer (a checkout writes files in one go).
        Instance sameSecond = instance("a.plist", "ai.openclaw.luca", 18789, "/Users/x/.openclaw/.openclaw-luca", 1_000_400);
        assertThat(run(new DuplicatePort(), older, sameSecond)).singleElement()
                .satisfies(f -> assertThat(f.path()).isEqualTo(Path.of("agents", "b.plist").toString()));
    }

    @Test
    void derivedPortCollisionNamesBothRoles() {
        Instance a = instance("a.plist", "ai.openclaw.a", 18789, "/s/.openclaw-a");
        Instance b = instance("b.plist", "ai.openclaw.b", 18800, "/s/.openclaw-b"); // 18789+11 == 18800
        assertThat(run(new DerivedPortCollision(), a, b)).singleElement().satisfies(f -> {
            assertThat(f.instances()).containsExactly("a", "b");
            assertThat(f.message()).isEqualTo("port 18800 is a's default CDP port (base 18789) and b's gateway port (base 18800)");
        });
        Instance c = instance("c.plist", "ai.openclaw.c", 18809, "/s/.openclaw-c");
        assertThat(run(new DerivedPortCollision(), a, c)).isEmpty();
    }

    @Test
    void portSpacingWarnsUnder20WithoutRepeatingCollisions() {
        Instance a = instance("a.plist", "ai.openclaw.a", 18789, "/s/.openclaw-a");
        Instance b = instance("b.plist", "ai.openclaw.b", 18799, "/s/.openclaw-b");
        assertThat(run(new PortSpacing(), a, b)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.message()).contains("only 10 ports apart");
        });
        Instance collide = instance("c.plist", "ai.openclaw.c", 18791, "/s/.openclaw-c"); // a's B+2
        assertThat(run(new PortSpacing(), a, collide)).isEmpty();
    }

    @Test
    void legacyJobsStayOutOfUniquenessRules() {
        Instance a = instance("a.plist", "ai.openclaw.a", 18789, "/s/.openclaw-a");
        Instance legacy = instance("com.clawdbot.gateway.plist", "com.clawdbot.gateway", 18789, "/s/.openclaw-a");
        assertThat(run(new DuplicatePort(), a, legacy)).isEmpty();
        assertThat(run(new DuplicateStateDir(), a, legacy)).isEmpty();
    }

    /** Random fleets from small pools of ports, labels and dirs, so that collisions are frequent. */
    @RepeatedTest(200)
    void uniquenessRulesAgreeWithBruteForce(RepetitionInfo repetition) {
        Random random = new Random(repetition.getCurrentRepetition() * 7919L);
        int n = 2 + random.nextInt(12);
        List<Instance> sharedLabels = new ArrayList<>();
        List<Instance> uniqueLabels = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int port = 18789 + random.nextInt(60);
            String dir = "/s/" + (random.nextBoolean() ? "./" : "") + ".openclaw-" + (random.nextBoolean() ? "D" : "d") + random.nextInt(n + 2);
            sharedLabels.add(instance("f" + i + ".plist", "ai.openclaw.n" + random.nextInt(n + 2), port, dir));
            uniqueLabels.add(instance("f" + i + ".plist", "ai.openclaw.u" + i, port, dir));
        }

        assertThat(groups(new DuplicateLabel().check(sharedLabels))).isEqualTo(oracleGroups(sharedLabels, Instance::label));
        assertThat(groups(new DuplicatePort().check(sharedLabels))).isEqualTo(oracleGroups(sharedLabels, i -> String.valueOf(i.port())));
        assertThat(groups(new DuplicateStateDir().check(sharedLabels)))
                .isEqualTo(oracleGroups(sharedLabels, i -> i.stateDir().normalize().toString().toLowerCase(Locale.ROOT)));
        assertThat(new DerivedPortCollision().check(uniqueLabels).stream().map(f -> Set.copyOf(f.instances())).toList())
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(oracleDerived(uniqueLabels));
    }

    /** For each group finding, the plist paths its message lists as "name (path)". */
    private static Set<Set<String>> groups(List<Finding> findings) {
        Set<Set<String>> out = new HashSet<>();
        for (Finding f : findings) {
            Set<String> paths = new TreeSet<>();
            Matcher m = Pattern.compile("\\((agents/f\\d+\\.plist)\\)").matcher(f.message());
            while (m.find()) {
                paths.add(m.group(1));
            }
            out.add(paths);
        }
        return out;
    }

    private static Set<Set<String>> oracleGroups(List<Instance> fleet, Function<Instance, String> key) {
        Map<String, Set<String>> byKey = new HashMap<>();
        for (Instance i : fleet) {
            byKey.computeIfAbsent(key.apply(i), k -> new TreeSet<>()).add(i.plistPath());
        }
        return byKey.values().stream().filter(s -> s.size() > 1).collect(Collectors.toSet());
    }

    private static Set<Set<String>> oracleDerived(List<Instance> fleet) {
        Set<Set<String>> out = new HashSet<>();
        for (Instance a : fleet) {
            for (Instance b : fleet) {
                if (a == b || a.port().equals(b.port())) {
                    continue;
                }
                Set<Integer> pa = Set.of(a.port(), a.port() + 2, a.port() + 11);
                Set<Integer> pb = Set.of(b.port(), b.port() + 2, b.port() + 11);
                if (pa.stream().anyMatch(pb::contains)) {
                    out.add(Set.of(a.name(), b.name()));
                }
            }
        }
        return out;
    }
}
