package dev.openclawfleet.serve;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP side of --serve over real sockets on 127.0.0.1: paths, methods, one audit at a time, shared results. */
@Timeout(60)
class MetricsServerTest {
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final List<String> failures = new CopyOnWriteArrayList<>();
    final AtomicInteger audits = new AtomicInteger();
    MetricsServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private MetricsServer start(java.util.function.Supplier<MetricsServer.Page> pages) {
        server = MetricsServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), pages, failures::add);
        return server;
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.address().getPort() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(30)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private MetricsServer.Page page() {
        return MetricsServer.Page.text("text/plain; version=0.0.4; charset=utf-8", "x_up " + audits.incrementAndGet() + "\n");
    }

    @Test
    void metricsAndHealthzAnswerGetAndHead() throws Exception {
        start(this::page);
        HttpResponse<String> metrics = send("GET", "/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(metrics.body()).isEqualTo("x_up 1\n");
        assertThat(send("GET", "/metrics?debug=1").body()).isEqualTo("x_up 2\n");

        HttpResponse<String> head = send("HEAD", "/metrics");
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValue("Content-Length")).hasValue("7");

        HttpResponse<String> health = send("GET", "/healthz");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("ok\n");
        assertThat(send("HEAD", "/healthz").statusCode()).isEqualTo(200);
        assertThat(audits).as("/healthz and HEAD /healthz run no audit").hasValue(3);
    }

    @Test
    void otherPathsAre404AndOtherMethods405WithAllow() throws Exception {
        start(this::page);
        for (String path : List.of("/", "/metricsfoo", "/metrics/", "/healthz/x", "/favicon.ico", "/../metrics")) {
            assertThat(send("GET", path).statusCode()).as(path).isEqualTo(404);
        }
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH", "OPTIONS")) {
            for (String path : List.of("/metrics", "/healthz")) {
                HttpResponse<String> r = send(method, path);
                assertThat(r.statusCode()).as(method + " " + path).isEqualTo(405);
                assertThat(r.headers().firstValue("Allow")).hasValue("GET, HEAD");
            }
        }
        assertThat(audits).hasValue(0);
    }

    @Test
    void concurrentScrapesShareOneAuditAndNeverRunTwoAtOnce() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch firstStarted = new CountDownLatch(1);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        ScrapeCache<MetricsServer.Page> cache = new ScrapeCache<>(() -> {
            maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            firstStarted.countDown();
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            MetricsServer.Page p = page();
            running.decrementAndGet();
            return p;
        }, Duration.ZERO, System::nanoTime);
        start(cache::get);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<HttpResponse<String>>> scrapes = new ArrayList<>();
            scrapes.add(pool.submit(() -> send("GET", "/metrics")));
            assertThat(firstStarted.await(10, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 3; i++) {
                scrapes.add(pool.submit(() -> send("GET", "/metrics")));
            }
            // While the audit is held, /healthz still answers (a slow audit does not block it).
            assertThat(send("GET", "/healthz").statusCode()).isEqualTo(200);
            // Release the audit only once the three later scrapes wait for it.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (cache.waiting() < 3) {
                assertThat(System.nanoTime()).as("three scrapes waiting").isLessThan(deadline);
                Thread.sleep(20);
            }
            release.countDown();
            for (Future<HttpResponse<String>> f : scrapes) {
                HttpResponse<String> r = f.get(30, TimeUnit.SECONDS);
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.body()).isEqualTo("x_up 1\n");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(maxRunning).hasValue(1);
        assertThat(audits).as("one audit answered all four scrapes").hasValue(1);
    }

    @Test
    void aFailedAuditIs500WithOneLineAndTheServerGoesOn() throws Exception {
        start(() -> {
            if (audits.incrementAndGet() == 1) {
                throw new dev.openclawfleet.model.FleetException(3, "`launchctl print-disabled gui/501` did not answer within 10 s and was killed");
            }
            return MetricsServer.Page.text("text/plain", "x_up 1\n");
        });
        HttpResponse<String> failed = send("GET", "/metrics");
        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(failed.body()).isEqualTo("the audit failed: `launchctl print-disabled gui/501` did not answer within 10 s and was killed\n");
        assertThat(failures).containsExactly("scrape failed: `launchctl print-disabled gui/501` did not answer within 10 s and was killed");
        assertThat(send("GET", "/metrics").statusCode()).isEqualTo(200);
    }

    @Test
    void closeFreesThePort() throws Exception {
        start(this::page);
        int port = server.address().getPort();
        server.close();
        server.close();
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            throw new AssertionError("still listening on " + port);
        } catch (IOException expected) {
            assertThat(expected).isNotNull();
        }
        server.awaitClose();
    }

    @Test
    void aBusyPortIsOneClearLine() throws Exception {
        start(this::page);
        InetSocketAddress taken = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.address().getPort());
        try {
            MetricsServer.start(taken, this::page, failures::add).close();
            throw new AssertionError("bound twice");
        } catch (dev.openclawfleet.model.FleetException e) {
            assertThat(e.getMessage()).startsWith("cannot listen on 127.0.0.1:" + taken.getPort() + ": ").contains("another program");
        }
    }
}
