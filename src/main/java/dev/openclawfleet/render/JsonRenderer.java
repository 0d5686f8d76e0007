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

/** The JSON report described in docs/json-output.md (schemaVersion 1); keys always in the same order. */
public final class JsonRenderer implements Renderer {
    public static final int SCHEMA_VERSION = 1;

    @Override
    public String render(Report report, RenderOptions options) {
        return Json.pretty(toJson(report, options));
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
        ObjectNode root = Json.object();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.put("command", options.command());
        ArrayNode instances = root.putArray("instances");
        for (Instance i : report.instances()) {
            ObjectNode n = instance(i);
            report.liveOf(i).ifPresent(live -> n.set("live", live(live)));
            instances.add(n);
        }
        ArrayNode findings = root.putArray("findings");
        for (Finding f : report.findings()) {
            ObjectNode n = findings.addObject();
            n.put("id", f.id());
            n.put("rule", f.rule());
            n.put("severity", f.severity().id());
            ArrayNode names = n.putArray("instances");
            f.instances().forEach(names::add);
            n.put("path", f.path());
            n.put("key", f.key() == null ? null : f.key().toString());
            putNumber(n, "line", f.position() == null ? null : (long) f.position().line());
            putNumber(n, "column", f.position() == null || !f.position().hasColumn() ? null : (long) f.position().column());
            n.put("message", f.message());
            n.put("fix", f.fix());
            n.put("causedBy", f.causedBy());
        }
        ArrayNode notes = root.putArray("notes");
        report.notes().forEach(notes::add);
        ArrayNode problems = root.putArray("problems");
        report.problems().forEach(problems::add);
        ObjectNode summary = root.putObject("summary");
        summary.put("instances", report.instances().size());
        summary.put("errors", report.count(Severity.ERROR));
        summary.put("warnings", report.count(Severity.WARNING));
        summary.put("infos", report.count(Severity.INFO));
        summary.put("problems", report.problems().size());
        return root;
    }

    /** The `live` object: launchd's state of the job and whether its port listens. */
    static ObjectNode live(LiveStatus s) {
        ObjectNode n = Json.object();
        if (s.loaded() == null) {
            n.putNull("loaded");
        } else {
            n.put("loaded", s.loaded());
        }
        n.put("state", s.state());
        putNumber(n, "pid", s.pid() == null ? null : s.pid().longValue());
        putNumber(n, "runs", s.runs());
        putNumber(n, "lastExitCode", s.lastExitCode() == null ? null : s.lastExitCode().longValue());
        n.put("lastSignal", s.lastSignal());
        if (s.listening() == null) {
            n.putNull("listening");
        } else {
            n.put("listening", s.listening());
        }
        putNumber(n, "uptimeSeconds", s.uptimeSeconds());
        n.put("status", s.status() == null ? null : s.status().id());
        putNumber(n, "listenerPid", s.listenerPid());
        if (s.listenerIsJob() == null) {
            n.putNull("listenerIsJob");
        } else {
            n.put("listenerIsJob", s.listenerIsJob());
        }
        return n;
    }

    private static void putNumber(ObjectNode n, String key, Long value) {
        if (value == null) {
            n.putNull(key);
        } else {
            n.put(key, value);
        }
    }

    static ObjectNode instance(Instance i) {
        ObjectNode n = Json.object();
        n.put("name", i.name());
        n.put("label", i.label());
        n.put("kind", i.kind().id());
        n.put("plist", i.plistPath());
        if (i.port() == null) {
            n.putNull("port");
        } else {
            n.put("port", i.port());
        }
        n.put("stateDir", i.stateDir() == null ? null : i.stateDir().toString());
        return n;
    }
}
