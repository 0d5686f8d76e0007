package dev.openclawfleet.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openclawfleet.model.Finding;
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
