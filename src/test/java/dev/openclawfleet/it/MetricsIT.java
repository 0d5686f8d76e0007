package dev.openclawfleet.it;

import dev.openclawfleet.testing.CliRun;
import dev.openclawfleet.testing.FleetFixture;
import dev.openclawfleet.testing.Promtool;
import dev.openclawfleet.testing.StandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * `fleet metrics` on a live fleet: real gateways started by the launchctl stand-in, real lsof and
 * ps; the exposition checked by promtool; --serve scraped over HTTP from the jar, stopped by
 * SIGTERM; and no token in any output, whatever the configs, environments and err logs hold.
 */
@Timeout(180)
class MetricsIT {
    static final Duration WAIT = Duration.ofSeconds(30);
    static final Pattern SERVING = Pattern.compile("serving http://127\\.0\\.0\\.1:(\\d+)/metrics");
    static final Pattern AUDITED_AT = Pattern.compile("(?m)^openclaw_fleet_audit_timestamp_seconds (\\S+)$");

    @TempDir
    Path tmp;
    StandIn launchd;
    FleetFixture fleet;
    int luca;
    int critic;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void twoRunningGateways() throws Exception {
        launchd = new StandIn(tmp);
        fleet = FleetFixture.withFakeGateway(tmp);
        luca = StandIn.freePorts(2);
        critic = luca + 20;
        launchd.bootstrap(fleet.instance("luca", luca).write());
        launchd.bootstrap(fleet.instance("critic", critic).write());
        StandIn.await(WAIT, "both listening", () -> StandIn.listening(luca) && StandIn.listening(critic));
    }

    @AfterEach
    void tearDown() throws Exception {
        launchd.close();
    }

    private String[] args(String... more) {
        List<String> out = new ArrayList<>(List.of("metrics", "--agents-dir", fleet.agents.toString(), "--root", fleet.root.toString()));
        out.addAll(List.of(more));
        return out.toArray(String[]::new);
    }

    private static String series(String name, String instance, int port) {
        return "openclaw_fleet_" + name + "{instance=\"" + instance + "\",label=\"ai.openclaw." + instance + "\",port=\"" + port + "\"}";
    }

    /** What `fleet stop` leaves once it disables as well as boots out (issue 7). */
    private void stopOnPurpose(String name) throws Exception {
        assertThat(launchd.launchctl("bootout", launchd.gui() + "/ai.openclaw." + name).exitCode()).isZero();
        assertThat(launchd.launchctl("disable", launchd.gui() + "/ai.openclaw." + name).exitCode()).isZero();
    }

