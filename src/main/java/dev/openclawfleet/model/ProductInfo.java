package dev.openclawfleet.model;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The product's name, version and home page, as pom.xml sets them (written into
 * {@code product.properties} by the build), for outputs that name their tool, such as SARIF.
 */
public record ProductInfo(String name, String version, String url) {
    private static final ProductInfo CURRENT = load();

    /** This build's. */
    public static ProductInfo current() {
        return CURRENT;
    }

    private static ProductInfo load() {
        Properties p = new Properties();
        try (InputStream in = ProductInfo.class.getResourceAsStream("/dev/openclawfleet/product.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // an unreadable resource inside our own jar: fall back to the defaults below
        }
        return new ProductInfo(value(p, "name", "openclaw-fleet"), value(p, "version", "0.0.0-dev"), value(p, "url", ""));
    }

    /** A property, unless missing or left unfiltered (a run from an IDE that skipped Maven's resource filtering). */
    private static String value(Properties p, String key, String fallback) {
        String v = p.getProperty(key);
        return v == null || v.isBlank() || v.contains("${") ? fallback : v;
    }

    /** The absolute URL of a rule's section in docs/rules.md on the project's site. */
    public String ruleHelpUri(String ruleId) {
        return url + "/blob/main/docs/rules.md#" + ruleId;
    }
}
