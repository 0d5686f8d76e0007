package dev.openclawfleet.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openclawfleet.audit.RuleCatalog;
import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.Position;
import dev.openclawfleet.model.ProductInfo;
import dev.openclawfleet.model.Report;
import dev.openclawfleet.model.RuleInfo;
import dev.openclawfleet.model.Severity;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

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
        List<RuleInfo> rules = RuleCatalog.all();
        ObjectNode root = Json.object();
        root.put("$schema", SCHEMA);
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
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
        ArrayNode results = run.putArray("results");
        for (Finding f : report.findings()) {
            ObjectNode r = results.addObject();
            r.put("ruleId", f.rule());
            int index = indexOf(rules, f.rule());
            if (index >= 0) {
                r.put("ruleIndex", index);
            }
            r.put("level", level(f.severity()));
            r.putObject("message").put("text", Summary.withFix(f.message(), f.fix()));
            if (f.path() != null) {
                ObjectNode physical = r.putArray("locations").addObject().putObject("physicalLocation");
                physical.putObject("artifactLocation").put("uri", uri(f.path()));
                Position at = f.position() == null ? Position.line(1) : f.position();
                ObjectNode region = physical.putObject("region");
                region.put("startLine", at.line());
                if (at.hasColumn()) {
                    region.put("startColumn", at.column());
                }
            }
            if (f.id() != null) {
                // The finding's stable id lets code scanning follow one problem across runs.
                r.putObject("partialFingerprints").put("openclawFleetFindingId/v1", f.id());
            }
            if (!f.instances().isEmpty() || f.causedBy() != null) {
                ObjectNode properties = r.putObject("properties");
                if (!f.instances().isEmpty()) {
                    ArrayNode names = properties.putArray("instances");
                    f.instances().forEach(names::add);
                }
                if (f.causedBy() != null) {
                    properties.put("causedBy", f.causedBy());
                }
            }
        }
        run.put("columnKind", "utf16CodeUnits");
        run.putObject("properties").put("command", options.command());
        return Json.pretty(root);
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

    private static int indexOf(List<RuleInfo> rules, String id) {
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }
}
