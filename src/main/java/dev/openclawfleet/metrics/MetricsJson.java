package dev.openclawfleet.metrics;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openclawfleet.render.Json;

import java.util.List;

/** The same families as JSON: `fleet metrics --format json` (schema in docs/commands/metrics.md). */
public final class MetricsJson {
    public static final int SCHEMA_VERSION = 1;

    private MetricsJson() {
    }

    public static String render(List<MetricFamily> families) {
        ObjectNode root = Json.object();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.put("command", "metrics");
        ArrayNode metrics = root.putArray("metrics");
        for (MetricFamily f : families) {
            ObjectNode n = metrics.addObject();
            n.put("name", f.name());
            n.put("type", f.type().id());
            n.put("help", f.help());
            ArrayNode samples = n.putArray("samples");
            for (Sample s : f.samples()) {
                ObjectNode sample = samples.addObject();
                ObjectNode labels = sample.putObject("labels");
                s.labels().forEach(labels::put);
                double v = s.value();
                if (v == Math.rint(v) && Math.abs(v) < 1e15) {
                    sample.put("value", (long) v);
                } else {
                    sample.put("value", v);
                }
            }
        }
        return Json.pretty(root);
    }
}
