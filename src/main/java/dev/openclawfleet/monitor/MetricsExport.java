package dev.openclawfleet.monitor;

import dev.openclawfleet.app.Audit;
import dev.openclawfleet.app.HostsAudit;
import dev.openclawfleet.audit.rules.HostUnreachable;
import dev.openclawfleet.remote.SshOptions;
import dev.openclawfleet.remote.SshTarget;
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

    /** What to audit and how: the same inputs as `fleet audit`; {@code remote} null for this Mac. */
    public record Request(Path agentsDir, Path root, long uid, Audit.LiveOptions live, String version, Format format, Remote remote) {
        public Request(Path agentsDir, Path root, long uid, Audit.LiveOptions live, String version, Format format) {
            this(agentsDir, root, uid, live, version, format, null);
        }
    }

    /** Other Macs to read over SSH instead of this one: the targets, how to reach them, the root and agents dir as typed (or null). */
    public record Remote(List<SshTarget> targets, SshOptions ssh, String root, String agentsDir) {
    }

    private MetricsExport() {
    }

    public static AuditRun audit(Request r) {
        return Metrics.audit(r.agentsDir(), r.root(), r.uid(), r.live(), r.version());
    }

    /** This Mac's audit, or one per Mac given (a Mac that could not be read is a run with its host-unreachable finding). */
    public static List<AuditRun> audits(Request r) {
        if (r.remote() == null) {
            return List.of(audit(r));
        }
        return HostsAudit.runTimed(new HostsAudit.Request(r.remote().targets(), r.remote().ssh(), r.remote().root(), r.remote().agentsDir(),
                        java.util.Set.of(), r.live())).stream()
                .map(t -> new AuditRun(t.report().report(), t.took(), t.finishedAt(), t.live() && t.report().reached(), t.report().host(),
                        r.version()))
                .toList();
    }

    public static String render(AuditRun run, Format format) {
        return render(List.of(run), format);
    }

    public static String render(List<AuditRun> runs, Format format) {
        return format == Format.JSON ? MetricsJson.render(FleetMetrics.of(runs)) : PrometheusText.render(FleetMetrics.of(runs));
    }

    /** One run: to stdout, or into {@code DIR/openclaw_fleet.prom}; then the notification check. Returns the exit code. */
    public static int once(Request r, Path textfileDir, boolean notify, PrintStream out, Consumer<String> err) {
        List<AuditRun> runs = audits(r);
        String text = render(runs, textfileDir != null ? Format.PROMETHEUS : r.format());
        if (textfileDir != null) {
            Metrics.writeTextfile(textfileDir, text);
        } else {
            out.print(text);
            out.flush();
        }
        runs.forEach(run -> problems(run, err));
        if (notify && r.remote() == null) {
            Notifier.notifyChanges(r.root(), r.uid(), runs.get(0), new ProcessRunner(r.live().env()), r.live().timeout(), err);
        }
        return runs.stream().allMatch(AuditRun::complete) ? ExitCodes.OK : ExitCodes.OPERATIONAL;
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
            List<AuditRun> runs = audits(r);
            List<String> now = runs.stream().flatMap(run -> problemLines(run).stream()).toList();
            // Each problem is reported when it appears, not on every scrape.
            if (!now.equals(lastProblems.getAndSet(now))) {
                now.forEach(p -> err.accept(Text.printable(p, 500)));
            }
            return MetricsServer.Page.text(type, render(runs, r.format()));
        }, cache, System::nanoTime);
        return MetricsServer.start(at.socket(), pages::get, err);
    }

    private static void problems(AuditRun run, Consumer<String> err) {
        problemLines(run).forEach(p -> err.accept(Text.printable(p, 500)));
    }

    /** A run's problems, and for another Mac why it could not be read; led by {@code [host]} for another Mac. */
    private static List<String> problemLines(AuditRun run) {
        List<String> out = new java.util.ArrayList<>();
        String tag = run.host() == null ? "" : "[" + run.host() + "] ";
        run.report().findings().stream().filter(f -> f.rule().equals(HostUnreachable.INFO.id())).forEach(f -> out.add(f.message()));
        run.report().problems().forEach(p -> out.add(tag + p));
        return out;
    }
}
