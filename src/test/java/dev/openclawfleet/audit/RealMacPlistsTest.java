package dev.openclawfleet.audit;

import dev.openclawfleet.app.Audit;
import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.Instance;
import dev.openclawfleet.model.JobKind;
import dev.openclawfleet.model.Report;
import dev.openclawfleet.model.Severity;
import dev.openclawfleet.plist.PlistWriter;
import dev.openclawfleet.testing.FleetFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.openclawfleet.testing.FleetFixture.of;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plists found on real Macs (openclaw-facts.md, "Plists found on real Macs"), in a temp home:
 * OpenClaw's own installs in every form, legacy labels, helper jobs, and configs with ${VAR}.
 * Each must get the right kind, state dir and verdict from an offline audit.
 */
class RealMacPlistsTest {
    static final String NODE = "/opt/homebrew/bin/node";
    static final String ENTRY = "/opt/homebrew/lib/node_modules/openclaw/dist/index.js";

    @TempDir
    Path tmp;
    Path home;
    Path agents;
    Path root;

    @BeforeEach
    void home() throws Exception {
        home = tmp.resolve("Users/me");
        agents = Files.createDirectories(home.resolve("Library/LaunchAgents"));
        root = home.resolve(".openclaw");
    }

    private Report audit() {
        return Audit.run(agents, root, Set.of(), FleetFixture.UID, Audit.LiveOptions.none());
    }

    private Path write(String label, Map<String, Object> plist) throws Exception {
        Path file = agents.resolve(label + ".plist");
        Files.write(file, PlistWriter.toXml(plist));
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        return file;
    }

    /** OpenClaw's installer, releases 2026.1 to 2026.6: node runs the gateway directly, service keys inline, no OPENCLAW_STATE_DIR. */
    private Map<String, Object> directForm(String label, int port, Path logs) {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("HOME", home.toString());
        env.put("TMPDIR", "/var/folders/x7/T/");
        env.put("PATH", "/Users/me/.nvm/versions/node/v22.11.0/bin:/opt/homebrew/bin:/usr/bin:/bin:/usr/sbin:/sbin");
        env.put("NODE_EXTRA_CA_CERTS", "/etc/ssl/cert.pem");
        env.put("NODE_USE_SYSTEM_CA", "1");
        env.put("OPENCLAW_GATEWAY_PORT", Integer.toString(port));
        env.put("OPENCLAW_LAUNCHD_LABEL", label);
        env.put("OPENCLAW_SYSTEMD_UNIT", "openclaw-gateway");
        env.put("OPENCLAW_WINDOWS_TASK_NAME", "OpenClaw Gateway");
        env.put("OPENCLAW_SERVICE_MARKER", "openclaw");
        env.put("OPENCLAW_SERVICE_KIND", "gateway");
        env.put("OPENCLAW_SERVICE_VERSION", "2026.4.2");
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("Label", label);
        p.put("Comment", "OpenClaw Gateway (v2026.4.2)");
        p.put("RunAtLoad", true);
        p.put("KeepAlive", true);
        p.put("ThrottleInterval", 1L);
        p.put("Umask", 63L);
        p.put("ProgramArguments", new ArrayList<>(List.of(NODE, ENTRY, "gateway", "--port", Integer.toString(port), "--bind", "loopback")));
        p.put("EnvironmentVariables", env);
        p.put("StandardOutPath", logs.resolve("gateway.log").toString());
        p.put("StandardErrorPath", logs.resolve("gateway.err.log").toString());
        return p;
    }

