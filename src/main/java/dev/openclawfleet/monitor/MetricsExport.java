package dev.openclawfleet.monitor;

import dev.openclawfleet.app.Audit;
import dev.openclawfleet.app.Metrics;
import dev.openclawfleet.metrics.AuditRun;
import dev.openclawfleet.metrics.FleetMetrics;
import dev.openclawfleet.metrics.MetricsJson;
import dev.openclawfleet.metrics.PrometheusText;
import dev.openclawfleet.model.ExitCodes;
import dev.openclawfleet.model.Text;
import dev.openclawfleet.serve.MetricsServer;
import dev.openclawfleet.serve.ScrapeCache;
import dev.openclawfleet.serve.ServeAddress;
import dev.openclawfleet.system.ProcessRunner;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The `fleet metrics` operation: audit, render, and then print, write the textfile (and notify),
 * or serve over HTTP. Problems of an incomplete audit go to stderr, one line each; they do not
 * stop the metrics, which say so themselves ({@code openclaw_fleet_audit_success 0}).
 */
public final class MetricsExport {
    /** What the metrics are rendered as. */
    public enum Format {
        PROMETHEUS, JSON;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What to audit and how: the same inputs as `fleet audit`. */
    public record Request(Path agentsDir, Path root, long uid, Audit.LiveOptions live, String version, Format format) {
    }

    private MetricsExport() {
    }

    public static AuditRun audit(Request r) {
        return Metrics.audit(r.agentsDir(), r.root(), r.uid(), r.live(), r.version());
    }

    public static String render(AuditRun run, Format format) {
        return format == Format.JSON ? MetricsJson.render(FleetMetrics.of(run)) : PrometheusText.render(FleetMetrics.of(run));
    }

    /** One run: to stdout, or into {@code DIR/openclaw_fleet.prom}; then the notification check. Returns the exit code. */
    public static int once(Request r, Path textfileDir, boolean notify, PrintStream out, Consumer<String> err) {
        AuditRun run = audit(r);
        String text = render(run, textfileDir != null ? Format.PROMETHEUS : r.format());
        if (textfileDir != null) {
            Metrics.writeTextfile(textfileDir, text);
        } else {
            out.print(text);
            out.flush();
        }
        problems(run.report().problems(), err);
        if (notify) {
            Notifier.notifyChanges(r.root(), r.uid(), run, new ProcessRunner(r.live().env()), r.live().timeout(), err);
        }
        return run.complete() ? ExitCodes.OK : ExitCodes.OPERATIONAL;
    }

    /** Serves until the returned server is closed (the CLI closes it on SIGTERM or SIGINT). */
    public static MetricsServer serve(Request r, ServeAddress at, Duration cache, Consumer<String> err) {
        if (!at.loopback()) {
            err.accept("warning: serving on " + ServeAddress.display(at.socket()) + " reaches beyond this Mac: anyone who can"
                    + " connect can read the fleet's instance names, ports, states and findings");
        }
        AtomicReference<List<String>> lastProblems = new AtomicReference<>(List.of());
        String type = r.format() == Format.JSON ? "application/json" : PrometheusText.CONTENT_TYPE;
        ScrapeCache<MetricsServer.Page> pages = new ScrapeCache<>(() -> {
            AuditRun run = audit(r);
            // Each problem is reported when it appears, not on every scrape.
            if (!run.report().problems().equals(lastProblems.getAndSet(run.report().problems()))) {
                problems(run.report().problems(), err);
            }
            return MetricsServer.Page.text(type, render(run, r.format()));
        }, cache, System::nanoTime);
        return MetricsServer.start(at.socket(), pages::get, err);
    }

    private static void problems(List<String> problems, Consumer<String> err) {
        problems.forEach(p -> err.accept(Text.printable(p, 500)));
    }
}
