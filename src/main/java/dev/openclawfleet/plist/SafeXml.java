package dev.openclawfleet.plist;

import org.w3c.dom.Document;
import org.w3c.dom.DocumentType;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * A DOM parser for XML plists that never touches anything outside the bytes it is given:
 * no external DTD or entity is fetched, entity expansion is capped so that expansion bombs fail
 * at once, and a document whose DTD declares entities is refused (no real plist does that).
 */
final class SafeXml {
    private static final DocumentBuilderFactory FACTORY = factory();
    private static final ThreadLocal<DocumentBuilder> BUILDER = ThreadLocal.withInitial(SafeXml::newBuilder);

    private SafeXml() {
    }

    static Document parse(byte[] bytes) throws SAXException, IOException {
        // One builder per thread, configured once: Xerces resets its scanner for every document, and a
        // reset() here would also re-apply every feature of the factory (a few percent of a parse).
        Document doc = BUILDER.get().parse(new ByteArrayInputStream(withoutExternalDoctype(bytes)));
        DocumentType type = doc.getDoctype();
        if (type != null && (type.getEntities().getLength() > 0 || hasInternalSubset(type))) {
            throw new SAXException("the DOCTYPE declares its own DTD or entities, which a property list never does; refused");
        }
        return doc;
    }

    /**
     * A document of plists {@link XmlBatch} built: parsed as it is, by the same parser with the same
     * limits; it has no DOCTYPE (its files' DOCTYPEs were blanked, and a file with any other is not in it).
     */
    static Document parseAsIs(byte[] bytes) throws SAXException, IOException {
        return BUILDER.get().parse(new ByteArrayInputStream(bytes));
    }

    /**
     * The bytes with a plain external DOCTYPE (the {@code <!DOCTYPE plist PUBLIC "..." "...">} every
     * plist starts with) turned into blanks, so that lines and columns stay where they were. Its DTD is
     * never loaded anyway; without the declaration Xerces skips its DTD pipeline, about 8 % of a
     * plist's parse. A DOCTYPE with an internal subset ({@code [...]}) is left for Xerces, and refused
     * below; an entity it would have declared is then an undeclared one, which Xerces refuses too.
     */
    static byte[] withoutExternalDoctype(byte[] bytes) {
        int limit = Math.min(bytes.length, 1024);
        int start = indexOf(bytes, DOCTYPE, 0, limit);
        if (start < 0) {
            return bytes;
        }
        byte quote = 0;
        for (int i = start + DOCTYPE.length; i < limit; i++) {
            byte b = bytes[i];
            if (quote != 0) {
                quote = b == quote ? 0 : quote;
            } else if (b == '"' || b == '\'') {
                quote = b;
            } else if (b == '[' || b == '<') {
                return bytes; // an internal subset, or something odd: Xerces decides
            } else if (b == '>') {
                byte[] copy = bytes.clone();
                for (int k = start; k <= i; k++) {
                    if (copy[k] != '\n' && copy[k] != '\r') {
                        copy[k] = ' ';
                    }
                }
                return copy;
            }
        }
        return bytes;
    }

    private static final byte[] DOCTYPE = "<!DOCTYPE".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private static int indexOf(byte[] bytes, byte[] what, int from, int limit) {
        outer:
        for (int i = from; i <= limit - what.length; i++) {
            for (int k = 0; k < what.length; k++) {
                if (bytes[i + k] != what[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static boolean hasInternalSubset(DocumentType type) {
        String subset = type.getInternalSubset();
        return subset != null && !subset.isBlank();
    }

    private static DocumentBuilderFactory factory() {
        // The JDK's own parser, without the factory lookup (system property, jaxp.properties, a scan of
        // every jar's META-INF/services): faster at start-up, and no jar on the class path can swap it.
        DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
        try {
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            // dd-plist walks every node: building them as it goes (deferred expansion) is pure overhead.
            f.setFeature("http://apache.org/xml/features/dom/defer-node-expansion", false);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a required security feature", e);
        }
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        // JDK limits: an expansion bomb trips these after a handful of expansions instead of 64,000.
        f.setAttribute("http://www.oracle.com/xml/jaxp/properties/entityExpansionLimit", "16");
        f.setAttribute("http://www.oracle.com/xml/jaxp/properties/totalEntitySizeLimit", "4096");
        f.setAttribute("http://www.oracle.com/xml/jaxp/properties/maxGeneralEntitySizeLimit", "1024");
        f.setAttribute("http://www.oracle.com/xml/jaxp/properties/maxElementDepth", "64");
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        f.setNamespaceAware(false);
        f.setIgnoringComments(true);
        f.setCoalescing(true);
        f.setValidating(false);
        return f;
    }

    private static DocumentBuilder newBuilder() {
        try {
            DocumentBuilder builder = FACTORY.newDocumentBuilder();
            builder.setEntityResolver((publicId, systemId) -> new InputSource(new ByteArrayInputStream(new byte[0])));
            builder.setErrorHandler(null);
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("cannot create an XML parser", e);
        }
    }
}
