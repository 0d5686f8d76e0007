package dev.openclawfleet.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.openclawfleet.model.FleetException;

import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * `fleet metrics --serve`: the JDK's own HTTP server with exactly two resources, {@code /metrics}
 * (a page from the supplier, which runs the audit) and {@code /healthz} (the server is up). Only
 * GET and HEAD; any other path is 404, any other method 405 with an Allow header.
 */
public final class MetricsServer implements AutoCloseable {
    /**
     * At most this many requests in flight. Threads are made on demand, so scrapes waiting for a
     * slow audit never leave /healthz without one; beyond the cap a connection is refused.
     */
    static final int MAX_THREADS = 32;
    static final String ALLOW = "GET, HEAD";

    /** A response body and its type. */
    public record Page(String contentType, byte[] body) {
        public static Page text(String contentType, String body) {
            return new Page(contentType, body.getBytes(StandardCharsets.UTF_8));
        }
    }

    private final HttpServer server;
    private final ExecutorService workers;
    private final CountDownLatch closed = new CountDownLatch(1);

    private MetricsServer(HttpServer server, ExecutorService workers) {
        this.server = server;
        this.workers = workers;
    }

    /** Binds and starts serving; {@code failure} gets one line when a scrape fails. */
    public static MetricsServer start(InetSocketAddress address, Supplier<Page> metrics, Consumer<String> failure) {
        HttpServer server;
        try {
            server = HttpServer.create(address, 32);
        } catch (BindException e) {
            throw FleetException.operational("cannot listen on " + ServeAddress.display(address) + ": " + e.getMessage()
                    + " (another program may use the port)");
        } catch (IOException e) {
            throw FleetException.operational("cannot listen on " + ServeAddress.display(address) + ": " + e.getMessage());
        }
        ExecutorService workers = new ThreadPoolExecutor(0, MAX_THREADS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "metrics-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(workers);
        // One context for "/": contexts match by prefix, and /metricsfoo must be a 404.
        server.createContext("/", exchange -> handle(exchange, metrics, failure));
        server.start();
        return new MetricsServer(server, workers);
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** Blocks until {@link #close()} was called (by the shutdown hook on SIGTERM or SIGINT). */
    public void awaitClose() throws InterruptedException {
        closed.await();
    }

    /** Stops accepting, lets a running exchange finish for up to a second, frees the port. */
    @Override
    public void close() {
        if (closed.getCount() == 0) {
            return;
        }
        server.stop(1);
        workers.shutdownNow();
        closed.countDown();
    }

    private static void handle(HttpExchange exchange, Supplier<Page> metrics, Consumer<String> failure) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            boolean known = "/metrics".equals(path) || "/healthz".equals(path);
            if (!known) {
                send(exchange, 404, Page.text("text/plain; charset=utf-8", "not found: this server has /metrics and /healthz\n"));
                return;
            }
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", ALLOW);
                send(exchange, 405, Page.text("text/plain; charset=utf-8", "method not allowed: use GET or HEAD\n"));
                return;
            }
            if (path.equals("/healthz")) {
                send(exchange, 200, Page.text("text/plain; charset=utf-8", "ok\n"));
                return;
            }
            Page page;
            try {
                page = metrics.get();
            } catch (RuntimeException e) {
                String line = e instanceof FleetException ? e.getMessage() : "unexpected " + e.getClass().getSimpleName();
                failure.accept("scrape failed: " + line);
                send(exchange, 500, Page.text("text/plain; charset=utf-8", "the audit failed: " + line + "\n"));
                return;
            }
            send(exchange, 200, page);
        }
    }

    private static void send(HttpExchange exchange, int status, Page page) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", page.contentType());
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        if (exchange.getRequestMethod().equals("HEAD")) {
            // The JDK sends no body for HEAD; the length says what GET would send.
            exchange.getResponseHeaders().set("Content-Length", Integer.toString(page.body().length));
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, page.body().length);
        try (OutputStream body = exchange.getResponseBody()) {
            body.write(page.body());
        }
    }
}
