package dev.openclawfleet.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openclawfleet.audit.rules.Stopped;
import dev.openclawfleet.audit.rules.NotRunning;
import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.Instance;
import dev.openclawfleet.model.JobStatus;
import dev.openclawfleet.model.LiveStatus;
import dev.openclawfleet.model.Report;
import dev.openclawfleet.model.Severity;
import dev.openclawfleet.testing.FleetFixture;
import dev.openclawfleet.testing.Promtool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The metric families of an audit: values per live state, unknowns left out, labels unique, text valid for promtool. */
class FleetMetricsTest {
    @TempDir
    Path tmp;

    /** luca running and listening; critic disabled and not loaded (stopped); zoe loaded, crash-looping; nobody unknown. */
    private AuditRun liveFleet(String host) {
        FleetFixture fleet = FleetFixture.in(tmp);
        for (String[] i : new String[][]{{"luca", "18789"}, {"critic", "18809"}, {"zoe", "18829"}, {"nobody", "18849"}}) {
            fleet.instance(i[0], Integer.parseInt(i[1])).write();
        }
        Report offline = fleet.audit();
        Map<String, LiveStatus> live = new LinkedHashMap<>();
        List<Finding> findings = new ArrayList<>(offline.findings());
        for (Instance i : offline.instances()) {
            switch (i.name()) {
                case "luca" -> live.put(i.plistPath(), new LiveStatus(true, "running", 4242, 1L, null, null, true, 3600L));
                case "critic" -> {
                    // what `fleet stop` leaves: disabled and not loaded, the info `stopped`
                    live.put(i.plistPath(), new LiveStatus(false, null, null, null, null, null, false, null,
                            JobStatus.STOPPED, null, null));
                    findings.add(Finding.of(Stopped.INFO, i.name(), i.plistPath(), "critic is stopped"));
                }
                case "zoe" -> {
                    live.put(i.plistPath(), new LiveStatus(true, "spawn scheduled", null, 7L, null, "Terminated: 15", false, null));
                    findings.add(Finding.of(NotRunning.INFO, i.name(), i.plistPath(), "zoe is not running"));
                }
                default -> live.put(i.plistPath(), new LiveStatus(null, null, null, null, null, null, null, null));
            }
        }
        Report report = new Report(offline.instances(), findings, List.of(), List.of(), live);
        return new AuditRun(report, Duration.ofMillis(1234), Instant.ofEpochSecond(1_767_225_600L, 500_000_000), true, host, "1.2.3");
    }

    private static String text(AuditRun run) {
        return PrometheusText.render(FleetMetrics.of(run));
    }

    @Test
    void perInstanceValuesFollowTheLiveState() {
        String text = text(liveFleet(null));
        assertThat(text)
                .contains("openclaw_fleet_instance_loaded{instance=\"luca\",label=\"ai.openclaw.luca\",port=\"18789\"} 1\n")
                .contains("openclaw_fleet_instance_running{instance=\"luca\",label=\"ai.openclaw.luca\",port=\"18789\"} 1\n")
                .contains("openclaw_fleet_instance_listening{instance=\"luca\",label=\"ai.openclaw.luca\",port=\"18789\"} 1\n")
                .contains("openclaw_fleet_instance_runs_total{instance=\"luca\",label=\"ai.openclaw.luca\",port=\"18789\"} 1\n")
                .contains("openclaw_fleet_instance_uptime_seconds{instance=\"luca\",label=\"ai.openclaw.luca\",port=\"18789\"} 3600\n")
                .contains("openclaw_fleet_instance_healthy{instance=\"luca\",label=\"ai.openclaw.luca\",port=\"18789\"} 1\n")
                .contains("openclaw_fleet_instance_disabled{instance=\"critic\",label=\"ai.openclaw.critic\",port=\"18809\"} 1\n")
                .contains("openclaw_fleet_instance_stopped{instance=\"critic\",label=\"ai.openclaw.critic\",port=\"18809\"} 1\n")
                .contains("openclaw_fleet_instance_loaded{instance=\"critic\",label=\"ai.openclaw.critic\",port=\"18809\"} 0\n")
                .contains("openclaw_fleet_instance_stopped{instance=\"luca\",label=\"ai.openclaw.luca\",port=\"18789\"} 0\n")
                .contains("openclaw_fleet_instance_running{instance=\"zoe\",label=\"ai.openclaw.zoe\",port=\"18829\"} 0\n")
                .contains("openclaw_fleet_instance_runs_total{instance=\"zoe\",label=\"ai.openclaw.zoe\",port=\"18829\"} 7\n")
                .contains("openclaw_fleet_instance_last_exit_signal{instance=\"zoe\",label=\"ai.openclaw.zoe\",port=\"18829\"} 15\n")
                .contains("openclaw_fleet_instance_healthy{instance=\"zoe\",label=\"ai.openclaw.zoe\",port=\"18829\"} 0\n")
                .contains("openclaw_fleet_instance_findings{instance=\"zoe\",label=\"ai.openclaw.zoe\",port=\"18829\",severity=\"error\"} 1\n")
                .contains("openclaw_fleet_instances 4\n")
                .contains("openclaw_fleet_instances_loaded 2\n")
                .contains("openclaw_fleet_instances_running 1\n")
                .contains("openclaw_fleet_instances_listening 1\n")
                .contains("openclaw_fleet_instances_healthy 3\n")
                .contains("openclaw_fleet_findings{rule=\"not-running\",severity=\"error\"} 1\n")
                .contains("openclaw_fleet_findings{rule=\"crash-loop\",severity=\"error\"} 0\n")
                .contains("openclaw_fleet_audit_duration_seconds 1.234\n")
                .contains("openclaw_fleet_audit_timestamp_seconds 1767225600.5\n")
                .contains("openclaw_fleet_audit_success 1\n")
                .contains("openclaw_fleet_audit_live 1\n")
                .contains("openclaw_fleet_audit_exit_code 1\n")
                .contains("openclaw_fleet_build_info{version=\"1.2.3\"} 1\n");
        // luca never exited, critic is not loaded: no exit code or runs sample is invented for them.
        assertThat(text).doesNotContain("openclaw_fleet_instance_last_exit_code{instance=\"luca\"")
                .doesNotContain("openclaw_fleet_instance_runs_total{instance=\"critic\"");
    }