    private static void config(Path stateDir, String token) throws Exception {
        Files.createDirectories(stateDir);
        Files.setPosixFilePermissions(stateDir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        FleetFixture.write(stateDir.resolve("openclaw.json"),
                "{gateway: {mode: 'local', bind: 'loopback', auth: {mode: 'token', token: '" + token + "'}}}", "rw-------");
    }

    private static Instance instance(Report report, String name) {
        return report.instances().stream().filter(i -> i.name().equals(name)).findFirst().orElseThrow();
    }

    private static List<Finding> about(Report report, String name) {
        return report.findings().stream().filter(f -> f.instances().contains(name)).toList();
    }

    @Test
    void theInstallersDirectFormIsOpenClawsOwnWithItsDefaultStateDir() throws Exception {
        write("ai.openclaw.gateway", directForm("ai.openclaw.gateway", 18789, root.resolve("logs")));
        config(root, "a".repeat(48));
        Report report = audit();
        Instance gateway = instance(report, "gateway");
        assertThat(gateway.kind()).isEqualTo(JobKind.OPENCLAW);
        assertThat(gateway.stateDir()).isEqualTo(root);
        assertThat(gateway.configPath()).isEqualTo(root.resolve("openclaw.json"));
        assertThat(gateway.port()).isEqualTo(18789);
        assertThat(about(report, "gateway")).extracting(Finding::rule).containsExactly("program-arguments");
        assertThat(about(report, "gateway")).allSatisfy(f -> {
            assertThat(f.severity()).isEqualTo(Severity.INFO);
            assertThat(f.message()).contains("OpenClaw's own direct form");
        });
        assertThat(report.exitCode(false)).isZero();
    }

    @Test
    void theDefaultGatewayOnTheContainerRootNextToFleetInstancesIsMixedRootState() throws Exception {
        write("ai.openclaw.gateway", directForm("ai.openclaw.gateway", 18789, root.resolve("logs")));
        Files.createDirectories(root.resolve(".openclaw-luca"));
        Report report = audit();
        assertThat(of(report, "mixed-root-state")).singleElement().satisfies(f -> {
            assertThat(f.instances()).containsExactly("gateway");
            assertThat(f.message()).contains("is the state dir of gateway (" + agents.resolve("ai.openclaw.gateway.plist") + ")");
        });
    }

    @Test
    void aProfileInstallResolvesToItsProfileDirAndItsConfigIsRead() throws Exception {
        write("ai.openclaw.work", directForm("ai.openclaw.work", 19001, home.resolve(".openclaw-work/logs")));
        Report report = audit();
        Instance work = instance(report, "work");
        assertThat(work.kind()).isEqualTo(JobKind.OPENCLAW);
        assertThat(work.stateDir()).isEqualTo(home.resolve(".openclaw-work"));
        assertThat(of(report, "state-dir-missing")).singleElement().satisfies(f -> assertThat(f.instances()).containsExactly("work"));
        assertThat(of(report, "label-invalid")).isEmpty();
        assertThat(of(report, "state-dir-env")).isEmpty();
        assertThat(of(report, "log-path")).isEmpty();
    }

    @Test
    void homeComesFromTheJobsEnvironmentBeforeThePlistsLocation() throws Exception {
        Map<String, Object> plist = directForm("ai.openclaw.work", 19001, home.resolve("logs"));
        @SuppressWarnings("unchecked")
        Map<String, Object> env = (Map<String, Object>) plist.get("EnvironmentVariables");
        env.put("HOME", "/Users/other");
        env.put("OPENCLAW_PROFILE", "night");
        write("ai.openclaw.work", plist);
        assertThat(instance(audit(), "work").stateDir()).isEqualTo(Path.of("/Users/other/.openclaw-night"));
        env.remove("HOME");
        env.remove("OPENCLAW_PROFILE");
        write("ai.openclaw.work", plist);
        assertThat(instance(audit(), "work").stateDir()).isEqualTo(home.resolve(".openclaw-work"));
    }

    @Test
    void theWrapperFirstFormReadsItsServiceEnvFile() throws Exception {
        Path state = home.resolve(".openclaw-work");
        Path envFile = state.resolve("service-env/ai.openclaw.work.env");
        FleetFixture.write(envFile, "# Generated by OpenClaw. Do not edit while the gateway service is installed.\n"
                + "export OPENCLAW_STATE_DIR='" + state + "'\nexport OPENCLAW_GATEWAY_PORT='19001'\n", "rw-------");
        config(state, "b".repeat(48));
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("Label", "ai.openclaw.work");
        p.put("RunAtLoad", true);
        p.put("KeepAlive", true);
        p.put("ProgramArguments", List.of(state.resolve("service-env/ai.openclaw.work-env-wrapper.sh").toString(), envFile.toString(),
                NODE, ENTRY, "gateway", "--port", "19001"));
        p.put("StandardOutPath", home.resolve("Library/Logs/openclaw/gateway-work.log").toString());
        p.put("StandardErrorPath", home.resolve("Library/Logs/openclaw/gateway-work.log").toString());
        write("ai.openclaw.work", p);
        Report report = audit();
        Instance work = instance(report, "work");
        assertThat(work.kind()).isEqualTo(JobKind.OPENCLAW);
        assertThat(work.command().form()).isEqualTo(dev.openclawfleet.model.GatewayCommand.Form.OPENCLAW_WRAPPER_FIRST);
        assertThat(work.stateDir()).isEqualTo(state);
        assertThat(about(report, "work")).extracting(Finding::rule).containsExactly("program-arguments");
        assertThat(report.exitCode(false)).isZero();

        // The same env file without OpenClaw's first line: the wrapper exits 78.
        FleetFixture.write(envFile, "export OPENCLAW_STATE_DIR='" + state + "'\n", "rw-------");
        assertThat(of(audit(), "service-env-invalid")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.message()).contains(envFile.toString()).contains("does not start with the line OpenClaw generates")
                    .contains("exits 78");
        });
        Files.delete(envFile);
        assertThat(of(audit(), "service-env-invalid")).singleElement().satisfies(f -> assertThat(f.message()).contains("does not exist"));
    }

    @Test
    void theLaunchDaemonFormIsOpenClawsWithItsCustomStateDir() throws Exception {
        Path state = root.resolve("state");
        config(state, "c".repeat(48));
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("OPENCLAW_STATE_DIR", state.toString());
        env.put("OPENCLAW_CONFIG_PATH", state.resolve("openclaw.json").toString());
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("Label", "ai.openclaw.gateway");
        p.put("UserName", "openclaw");
        p.put("GroupName", "staff");
        p.put("RunAtLoad", true);
        p.put("KeepAlive", true);
        p.put("ProgramArguments", List.of(NODE, ENTRY, "gateway", "--port", "18789", "--bind", "loopback"));
        p.put("EnvironmentVariables", env);
        p.put("StandardOutPath", "/var/log/openclaw/gateway.log");
        p.put("StandardErrorPath", "/var/log/openclaw/gateway.err.log");
        write("ai.openclaw.gateway", p);
        Report report = audit();
        Instance gateway = instance(report, "gateway");
        assertThat(gateway.kind()).isEqualTo(JobKind.OPENCLAW);
        assertThat(gateway.stateDir()).isEqualTo(state);
        assertThat(gateway.port()).isEqualTo(18789);
        assertThat(about(report, "gateway")).extracting(Finding::rule).containsExactly("program-arguments");
    }

    @Test
    void aUserWrapperIsOpenClawsAndItsSecretsFileFeedsTheConfigsVariables() throws Exception {
        Path state = home.resolve(".openclaw-ops");
        Files.createDirectories(state);
        Files.setPosixFilePermissions(state, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        FleetFixture.write(state.resolve("openclaw.json"),
                "{gateway: {mode: 'local', auth: {mode: 'token', token: '${OPS_GATEWAY_TOKEN}'}}}", "rw-------");
        Path secrets = FleetFixture.write(home.resolve("bin/secrets.env"), "OPS_GATEWAY_TOKEN=" + "d".repeat(48) + "\n", "rw-------");
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("Label", "ai.openclaw.ops");
        p.put("RunAtLoad", true);
        p.put("KeepAlive", true);
        p.put("ProgramArguments", List.of(home.resolve("bin/run_with_env.sh").toString(), secrets.toString(), "--", "node", ENTRY,
                "gateway", "--port", "19101"));
        p.put("StandardErrorPath", home.resolve("logs/ops.err.log").toString());
        p.put("StandardOutPath", home.resolve("logs/ops.log").toString());
        write("ai.openclaw.ops", p);
        Report report = audit();
        Instance ops = instance(report, "ops");
        assertThat(ops.kind()).isEqualTo(JobKind.OPENCLAW);
        assertThat(ops.command().form()).isEqualTo(dev.openclawfleet.model.GatewayCommand.Form.USER_WRAPPER);
        assertThat(ops.stateDir()).isEqualTo(state);
        assertThat(about(report, "ops")).extracting(Finding::rule).containsExactly("program-arguments");
        assertThat(about(report, "ops").get(0).message()).contains("run_with_env.sh");

        Files.writeString(secrets, "OTHER=1\n");
        assertThat(of(audit(), "config-env-missing")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.message()).contains("${OPS_GATEWAY_TOKEN} (gateway.auth.token)");
        });
    }

    @Test
    void legacyLabels() throws Exception {
        for (String label : List.of("com.openclaw.gateway", "bot.molt.gateway", "bot.molt.work", "com.clawdbot.gateway-runner.main")) {
            write(label, directForm(label, 18789, home.resolve("logs")));
        }
        Report report = audit();
        assertThat(report.instances()).hasSize(4).allSatisfy(i -> assertThat(i.kind()).isEqualTo(JobKind.LEGACY));
    }

    @Test
    void helperJobsAreNotGatewaysButAreReported() throws Exception {
        Map<String, Object> hourly = new LinkedHashMap<>();
        hourly.put("Label", "ai.openclaw.backup");
        hourly.put("ProgramArguments", List.of("/bin/bash", home.resolve(".openclaw/scripts/backup.sh").toString()));
        hourly.put("StartInterval", 3600L);
        hourly.put("RunAtLoad", false);
        write("ai.openclaw.backup", hourly);
        Map<String, Object> weekly = new LinkedHashMap<>();
        weekly.put("Label", "ai.openclaw.digest");
        weekly.put("ProgramArguments", List.of("/opt/homebrew/bin/uv", "run", "--project", home.resolve("digest").toString(), "digest.py"));
        weekly.put("StartCalendarInterval", Map.of("Weekday", 1L, "Hour", 9L));
        write("ai.openclaw.digest", weekly);
        Map<String, Object> proxy = new LinkedHashMap<>();
        proxy.put("Label", "ai.openclaw.proxy");
        proxy.put("ProgramArguments", List.of(NODE, home.resolve("proxy/server.js").toString()));
        proxy.put("KeepAlive", true);
        proxy.put("RunAtLoad", true);
        write("ai.openclaw.proxy", proxy);
        Map<String, Object> nodeHost = new LinkedHashMap<>();
        nodeHost.put("Label", "ai.openclaw.node");
        nodeHost.put("ProgramArguments", List.of(NODE, ENTRY, "node", "run", "--host", "127.0.0.1", "--port", "18789"));
        nodeHost.put("KeepAlive", true);
        nodeHost.put("RunAtLoad", true);
        write("ai.openclaw.node", nodeHost);
        write("ai.openclaw.gateway", directForm("ai.openclaw.gateway", 18789, root.resolve("logs")));
        config(root, "e".repeat(48));

        Report report = audit();
        assertThat(report.instances()).extracting(Instance::name).containsExactly("gateway");
        assertThat(of(report, "helper-job")).hasSize(4).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.INFO));
        assertThat(of(report, "helper-job")).extracting(Finding::message).satisfiesExactlyInAnyOrder(
                m -> assertThat(m).startsWith("ai.openclaw.backup is not a gateway: a job of its own; runs `/bin/bash ")
                        .endsWith("every 3600 s (StartInterval)"),
                m -> assertThat(m).contains("ai.openclaw.digest").contains("`/opt/homebrew/bin/uv run")
                        .endsWith("on a calendar schedule (StartCalendarInterval)"),
                m -> assertThat(m).contains("ai.openclaw.proxy").endsWith("kept alive by launchd, at load"),
                m -> assertThat(m).startsWith("ai.openclaw.node is not a gateway: OpenClaw's node host, a client of the gateway on port 18789"));
        assertThat(report.findings()).extracting(Finding::rule)
                .doesNotContain("keep-alive", "run-at-load", "state-dir-env", "duplicate-port", "port-invalid")
                .containsOnly("helper-job", "program-arguments");
        assertThat(of(report, "program-arguments")).singleElement().satisfies(f -> {
            assertThat(f.instances()).containsExactly("gateway");
            assertThat(f.severity()).isEqualTo(Severity.INFO);
        });
        assertThat(report.exitCode(true)).isZero();
    }

    @Test
    void aBrokenFleetPlistWithoutItsSubcommandIsStillAGateway() throws Exception {
        FleetFixture fleet = FleetFixture.in(tmp.resolve("fleet"));
        fleet.instance("luca", 18789).args(NODE, ENTRY, "--port", "18789").write();
        Report report = fleet.lint();
        assertThat(report.instances()).extracting(Instance::name).containsExactly("luca");
        assertThat(of(report, "program-arguments")).singleElement().satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.ERROR));
    }
}
