package dev.openclawfleet.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openclawfleet.testing.CliRun;
import dev.openclawfleet.testing.FleetFixture;
import dev.openclawfleet.testing.Promtool;
import dev.openclawfleet.testing.Sshd;
import dev.openclawfleet.testing.StandIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * `fleet audit --hosts` and `fleet metrics --hosts` against two loopback "Macs" (a real sshd each,
 * its own HOME, fleet and launchctl stand-in with real gateways), a closed port and a key the host
 * refuses: one merged report, the same verdicts as a local audit of each Mac, the same token on two
 * Macs as duplicate-token by fingerprint, unreachable hosts as findings, and no token anywhere.
 */
@Timeout(300)
class MultiHostAuditIT {
    static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path tmp;
    static Sshd macs;
    static final Map<String, Mac> FLEETS = new LinkedHashMap<>();
    static Path hostsFile;

    /** One "Mac": its sshd host, its launchctl stand-in (the same state dir its SSH sessions use) and its fleet. */
    record Mac(Sshd.Host host, StandIn launchd, FleetFixture fleet) {
        CliRun.Result localAudit(String... extra) {
            List<String> args = new ArrayList<>(List.of("audit", "--agents-dir", fleet.agents.toString(), "--root", fleet.root.toString()));
            args.addAll(List.of(extra));
            return launchd.cli().run(args.toArray(String[]::new));
        }
    }

    @BeforeAll
    static void twoMacs() throws Exception {
        macs = Sshd.start(tmp.resolve("ssh"), "mac1", "mac2");
        int base = StandIn.freePorts(4);
        Mac mac1 = mac("mac1");
        Mac mac2 = mac("mac2");
        mac1.launchd().bootstrap(mac1.fleet().instance("luca", base).write());
        mac1.launchd().bootstrap(mac1.fleet().instance("critic", base + 20).write());
        mac2.launchd().bootstrap(mac2.fleet().instance("zoe", base + 40).write());
        // dan on mac2 uses luca's token from mac1.
        mac2.launchd().bootstrap(mac2.fleet().instance("dan", base + 60)
                .config(c -> c.with("gateway").with("auth").put("token", FleetFixture.tokenFor("luca"))).write());
        for (int i = 0; i < 4; i++) {
            int port = base + 20 * i;
            StandIn.await(WAIT, "port " + port, () -> StandIn.listening(port));
        }
        hostsFile = Files.writeString(tmp.resolve("hosts"), String.join("\n",
                "# the Macs of the team",
                "mac1 root=" + mac1.fleet().root + " agents-dir=" + mac1.fleet().agents + "   # the first one",
                "",
                "mac2 root=~/openclaw-root agents-dir=\"~/LaunchAgents\"", ""));
    }

    private static Mac mac(String alias) throws Exception {
        Sshd.Host host = macs.host(alias);
        Mac mac = new Mac(host, new StandIn(host.launchdState().getParent()), FleetFixture.withFakeGateway(host.home()));
        assertThat(mac.launchd().state).isEqualTo(host.launchdState());
        FLEETS.put(alias, mac);
        return mac;
    }

    @AfterAll
    static void stop() throws Exception {
        for (Mac mac : FLEETS.values()) {
            mac.launchd().close();
        }
        if (macs != null) {
            macs.close();
        }
    }

    private static CliRun.Result fleet(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--ssh-config", macs.config().toString()));
        return new CliRun().run(all.toArray(String[]::new));
    }

