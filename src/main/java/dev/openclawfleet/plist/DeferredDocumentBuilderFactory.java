package dev.openclawfleet.plist;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JDK's DOM factory, created only when a document builder is first asked for; until then it
 * records its settings. dd-plist's {@code XMLPropertyListParser} configures a factory in its static
 * initializer, and the JDK's factory builds a whole parser configuration for each {@code setFeature}
 * (about 100 ms of a cold start); {@link PlistParser} reads plain plists through
 * {@code XMLPropertyListParser.parse(Document)}, which never uses that factory. So the class is
 * initialised once with this one ({@link #initialiseDdPlist}), and dd-plist's own parse methods, if
 * anything calls them (no product code does; tests do), get the JDK's factory with exactly
 * dd-plist's settings, made when they ask for a builder.
 * Public only because the JDK's factory lookup instantiates it by name.
 */
public final class DeferredDocumentBuilderFactory extends DocumentBuilderFactory {
    private static final String FACTORY_PROPERTY = DocumentBuilderFactory.class.getName();
    private static final Object LOOKUP = new Object();

    private final Map<String, Boolean> features = new LinkedHashMap<>();
    private final Map<String, Object> attributes = new LinkedHashMap<>();
    private boolean xIncludeAware;

    /** For the JDK's factory lookup. */
    public DeferredDocumentBuilderFactory() {
    }

    /**
     * Initialises dd-plist's XMLPropertyListParser (once; a no-op when it already is) with this factory
     * in place of the JDK's: the lookup property is set for the moment of the initialisation only.
     */
    static void initialiseDdPlist() {
        Holder.touch();
    }

    private static final class Holder {
        static {
            synchronized (LOOKUP) {
                String before = System.getProperty(FACTORY_PROPERTY);
                System.setProperty(FACTORY_PROPERTY, DeferredDocumentBuilderFactory.class.getName());
                try {
                    Class.forName("com.dd.plist.XMLPropertyListParser", true, DeferredDocumentBuilderFactory.class.getClassLoader());
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException("dd-plist is missing from the class path", e);
                } finally {
                    if (before == null) {
                        System.clearProperty(FACTORY_PROPERTY);
                    } else {
                        System.setProperty(FACTORY_PROPERTY, before);
                    }
                }
            }
        }

        static void touch() {
        }
    }

    /** A builder of the JDK's factory, configured as this one is now (a new factory each time: only tests get here). */
    @Override
    public synchronized DocumentBuilder newDocumentBuilder() throws ParserConfigurationException {
        return configured().newDocumentBuilder();
    }

    /** The JDK's own factory with every setting recorded so far; a feature it refuses is skipped, as dd-plist skips it. */
    private DocumentBuilderFactory configured() {
        DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
        for (Map.Entry<String, Boolean> e : features.entrySet()) {
            try {
                f.setFeature(e.getKey(), e.getValue());
            } catch (ParserConfigurationException ignored) {
                // dd-plist ignores a refused feature too
            }
        }
        attributes.forEach(f::setAttribute);
        f.setXIncludeAware(xIncludeAware);
        f.setNamespaceAware(isNamespaceAware());
        f.setValidating(isValidating());
        f.setIgnoringElementContentWhitespace(isIgnoringElementContentWhitespace());
        f.setExpandEntityReferences(isExpandEntityReferences());
        f.setIgnoringComments(isIgnoringComments());
        f.setCoalescing(isCoalescing());
        return f; // no schema: setSchema is the base class's, which refuses one
    }

    @Override
    public synchronized void setFeature(String name, boolean value) {
        features.put(name, value);
    }

    @Override
    public synchronized boolean getFeature(String name) throws ParserConfigurationException {
        Boolean value = features.get(name);
        if (value != null) {
            return value;
        }
        return configured().getFeature(name);
    }

    @Override
    public synchronized void setAttribute(String name, Object value) {
        attributes.put(name, value);
    }

    @Override
    public synchronized Object getAttribute(String name) {
        return attributes.containsKey(name) ? attributes.get(name) : configured().getAttribute(name);
    }

    @Override
    public void setXIncludeAware(boolean state) {
        xIncludeAware = state;
    }

    @Override
    public boolean isXIncludeAware() {
        return xIncludeAware;
    }
}