    @Test
    void anUnknownStateHasNoSampleRatherThanAGuess() {
        String text = text(liveFleet(null));
        for (String family : List.of("loaded", "running", "listening", "disabled", "stopped", "runs_total", "uptime_seconds")) {
            assertThat(text).as(family).doesNotContain("openclaw_fleet_instance_" + family + "{instance=\"nobody\"");
        }
        assertThat(text).contains("openclaw_fleet_instance_info{instance=\"nobody\",label=\"ai.openclaw.nobody\",port=\"18849\",kind=\"fleet\"} 1");
    }

    @Test
    void anOfflineAuditHasNoLiveSamplesAndSaysSo() {
        FleetFixture fleet = FleetFixture.in(tmp);
        fleet.instance("luca", 18789).write();
        AuditRun run = new AuditRun(fleet.audit(), Duration.ZERO, Instant.EPOCH, false, null, null);
        String text = text(run);
        assertThat(text).contains("openclaw_fleet_audit_live 0\n").contains("openclaw_fleet_instances 1\n")
                .doesNotContain("\nopenclaw_fleet_instance_loaded{").doesNotContain("\nopenclaw_fleet_instances_running ")
                .contains("openclaw_fleet_build_info{version=\"dev\"} 1");
    }

    @Test
    void aHostLabelIsAddedWhenTheHostIsKnown() {
        String text = text(liveFleet("mac-mini"));
        assertThat(text).contains("openclaw_fleet_instance_running{instance=\"luca\",label=\"ai.openclaw.luca\",port=\"18789\",host=\"mac-mini\"} 1")
                .contains("openclaw_fleet_instances{host=\"mac-mini\"} 4")
                .contains("openclaw_fleet_findings{host=\"mac-mini\",rule=\"not-running\",severity=\"error\"} 1");
    }

    @Test
    void everySeriesIsUniqueEvenWhenTwoPlistsClaimTheSameNameLabelAndPort() throws Exception {
        FleetFixture fleet = FleetFixture.in(tmp);
        fleet.instance("luca", 18789).write();
        fleet.instance("luca", 18789).fileName("luca-copy.plist").write();
        String text = text(new AuditRun(fleet.audit(), Duration.ZERO, Instant.EPOCH, false, null, null));
        Set<String> series = new HashSet<>();
        text.lines().filter(l -> !l.startsWith("#")).forEach(l -> assertThat(series.add(l.substring(0, l.lastIndexOf(' ')))).as(l).isTrue());
        assertThat(text).contains("plist=\"luca-copy.plist\"").contains("plist=\"ai.openclaw.luca.plist\"");
        assertThat(Promtool.checkMetrics(text).output()).isEmpty();
    }