    private static JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text);
    }

    private static List<JsonNode> of(JsonNode report, String key, String host) {
        List<JsonNode> out = new ArrayList<>();
        report.path(key).forEach(n -> {
            if (n.path("host").asText().equals(host)) {
                out.add(n);
            }
        });
        return out;
    }

    @Test
    void twoMacsAuditedInOneReportWithTheVerdictsOfALocalAudit() throws Exception {
        CliRun.Result r = fleet("audit", "--hosts", hostsFile.toString(), "--format", "json");
        assertThat(r.exitCode()).as(r.all()).isEqualTo(1);
        JsonNode report = json(r.out());
        assertThat(report.path("schemaVersion").asInt()).isEqualTo(1);
        assertThat(report.path("hosts")).hasSize(2);
        for (JsonNode h : report.path("hosts")) {
            assertThat(h.path("reachable").asBoolean()).as(h.toString()).isTrue();
            assertThat(h.path("instances").asInt()).isEqualTo(2);
        }
        assertThat(report.path("summary").path("hosts").asInt()).isEqualTo(2);
        assertThat(report.path("summary").path("instances").asInt()).isEqualTo(4);

        for (String alias : List.of("mac1", "mac2")) {
            Mac mac = FLEETS.get(alias);
            JsonNode local = json(mac.localAudit("--format", "json").out());
            List<JsonNode> instances = of(report, "instances", alias);
            assertThat(instances).extracting(i -> i.path("name").asText())
                    .containsExactlyElementsOf(names(local.path("instances")));
            for (int i = 0; i < instances.size(); i++) {
                JsonNode remote = instances.get(i).path("live");
                JsonNode here = local.path("instances").get(i).path("live");
                assertThat(remote.path("status").asText()).isEqualTo(here.path("status").asText()).isEqualTo("running");
                assertThat(remote.path("pid").asLong()).isEqualTo(here.path("pid").asLong()).isPositive();
                assertThat(remote.path("listening").asBoolean()).isTrue();
                assertThat(instances.get(i).path("plist").asText()).startsWith(mac.host().home().toString());
            }
            // Every local finding, and on top the cross-host one.
            List<String> remoteFindings = of(report, "findings", alias).stream().map(MultiHostAuditIT::describe).toList();
            List<String> localFindings = new ArrayList<>();
            local.path("findings").forEach(f -> localFindings.add(describe(f)));
            assertThat(remoteFindings).containsAll(localFindings);
        }
        assertThat(of(report, "findings", "mac1")).filteredOn(f -> f.path("rule").asText().equals("duplicate-token")).singleElement()
                .satisfies(f -> {
                    assertThat(f.path("instances").toString()).isEqualTo("[\"luca\"]");
                    assertThat(f.path("message").asText()).matches("luca shares the gateway token sha256:[0-9a-f]{8} with dan on mac2: .*");
                });
        assertThat(of(report, "findings", "mac2")).filteredOn(f -> f.path("rule").asText().equals("duplicate-token")).singleElement()
                .satisfies(f -> assertThat(f.path("message").asText()).contains("dan shares the gateway token sha256:").contains("luca on mac1"));
    }

    private static List<String> names(JsonNode instances) {
        List<String> out = new ArrayList<>();
        instances.forEach(i -> out.add(i.path("name").asText()));
        return out;
    }

    private static String describe(JsonNode f) {
        return f.path("rule").asText() + " " + f.path("severity").asText() + " " + f.path("instances") + " " + f.path("message").asText();
    }

    @Test
    void everyFormatGroupsByHostAndNoneHoldsAToken() throws Exception {
        CliRun.Result text = fleet("audit", "--hosts", hostsFile.toString());
        assertThat(text.out()).contains("== mac1 ==").contains("== mac2 ==")
                .contains("2 hosts, 4 instances: 2 errors, 0 warnings, 0 infos");
        assertThat(text.out().indexOf("luca")).isBetween(text.out().indexOf("== mac1 =="), text.out().indexOf("== mac2 =="));
        List<String> outputs = new ArrayList<>(List.of(text.all()));
        for (String format : List.of("json", "sarif", "github")) {
            CliRun.Result r = fleet("audit", "--hosts", hostsFile.toString(), "--format", format);
            assertThat(r.exitCode()).as(format + ": " + r.all()).isEqualTo(1);
            outputs.add(r.all());
        }
        outputs.add(fleet("metrics", "--hosts", hostsFile.toString()).all());
        outputs.add(fleet("metrics", "--hosts", hostsFile.toString(), "--format", "json").all());
        assertThat(outputs.get(2)).contains("\"version\": \"2.1.0\"").contains("[mac2] dan shares the gateway token");
        assertThat(outputs.get(3)).contains("::error file=" + FLEETS.get("mac1").fleet().agents.resolve("ai.openclaw.luca.plist"));
        for (String output : outputs) {
            for (String name : List.of("luca", "critic", "zoe", "dan")) {
                assertThat(output).doesNotContain(FleetFixture.tokenFor(name));
            }
        }
    }

    @Test
    void hostsThatCannotBeReadAreFindingsAndTheOthersAreStillReported() throws Exception {
        Mac mac1 = FLEETS.get("mac1");
        CliRun.Result r = fleet("audit", "--host", "mac1", "--host", Sshd.CLOSED, "--host", "mac1-wrongkey", "--host", "mac2-unknownkey",
                "--root", mac1.fleet().root.toString(), "--agents-dir", mac1.fleet().agents.toString(), "--format", "json");
        assertThat(r.exitCode()).as(r.all()).isEqualTo(3);
        JsonNode report = json(r.out());
        assertThat(report.path("hosts")).extracting(h -> h.path("host").asText() + " " + h.path("reachable").asBoolean())
                .containsExactly("mac1 true", "closed false", "mac1-wrongkey false", "mac2-unknownkey false");
        assertThat(of(report, "instances", "mac1")).hasSize(2);
        assertThat(of(report, "findings", Sshd.CLOSED)).singleElement().satisfies(f -> {
            assertThat(f.path("rule").asText()).isEqualTo("host-unreachable");
            assertThat(f.path("severity").asText()).isEqualTo("error");
            assertThat(f.path("message").asText()).startsWith("closed could not be audited: ssh: connect to host 127.0.0.1 port")
                    .endsWith("Connection refused");
        });
        assertThat(of(report, "findings", "mac1-wrongkey").get(0).path("message").asText()).contains("Permission denied (publickey)");
        assertThat(of(report, "findings", "mac2-unknownkey").get(0).path("message").asText()).contains("Host key verification failed.");
        assertThat(r.err()).contains("fleet audit: closed could not be audited: ssh: connect to host");

        CliRun.Result text = fleet("audit", "--host", Sshd.CLOSED, "--host", "mac1", "--root", mac1.fleet().root.toString(),
                "--agents-dir", mac1.fleet().agents.toString());
        assertThat(text.exitCode()).isEqualTo(3);
        assertThat(text.out()).contains("== closed ==  unreachable").contains("host-unreachable").contains("== mac1 ==")
                .contains("2 hosts (1 unreachable), 2 instances");
    }

    @Test
    void metricsOfTwoMacsPassPromtool() throws Exception {
        CliRun.Result r = fleet("metrics", "--hosts", hostsFile.toString(), "--host", Sshd.CLOSED);
        assertThat(r.exitCode()).as(r.all()).isEqualTo(3);
        Promtool.Result check = Promtool.checkMetrics(r.out());
        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(r.out()).contains("openclaw_fleet_instance_running{instance=\"luca\",label=\"ai.openclaw.luca\",port=\"")
                .contains("\",host=\"mac1\"} 1\n").contains("\",host=\"mac2\"} 1\n")
                .contains("openclaw_fleet_host_reachable{host=\"mac1\"} 1\n")
                .contains("openclaw_fleet_host_reachable{host=\"closed\"} 0\n")
                .contains("openclaw_fleet_audit_success{host=\"closed\"} 0\n")
                .contains("openclaw_fleet_audit_success{host=\"mac1\"} 1\n")
                .containsOnlyOnce("openclaw_fleet_build_info{");
        assertThat(r.err()).contains("closed could not be audited");
    }
}
