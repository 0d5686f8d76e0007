package dev.openclawfleet.plist;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Node;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The deferred factory gives builders configured exactly as it was told, and leaves no trace in the JDK's lookup. */
class DeferredDocumentBuilderFactoryTest {
    @Test
    void aBuilderHasEverySettingTheFactoryRecorded() throws Exception {
        DocumentBuilderFactory f = new DeferredDocumentBuilderFactory();
        f.setFeature("http://xml.org/sax/features/external-general-entities", false);
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        f.setNamespaceAware(false);
        f.setIgnoringComments(true);
        f.setCoalescing(true);
        f.setValidating(false);
        assertThat(f.getFeature("http://xml.org/sax/features/external-general-entities")).isFalse();
        DocumentBuilder builder = f.newDocumentBuilder();
        assertThat(builder.isNamespaceAware()).isFalse();
        Document doc = builder.parse(new ByteArrayInputStream(
                "<a>x<!-- c --><![CDATA[y]]>z</a>".getBytes(StandardCharsets.UTF_8)));
        Node a = doc.getDocumentElement();
        assertThat(a.getChildNodes().getLength()).as("comments ignored, CDATA coalesced: one text node").isEqualTo(1);
        assertThat(a.getFirstChild().getNodeValue()).isEqualTo("xyz");
    }

    @Test
    void ddPlistIsInitialisedWithoutChangingTheJdksFactoryLookup() throws Exception {
        String before = System.getProperty(DocumentBuilderFactory.class.getName());
        DeferredDocumentBuilderFactory.initialiseDdPlist();
        assertThat(System.getProperty(DocumentBuilderFactory.class.getName())).isEqualTo(before);
        assertThat(DocumentBuilderFactory.newInstance()).isNotInstanceOf(DeferredDocumentBuilderFactory.class);
        // dd-plist's own XML reading still works, whichever factory its class was initialised with.
        Object root = com.dd.plist.XMLPropertyListParser.parse(
                "<plist version=\"1.0\"><dict><key>a</key><string>b</string></dict></plist>".getBytes(StandardCharsets.UTF_8));
        assertThat(root.toString()).contains("a");
    }
}