    @Test
    void hostileNamesAreEscapedAndTheWholeExpositionPassesPromtool() throws Exception {
        FleetFixture fleet = FleetFixture.in(tmp);
        fleet.instance("ok", 18789).write();
        fleet.instance("q", 18809).plist(p -> p.put("Label", "ai.openclaw.we\"ird\\na\nme ✓")).write();
        AuditRun run = liveFleet(null);
        Report mixed = new Report(fleet.audit().instances(), fleet.audit().findings(), List.of(), List.of("a problem"), Map.of());
        String text = text(new AuditRun(mixed, Duration.ofNanos(1), Instant.now(), true, "host \"x\"", "v\\1"));
        assertThat(text).contains("instance=\"we\\\"ird\\\\na\\nme ✓\"").contains("host=\"host \\\"x\\\"\"")
                .contains("openclaw_fleet_audit_success{host=\"host \\\"x\\\"\"} 0").contains("openclaw_fleet_problems{host=\"host \\\"x\\\"\"} 1");
        for (String exposition : List.of(text, text(run), text(liveFleet("h")))) {
            Promtool.Result r = Promtool.checkMetrics(exposition);
            assertThat(r.exitCode()).as(r.output()).isZero();
            assertThat(r.output()).isEmpty();
        }
    }

    @Test
    void jsonCarriesTheSameFamiliesAndSamples() throws Exception {
        AuditRun run = liveFleet(null);
        List<MetricFamily> families = FleetMetrics.of(run);
        JsonNode json = new ObjectMapper().readTree(MetricsJson.render(families));
        assertThat(json.path("schemaVersion").asInt()).isEqualTo(1);
        assertThat(json.path("command").asText()).isEqualTo("metrics");
        assertThat(json.path("metrics")).hasSize(families.size());
        for (int i = 0; i < families.size(); i++) {
            JsonNode n = json.path("metrics").path(i);
            MetricFamily f = families.get(i);
            assertThat(n.path("name").asText()).isEqualTo(f.name());
            assertThat(n.path("type").asText()).isEqualTo(f.type().id());
            assertThat(n.path("help").asText()).isEqualTo(f.help());
            assertThat(n.path("samples")).hasSize(f.samples().size());
            for (int s = 0; s < f.samples().size(); s++) {
                assertThat(n.path("samples").path(s).path("value").asDouble()).isEqualTo(f.samples().get(s).value());
                assertThat(n.path("samples").path(s).path("labels").size()).isEqualTo(f.samples().get(s).labels().size());
            }
        }
    }

    @Test
    void familiesFollowPrometheusNaming() {
        for (MetricFamily f : FleetMetrics.of(liveFleet(null))) {
            assertThat(f.name()).startsWith("openclaw_fleet_").matches("[a-z_]+");
            assertThat(f.name().endsWith("_total")).as(f.name()).isEqualTo(f.type() == MetricFamily.Type.COUNTER);
            assertThat(f.help()).doesNotContain("\n").isNotBlank();
        }
        assertThat(FleetMetrics.of(liveFleet(null)).stream().map(MetricFamily::name))
                .contains("openclaw_fleet_instance_runs_total", "openclaw_fleet_audit_duration_seconds", "openclaw_fleet_instance_uptime_seconds");
    }

    @Test
    void noTokenOrFingerprintReachesALabelOrValue() throws Exception {
        FleetFixture fleet = FleetFixture.in(tmp);
        String inline = "inline0token0bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
        fleet.instance("luca", 18789).write();
        fleet.instance("critic", 18809).config(c -> c.withObjectProperty("gateway").withObjectProperty("auth")
                .put("token", FleetFixture.tokenFor("luca"))).write();
        fleet.instance("inline", 18829).env("OPENCLAW_GATEWAY_TOKEN", inline).write();
        Report report = fleet.audit();
        assertThat(report.findings()).anyMatch(f -> f.rule().equals("duplicate-token"));
        AuditRun run = new AuditRun(report, Duration.ZERO, Instant.EPOCH, false, null, null);
        String all = text(run) + MetricsJson.render(FleetMetrics.of(run));
        for (String token : List.of(FleetFixture.tokenFor("luca"), FleetFixture.tokenFor("critic"), inline)) {
            assertThat(all).doesNotContain(token.substring(0, 16));
        }
        assertThat(all).doesNotContain("sha256:");
        assertThat(Files.exists(tmp)).isTrue();
    }

    @Test
    void instanceViewReadsTheSignalNumber() {
        assertThat(InstanceView.signal("Terminated: 15")).isEqualTo(15);
        assertThat(InstanceView.signal("Killed: 9")).isEqualTo(9);
        assertThat(InstanceView.signal("weird")).isNull();
        assertThat(InstanceView.signal(null)).isNull();
        assertThat(Severity.values()).hasSize(3);
    }
}