    @Test
    void liveMetricsOfARunningAndAStoppedInstancePassPromtool() throws Exception {
        stopOnPurpose("critic");
        CliRun.Result r = launchd.cli().run(args());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out())
                .contains(series("instance_loaded", "luca", luca) + " 1\n")
                .contains(series("instance_running", "luca", luca) + " 1\n")
                .contains(series("instance_listening", "luca", luca) + " 1\n")
                .contains(series("instance_runs_total", "luca", luca) + " 1\n")
                .containsPattern(Pattern.quote(series("instance_uptime_seconds", "luca", luca)) + " \\d+\n")
                .contains(series("instance_healthy", "luca", luca) + " 1\n")
                .contains(series("instance_loaded", "critic", critic) + " 0\n")
                .contains(series("instance_disabled", "critic", critic) + " 1\n")
                .contains(series("instance_stopped", "critic", critic) + " 1\n")
                .contains("openclaw_fleet_instances_running 1\n")
                .contains("openclaw_fleet_findings{rule=\"stopped\",severity=\"info\"} 1\n")
                .contains("openclaw_fleet_audit_live 1\n").contains("openclaw_fleet_audit_success 1\n");
        Promtool.Result check = Promtool.checkMetrics(r.out());
        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(check.output()).isEmpty();
    }

    private HttpResponse<String> send(int port, String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).method(method, HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String auditedAt(String text) {
        Matcher m = AUDITED_AT.matcher(text);
        return m.find() ? m.group(1) : "";
    }

    @Test
    void serveAnswersScrapesWithFreshCachedAuditsAndStopsCleanlyOnSigterm() throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                Processes.jar().toString()));
        command.addAll(List.of(args("--serve", "127.0.0.1:0", "--cache-seconds", "3")));
        ProcessBuilder builder = new ProcessBuilder(command).directory(tmp.toFile());
        builder.environment().clear();
        builder.environment().putAll(launchd.env());
        Process server = builder.start();
        server.getOutputStream().close();
        List<String> stderr = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread errReader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(server.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    stderr.add(line);
                }
            } catch (java.io.IOException ignored) {
                // the process is gone
            }
        });
        errReader.start();
        CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(server.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (Exception e) {
                return "";
            }
        });
        try {
            StandIn.await(Duration.ofSeconds(60), "the serving line", () -> !stderr.isEmpty());
            Matcher m = SERVING.matcher(stderr.get(0));
            assertThat(m.find()).as(stderr.get(0)).isTrue();
            int port = Integer.parseInt(m.group(1));

            HttpResponse<String> scrape = send(port, "GET", "/metrics");
            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
            assertThat(scrape.body()).contains(series("instance_running", "luca", luca) + " 1\n");
            assertThat(Promtool.checkMetrics(scrape.body()).output()).isEmpty();
            assertThat(send(port, "GET", "/healthz").body()).isEqualTo("ok\n");
            assertThat(send(port, "GET", "/").statusCode()).isEqualTo(404);
            assertThat(send(port, "POST", "/metrics").statusCode()).isEqualTo(405);

            // A scrape after the cache window audits afresh; one right after it gets that same audit.
            Thread.sleep(3100);
            HttpResponse<String> audited = send(port, "GET", "/metrics");
            long receivedAt = System.nanoTime();
            HttpResponse<String> again = send(port, "GET", "/metrics");
            if (System.nanoTime() - receivedAt < Duration.ofMillis(1500).toNanos()) {
                assertThat(auditedAt(again.body())).isEqualTo(auditedAt(audited.body()));
            }
            assertThat(auditedAt(audited.body())).isNotEqualTo(auditedAt(scrape.body()));
            stopOnPurpose("luca");
            Thread.sleep(3100);
            HttpResponse<String> fresh = send(port, "GET", "/metrics");
            assertThat(auditedAt(fresh.body())).isNotEqualTo(auditedAt(audited.body()));
            assertThat(fresh.body()).contains(series("instance_loaded", "luca", luca) + " 0\n")
                    .contains(series("instance_stopped", "luca", luca) + " 1\n");

            server.toHandle().destroy(); // SIGTERM (Process.destroy() would also close our end of its stderr)
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(server.exitValue()).as("the JVM's exit status after SIGTERM").isEqualTo(143);
            errReader.join(10_000);
            assertThat(String.join("\n", stderr)).contains("fleet metrics: stopped serving http://127.0.0.1:" + port);
            assertThat(stdout.get(10, TimeUnit.SECONDS)).isEmpty();
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                throw new AssertionError("port " + port + " still open after SIGTERM");
            } catch (java.io.IOException expected) {
                assertThat(expected).isNotNull();
            }
        } finally {
            server.destroyForcibly();
        }
    }

    @Test
    void noTokenInAnyOutputOfMetricsWhateverConfigsEnvironmentsAndErrLogsHold() throws Exception {
        String inline = "inline0token0bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
        int third = StandIn.freePort();
        launchd.bootstrap(fleet.instance("inline", third).env("OPENCLAW_GATEWAY_TOKEN", inline).write());
        StandIn.await(WAIT, "inline listening", () -> StandIn.listening(third));
        List<String> tokens = List.of(FleetFixture.tokenFor("luca"), FleetFixture.tokenFor("critic"), FleetFixture.tokenFor("inline"), inline);
        // A gateway that prints its token in its err log (the crash-loop rule quotes the last line).
        Files.writeString(fleet.layout.stderrLog("critic"), "auth failed for token " + tokens.get(1) + " and " + inline + "\n",
                java.nio.file.StandardOpenOption.APPEND);
        stopOnPurpose("luca");

        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path osaLog = tmp.resolve("osascript.log");
        Files.writeString(bin.resolve("osascript"), "#!/bin/sh\nprintf '%s\\n' \"$@\" >> '" + osaLog + "'\n");
        Files.setPosixFilePermissions(bin.resolve("osascript"), PosixFilePermissions.fromString("rwxr-xr-x"));
        CliRun cli = launchd.cli().env("PATH", bin + ":" + launchd.env().get("PATH"));
        Path textDir = Files.createDirectories(tmp.resolve("textfile"));

        List<String> outputs = new ArrayList<>();
        for (CliRun.Result r : List.of(cli.run(args()), cli.run(args("--format", "json")), cli.run(args("--textfile", textDir.toString(), "--notify")),
                cli.run(args("--offline")), cli.run(args("--stacktrace", "--format", "json", "--offline")))) {
            outputs.add(r.all());
        }
        outputs.add(Files.readString(textDir.resolve("openclaw_fleet.prom")));
        outputs.add(Files.readString(osaLog));
        outputs.add(Files.readString(fleet.root.resolve(".fleet/health.json")));
        // luca was stopped on purpose: an info, not a reason to call it unhealthy.
        assertThat(String.join("", outputs)).contains("Fleet health: inline is unhealthy (inline-secret)")
                .doesNotContain("luca is unhealthy");
        try (dev.openclawfleet.serve.MetricsServer server = dev.openclawfleet.monitor.MetricsExport.serve(
                new dev.openclawfleet.monitor.MetricsExport.Request(fleet.agents, fleet.root, FleetFixture.UID,
                        new dev.openclawfleet.app.Audit.LiveOptions(false, "gui", Duration.ofSeconds(10), dev.openclawfleet.model.LiveThresholds.DEFAULT,
                                launchd.env()), "t", dev.openclawfleet.monitor.MetricsExport.Format.PROMETHEUS),
                dev.openclawfleet.serve.ServeAddress.parse("127.0.0.1:0"), Duration.ZERO, outputs::add)) {
            outputs.add(send(server.address().getPort(), "GET", "/metrics").body());
        }
        for (String out : outputs) {
            for (String token : tokens) {
                assertThat(out).doesNotContain(token.substring(0, 24)).doesNotContain(token.substring(40));
            }
            assertThat(out).doesNotContain("sha256:");
        }
    }
}
