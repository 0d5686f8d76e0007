package dev.openclawfleet.it;

import dev.openclawfleet.testing.CliRun;
import dev.openclawfleet.testing.FleetFixture;
import dev.openclawfleet.testing.StandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every path by which a token can reach a person, with live gateways: the live audit in all
 * formats, `logs` and `logs --err`, `status`, `list`, and add-instance and lifecycle failures,
 * against a gateway whose err log holds token-shaped lines (a fleet token, another instance's
 * short token, a Bearer value) and a squatter on an instance's port with a token in its argv.
 */
@Timeout(240)
class TokenLeakIT {
    /** Not hex, not long: only knowing it finds it. */
    static final String SHORT = "Pw-42.x!";
    static final String BEARER = "eyJhbGciOiJIUzI1NiJ9.bearer-secret";
    static final String SQUATTER_SECRET = "sq0secret0ffffffffffffffffffffffffffffffffffffffffffffffffffffff";

    @TempDir
    Path tmp;
    StandIn launchd;
    FleetFixture fleet;
    int base;
    Process squatter;

    @BeforeEach
    void setUp() throws Exception {
        launchd = new StandIn(tmp);
        fleet = FleetFixture.withFakeGateway(Files.createDirectories(tmp.resolve("fleet")));
        base = StandIn.freePorts(4);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (squatter != null) {
            squatter.destroyForcibly();
            squatter.waitFor(10, TimeUnit.SECONDS);
        }
        launchd.close();
    }

    private CliRun.Result fleet(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--root", fleet.root.toString(), "--agents-dir", fleet.agents.toString()));
        return launchd.cli().home(tmp).run(all.toArray(String[]::new));
    }

    @Test
    void noTokenReachesAnyOutput() throws Exception {
        Path crasher = Files.writeString(tmp.resolve("crasher.js"), "console.error('auth rejected: token=" + SHORT
                + " from peer; Authorization: Bearer " + BEARER + "; retry with " + SHORT + "'); process.exit(1);\n");
        // critic crash-loops, printing its own short token and a Bearer value as its last err line.
        Path critic = fleet.instance("critic", base + 20).args("/usr/bin/node", crasher.toString(), "gateway", "--port",
                Integer.toString(base + 20)).config(c -> c.withObjectProperty("gateway").withObjectProperty("auth").put("token", SHORT)).write();
        launchd.bootstrap(critic);
        // A squatter holds sq's port, a token in its argv; sq's gateway finds the port busy and loops.
        squatter = new ProcessBuilder("/usr/bin/node", "-e", "require('net').createServer().listen(" + (base + 40) + ",'127.0.0.1')",
                "--", "--token", SQUATTER_SECRET, SHORT).start();
        StandIn.await(Duration.ofSeconds(20), "the squatter to listen", () -> StandIn.listening(base + 40));
        launchd.bootstrap(fleet.instance("sq", base + 40).write());
        // luca is made by add-instance and healthy; then its err log gets token-shaped lines.
        CliRun.Result add = fleet("add-instance", "luca", "--entry", FleetFixture.FAKE_GATEWAY.toString(), "--port", Integer.toString(base));
        assertThat(add.exitCode()).as(add.all()).isIn(0, 1);
        String lucaToken = new com.fasterxml.jackson.databind.ObjectMapper().readTree(fleet.layout.configPath("luca").toFile())
                .path("gateway").path("auth").path("token").asText();
        Files.writeString(fleet.layout.stderrLog("luca"), "client sent token " + lucaToken + " and " + SHORT
                + "\nAuthorization: Bearer " + BEARER + "\n\u001b[2Jcleared\n", java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
        StandIn.await(Duration.ofSeconds(60), "critic to crash-loop", () -> {
            try {
                return launchd.runs("ai.openclaw.critic") >= 4;
            } catch (Exception e) {
                return false;
            }
        });

        List<CliRun.Result> results = new ArrayList<>(List.of(add));
        for (String format : List.of("text", "json", "sarif", "github")) {
            results.add(fleet("audit", "--format", format));
        }
        CliRun.Result text = results.get(1);
        assertThat(text.out()).as("the paths under test are exercised").contains("crash-loop").contains("port-taken")
                .contains("auth rejected").contains("--token ***");
        for (String name : List.of("luca", "critic", "sq")) {
            results.add(fleet("status", name));
            results.add(fleet("logs", name, "--err", "-n", "50"));
            results.add(fleet("logs", name, "-n", "50"));
        }
        results.add(fleet("list"));
        results.add(fleet("list", "--format", "json"));
        results.add(fleet("restart", "critic", "--wait", "2"));
        results.add(fleet("start", "critic", "--wait", "2"));
        CliRun.Result failedAdd = fleet("add-instance", "bad", "--entry", crasher.toString(), "--port", Integer.toString(base + 60), "--wait", "3");
        assertThat(failedAdd.exitCode()).isNotZero();
        assertThat(failedAdd.err()).contains("last lines of").contains("auth rejected");
        results.add(failedAdd);

        CliRun.Result lucaErr = fleet("logs", "luca", "--err", "-n", "50");
        assertThat(lucaErr.out()).contains("client sent token sha256:").contains("and ***").contains("Bearer ***")
                .contains("\\u001b[2Jcleared").doesNotContain("\u001b");

        for (CliRun.Result r : results) {
            for (String secret : List.of(lucaToken, SHORT, BEARER, SQUATTER_SECRET, lucaToken.substring(0, 16), "bearer-secret")) {
                assertThat(r.all()).as(r.all()).doesNotContain(secret);
            }
        }
    }
}
