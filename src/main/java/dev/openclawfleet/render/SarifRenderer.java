package dev.openclawfleet.render;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openclawfleet.audit.RuleCatalog;
import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.Position;
import dev.openclawfleet.model.ProductInfo;
import dev.openclawfleet.model.Report;
import dev.openclawfleet.model.RuleInfo;
import dev.openclawfleet.model.Severity;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * SARIF 2.1.0 for GitHub code scanning: the tool with its version and home page, every rule with
 * its help text and an absolute help link, one result per finding with a file location on the
 * line (and column) of the key it is about. Relative paths stay relative, so GitHub maps them into
 * the repository.
 */
public final class SarifRenderer implements Renderer {
    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

    private final ProductInfo product;

    public SarifRenderer() {
        this(ProductInfo.current());
    }

    public SarifRenderer(ProductInfo product) {
        this.product = product;
    }

    @Override
    public String render(Report report, RenderOptions options) {
        return Json.pretty(g -> write(g, report, options));
    }

    /** The same SARIF, streamed to {@code sink} a piece at a time: one result per finding, never one large tree. */
    @Override
    public void render(Report report, RenderOptions options, Consumer<String> sink) {
        Json.stream(g -> write(g, report, options), sink);
    }

    private void write(JsonGenerator g, Report report, RenderOptions options) throws IOException {
        List<RuleInfo> rules = RuleCatalog.all();
        Map<String, Integer> ruleIndex = new HashMap<>();
        for (int i = rules.size() - 1; i >= 0; i--) {
            ruleIndex.put(rules.get(i).id(), i); // the first rule of an id wins, as a search from the start would find
        }
        g.writeStartObject();
        g.writeStringField("$schema", SCHEMA);
        g.writeStringField("version", "2.1.0");
        g.writeArrayFieldStart("runs");
        g.writeStartObject();
        g.writeFieldName("tool");
        g.writeTree(tool(rules));
        g.writeArrayFieldStart("results");
        Map<String, String> uris = new HashMap<>();
        for (Finding f : report.findings()) {
            result(g, f, ruleIndex.get(f.rule()), uris);
        }
        g.writeEndArray();
        g.writeStringField("columnKind", "utf16CodeUnits");
        g.writeObjectFieldStart("properties");
        g.writeStringField("command", options.command());
        g.writeEndObject();
        g.writeEndObject();
        g.writeEndArray();
        g.writeEndObject();
    }

    /** The tool: its driver, with every rule. */
    private ObjectNode tool(List<RuleInfo> rules) {
        ObjectNode tool = Json.object();
        ObjectNode driver = tool.putObject("driver");
        driver.put("name", product.name());
        driver.put("version", product.version());
        driver.put("semanticVersion", product.version());
        if (!product.url().isEmpty()) {
            driver.put("informationUri", product.url());
        }
        ArrayNode ruleNodes = driver.putArray("rules");
        for (RuleInfo rule : rules) {
            ObjectNode r = ruleNodes.addObject();
            r.put("id", rule.id());
            String name = camel(rule.id());
            if (!name.equalsIgnoreCase(rule.id())) {
                r.put("name", name); // SARIF1001: a name equal to the id must be left out
            }
            r.putObject("shortDescription").put("text", rule.summary());
            r.putObject("fullDescription").put("text", rule.summary() + ".");
            ObjectNode help = r.putObject("help");
            String helpUri = product.ruleHelpUri(rule.id());
            if (!product.url().isEmpty()) {
                r.put("helpUri", helpUri);
            }
            help.put("text", "Fix: " + rule.fix() + ". See " + helpUri + ".");
            help.put("markdown", "**Fix:** " + rule.fix() + "\n\nSee [docs/rules.md](" + helpUri + ").");
            r.putObject("defaultConfiguration").put("level", level(rule.severity()));
            ArrayNode tags = r.putObject("properties").putArray("tags");
            tags.add("openclaw");
            tags.add("launchd");
            tags.add(rule.scope().name().toLowerCase(java.util.Locale.ROOT));
        }
        return tool;
    }

    /** One result; {@code uris} keeps each path's URI, which several findings about one plist share. */
    private static void result(JsonGenerator g, Finding f, Integer index, Map<String, String> uris) throws IOException {
        g.writeStartObject();
        g.writeStringField("ruleId", f.rule());
        if (index != null) {
            g.writeNumberField("ruleIndex", index);
        }
        g.writeStringField("level", level(f.severity()));
        g.writeObjectFieldStart("message");
        g.writeStringField("text", Summary.withFix(f.message(), f.fix()));
        g.writeEndObject();
        if (f.path() != null) {
            g.writeArrayFieldStart("locations");
            g.writeStartObject();
            g.writeObjectFieldStart("physicalLocation");
            g.writeObjectFieldStart("artifactLocation");
            g.writeStringField("uri", uris.computeIfAbsent(f.path(), SarifRenderer::uri));
            g.writeEndObject();
            Position at = f.position() == null ? Position.line(1) : f.position();
            g.writeObjectFieldStart("region");
            g.writeNumberField("startLine", at.line());
            if (at.hasColumn()) {
                g.writeNumberField("startColumn", at.column());
            }
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndArray();
        }
        if (f.id() != null) {
            // The finding's stable id lets code scanning follow one problem across runs.
            g.writeObjectFieldStart("partialFingerprints");
            g.writeStringField("openclawFleetFindingId/v1", f.id());
            g.writeEndObject();
        }
        if (!f.instances().isEmpty() || f.causedBy() != null) {
            g.writeObjectFieldStart("properties");
            if (!f.instances().isEmpty()) {
                g.writeArrayFieldStart("instances");
                for (String name : f.instances()) {
                    g.writeString(name);
                }
                g.writeEndArray();
            }
            if (f.causedBy() != null) {
                g.writeStringField("causedBy", f.causedBy());
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    static String level(Severity severity) {
        return switch (severity) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO -> "note";
        };
    }

    /** A relative path as a relative URI reference (segments percent-encoded); an absolute one as file://. */
    static String uri(String path) {
        try {
            if (path.startsWith("/")) {
                return new URI("file", "", path, null).toASCIIString();
            }
            return new URI(null, null, path, null).toASCIIString();
        } catch (URISyntaxException e) {
            return path;
        }
    }

    private static String camel(String id) {
        StringBuilder out = new StringBuilder();
        for (String part : id.split("-")) {
            out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return out.toString();
    }
}
