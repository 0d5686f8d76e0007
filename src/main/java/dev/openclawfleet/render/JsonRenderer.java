package dev.openclawfleet.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.HostReport;
import dev.openclawfleet.model.HostsReport;
import dev.openclawfleet.model.Instance;
import dev.openclawfleet.model.LiveStatus;
import dev.openclawfleet.model.Report;
import dev.openclawfleet.model.Severity;

import java.util.function.Consumer;

/** The JSON report described in docs/json-output.md (schemaVersion 1), built from the schemas below. */
public final class JsonRenderer implements Renderer {
    public static final int SCHEMA_VERSION = 1;

    /** launchd's and the system's view of one instance: the `live` object. */
    public static final JsonSchema<LiveStatus> LIVE = JsonSchema.<LiveStatus>of("live")
            .boolOrNull("loaded", LiveStatus::loaded)
            .stringOrNull("state", LiveStatus::state)
            .integerOrNull("pid", LiveStatus::pid)
            .integerOrNull("runs", LiveStatus::runs)
            .integerOrNull("lastExitCode", LiveStatus::lastExitCode)
            .stringOrNull("lastSignal", LiveStatus::lastSignal)
            .boolOrNull("listening", LiveStatus::listening)
            .integerOrNull("uptimeSeconds", LiveStatus::uptimeSeconds)
            .stringOrNull("status", s -> s.status() == null ? null : s.status().id())
            .integerOrNull("listenerPid", LiveStatus::listenerPid)
            .boolOrNull("listenerIsJob", LiveStatus::listenerIsJob)
            .build();

    /** One finding. */
    public static final JsonSchema<Finding> FINDING = JsonSchema.<Finding>of("finding")
            .stringOrNull("id", Finding::id)
            .string("rule", Finding::rule)
            .string("severity", f -> f.severity().id())
            .strings("instances", Finding::instances)
            .stringOrNull("path", Finding::path)
            .stringOrNull("key", f -> f.key() == null ? null : f.key().toString())
            .integerOrNull("line", f -> f.position() == null ? null : f.position().line())
            .integerOrNull("column", f -> f.position() == null || !f.position().hasColumn() ? null : f.position().column())
            .string("message", Finding::message)
            .string("fix", Finding::fix)
            .stringOrNull("causedBy", Finding::causedBy)
            .build();

    /** An instance with its live state when the report has one. */
    public record Entry(Instance instance, LiveStatus live) {
    }

    /** One instance of a report. */
    public static final JsonSchema<Entry> INSTANCE = JsonSchema.<Entry>of("instance")
            .string("name", e -> e.instance().name())
            .stringOrNull("label", e -> e.instance().label())
            .string("kind", e -> e.instance().kind().id())
            .string("plist", e -> e.instance().plistPath())
            .integerOrNull("port", e -> e.instance().port())
            .stringOrNull("stateDir", e -> e.instance().stateDir() == null ? null : e.instance().stateDir().toString())
            .optionalObject("live", LIVE, Entry::live)
            .build();

    /** The counts at the end of a report. */
    public static final JsonSchema<Report> SUMMARY = JsonSchema.<Report>of("summary")
            .integer("instances", r -> r.instances().size())
            .integer("errors", r -> r.count(Severity.ERROR))
            .integer("warnings", r -> r.count(Severity.WARNING))
            .integer("infos", r -> r.count(Severity.INFO))
            .integer("problems", r -> r.problems().size())
            .build();

    /** A report and the command that made it. */
    public record Document(Report report, String command) {
    }

    /** The whole report of `fleet lint` and `fleet audit`. */
    public static final JsonSchema<Document> REPORT = JsonSchema.<Document>of("report")
            .integer("schemaVersion", d -> SCHEMA_VERSION)
            .string("command", Document::command)
            .objects("instances", INSTANCE, d -> entries(d.report()))
            .objects("findings", FINDING, d -> d.report().findings())
            .strings("notes", d -> d.report().notes())
            .strings("problems", d -> d.report().problems())
            .object("summary", SUMMARY, Document::report)
            .build();

    @Override
    public String render(Report report, RenderOptions options) {
        return Json.pretty(g -> REPORT.stream(g, new Document(report, options.command())));
    }

    /** The same JSON, streamed to {@code sink} a piece at a time. */
    @Override
    public void render(Report report, RenderOptions options, Consumer<String> sink) {
        Json.stream(g -> REPORT.stream(g, new Document(report, options.command())), sink);
    }

    /**
     * Several Macs in one document: the same keys as for one, plus a {@code hosts} array (each
     * host's name, whether it was reached, why not, and its counts) and a {@code host} on every
     * instance and finding; notes and problems start with {@code [host]}.
     */
    @Override
    public String render(HostsReport report, RenderOptions options) {
        return Json.pretty(toJson(report, options));
    }

    public static ObjectNode toJson(HostsReport report, RenderOptions options) {
        ObjectNode root = Json.object();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.put("command", options.command());
        ArrayNode hosts = root.putArray("hosts");
        for (HostReport h : report.hosts()) {
            ObjectNode n = hosts.addObject();
            n.put("host", h.host());
            n.put("reachable", h.reached());
            n.put("error", h.reason());
            n.put("instances", h.report().instances().size());
            n.put("errors", h.report().count(Severity.ERROR));
            n.put("warnings", h.report().count(Severity.WARNING));
            n.put("infos", h.report().count(Severity.INFO));
            n.put("problems", h.report().problems().size());
        }
        ArrayNode instances = root.putArray("instances");
        ArrayNode findings = root.putArray("findings");
        ArrayNode notes = root.putArray("notes");
        ArrayNode problems = root.putArray("problems");
        for (HostReport h : report.hosts()) {
            ObjectNode one = toJson(h.report(), options);
            one.get("instances").forEach(i -> instances.add(withHost(h.host(), (ObjectNode) i)));
            one.get("findings").forEach(f -> findings.add(withHost(h.host(), (ObjectNode) f)));
            h.report().notes().forEach(note -> notes.add("[" + h.host() + "] " + note));
            h.report().problems().forEach(problem -> problems.add("[" + h.host() + "] " + problem));
        }
        ObjectNode summary = root.putObject("summary");
        summary.put("hosts", report.hosts().size());
        summary.put("unreachable", report.unreachable());
        summary.put("instances", report.instances());
        summary.put("errors", report.count(Severity.ERROR));
        summary.put("warnings", report.count(Severity.WARNING));
        summary.put("infos", report.count(Severity.INFO));
        summary.put("problems", report.problems());
        return root;
    }

    /** {@code host} first, then the object's own keys. */
    private static ObjectNode withHost(String host, ObjectNode node) {
        ObjectNode out = Json.object();
        out.put("host", host);
        out.setAll(node);
        return out;
    }

    public static ObjectNode toJson(Report report, RenderOptions options) {
        return toJson(report, options.command());
    }

    public static ObjectNode toJson(Report report, String command) {
        return REPORT.write(new Document(report, command));
    }

    /** The report's instances, each with its live state when there is one. */
    public static java.util.List<Entry> entries(Report report) {
        return report.instances().stream().map(i -> new Entry(i, report.liveOf(i).orElse(null))).toList();
    }
}
