package dev.openclawfleet.plist;

import org.w3c.dom.Attr;
import org.w3c.dom.CDATASection;
import org.w3c.dom.Comment;
import org.w3c.dom.DOMConfiguration;
import org.w3c.dom.DOMImplementation;
import org.w3c.dom.Document;
import org.w3c.dom.DocumentFragment;
import org.w3c.dom.DocumentType;
import org.w3c.dom.Element;
import org.w3c.dom.EntityReference;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.w3c.dom.ProcessingInstruction;
import org.w3c.dom.Text;
import org.w3c.dom.TypeInfo;
import org.w3c.dom.UserDataHandler;

/**
 * A read-only DOM of exactly what dd-plist 1.28's {@code XMLPropertyListParser.parse(Document)} reads
 * ({@code getDoctype}, {@code getDocumentElement}, {@code getNodeName}, {@code getNodeType},
 * {@code getChildNodes}, {@code NodeList.getLength/item}, {@code hasChildNodes}, {@code hasAttributes},
 * {@code Text.getWholeText}), built by {@link PlainXml}; every other method throws, so a dd-plist
 * that starts to read more fails loudly in the tests instead of reading a tree that is not there.
 */
final class PlainDom {
    private PlainDom() {
    }

    /** The document: no DOCTYPE (as after {@link SafeXml#withoutExternalDoctype}), one root element. */
    static final class PlainDocument extends PlainNode implements Document {
        private final PlainElement root;

        PlainDocument(PlainElement root) {
            this.root = root;
        }

        @Override
        public DocumentType getDoctype() {
            return null;
        }

        @Override
        public Element getDocumentElement() {
            return root;
        }

        @Override
        public String getNodeName() {
            return "#document";
        }

        @Override
        public short getNodeType() {
            return DOCUMENT_NODE;
        }

        @Override
        public boolean hasChildNodes() {
            return true;
        }

        @Override
        public DOMImplementation getImplementation() {
            throw unsupported();
        }

        @Override
        public Element createElement(String tagName) {
            throw unsupported();
        }

        @Override
        public DocumentFragment createDocumentFragment() {
            throw unsupported();
        }

        @Override
        public Text createTextNode(String data) {
            throw unsupported();
        }

        @Override
        public Comment createComment(String data) {
            throw unsupported();
        }

        @Override
        public CDATASection createCDATASection(String data) {
            throw unsupported();
        }

        @Override
        public ProcessingInstruction createProcessingInstruction(String target, String data) {
            throw unsupported();
        }

        @Override
        public Attr createAttribute(String name) {
            throw unsupported();
        }

        @Override
        public EntityReference createEntityReference(String name) {
            throw unsupported();
        }

        @Override
        public NodeList getElementsByTagName(String tagname) {
            throw unsupported();
        }

        @Override
        public Node importNode(Node importedNode, boolean deep) {
            throw unsupported();
        }

        @Override
        public Element createElementNS(String namespaceURI, String qualifiedName) {
            throw unsupported();
        }

        @Override
        public Attr createAttributeNS(String namespaceURI, String qualifiedName) {
            throw unsupported();
        }

        @Override
        public NodeList getElementsByTagNameNS(String namespaceURI, String localName) {
            throw unsupported();
        }

        @Override
        public Element getElementById(String elementId) {
            throw unsupported();
        }

        @Override
        public String getInputEncoding() {
            throw unsupported();
        }

        @Override
        public String getXmlEncoding() {
            throw unsupported();
        }

        @Override
        public boolean getXmlStandalone() {
            throw unsupported();
        }

        @Override
        public void setXmlStandalone(boolean xmlStandalone) {
            throw unsupported();
        }

        @Override
        public String getXmlVersion() {
            throw unsupported();
        }

        @Override
        public void setXmlVersion(String xmlVersion) {
            throw unsupported();
        }

        @Override
        public boolean getStrictErrorChecking() {
            throw unsupported();
        }

        @Override
        public void setStrictErrorChecking(boolean strictErrorChecking) {
            throw unsupported();
        }

        @Override
        public String getDocumentURI() {
            throw unsupported();
        }

        @Override
        public void setDocumentURI(String documentURI) {
            throw unsupported();
        }

        @Override
        public Node adoptNode(Node source) {
            throw unsupported();
        }

        @Override
        public DOMConfiguration getDomConfig() {
            throw unsupported();
        }

        @Override
        public void normalizeDocument() {
            throw unsupported();
        }

        @Override
        public Node renameNode(Node n, String namespaceURI, String qualifiedName) {
            throw unsupported();
        }
    }

    /**
     * An element without attributes (the one {@code version} a plist's root carries is not kept: dd-plist
     * never reads it) and its children, which are also its own {@link NodeList}, as in Xerces.
     */
    static final class PlainElement extends PlainNode implements Element, NodeList {
        private static final Node[] NONE = new Node[0];
        private final String name;
        private final Node[] children;

        PlainElement(String name, Node[] children) {
            this.name = name;
            this.children = children.length == 0 ? NONE : children;
        }

        @Override
        public String getNodeName() {
            return name;
        }

        @Override
        public String getTagName() {
            return name;
        }

        @Override
        public short getNodeType() {
            return ELEMENT_NODE;
        }

        @Override
        public NodeList getChildNodes() {
            return this;
        }

        @Override
        public boolean hasChildNodes() {
            return children.length > 0;
        }

        @Override
        public boolean hasAttributes() {
            return false;
        }

        @Override
        public int getLength() {
            return children.length;
        }

        @Override
        public Node item(int index) {
            return index >= 0 && index < children.length ? children[index] : null;
        }

        @Override
        public String getAttribute(String name) {
            throw unsupported();
        }

        @Override
        public void setAttribute(String name, String value) {
            throw unsupported();
        }

        @Override
        public void removeAttribute(String name) {
            throw unsupported();
        }

        @Override
        public Attr getAttributeNode(String name) {
            throw unsupported();
        }

        @Override
        public Attr setAttributeNode(Attr newAttr) {
            throw unsupported();
        }

        @Override
        public Attr removeAttributeNode(Attr oldAttr) {
            throw unsupported();
        }

        @Override
        public NodeList getElementsByTagName(String name) {
            throw unsupported();
        }

        @Override
        public String getAttributeNS(String namespaceURI, String localName) {
            throw unsupported();
        }

        @Override
        public void setAttributeNS(String namespaceURI, String qualifiedName, String value) {
            throw unsupported();
        }

        @Override
        public void removeAttributeNS(String namespaceURI, String localName) {
            throw unsupported();
        }

        @Override
        public Attr getAttributeNodeNS(String namespaceURI, String localName) {
            throw unsupported();
        }

        @Override
        public Attr setAttributeNodeNS(Attr newAttr) {
            throw unsupported();
        }

        @Override
        public NodeList getElementsByTagNameNS(String namespaceURI, String localName) {
            throw unsupported();
        }

        @Override
        public boolean hasAttribute(String name) {
            throw unsupported();
        }

        @Override
        public boolean hasAttributeNS(String namespaceURI, String localName) {
            throw unsupported();
        }

        @Override
        public TypeInfo getSchemaTypeInfo() {
            throw unsupported();
        }

        @Override
        public void setIdAttribute(String name, boolean isId) {
            throw unsupported();
        }

        @Override
        public void setIdAttributeNS(String namespaceURI, String localName, boolean isId) {
            throw unsupported();
        }

        @Override
        public void setIdAttributeNode(Attr idAttr, boolean isId) {
            throw unsupported();
        }
    }

    /** An element's whole text: Xerces, ignoring comments, also gives one text node for it. */
    static final class PlainText extends PlainNode implements Text {
        private final String data;

        PlainText(String data) {
            this.data = data;
        }

        @Override
        public String getNodeName() {
            return "#text";
        }

        @Override
        public short getNodeType() {
            return TEXT_NODE;
        }

        @Override
        public String getNodeValue() {
            return data;
        }

        @Override
        public boolean hasChildNodes() {
            return false;
        }

        @Override
        public boolean hasAttributes() {
            return false;
        }

        @Override
        public String getWholeText() {
            return data;
        }

        @Override
        public String getData() {
            return data;
        }

        @Override
        public int getLength() {
            return data.length();
        }

        @Override
        public void setData(String data) {
            throw unsupported();
        }

        @Override
        public String substringData(int offset, int count) {
            throw unsupported();
        }

        @Override
        public void appendData(String arg) {
            throw unsupported();
        }

        @Override
        public void insertData(int offset, String arg) {
            throw unsupported();
        }

        @Override
        public void deleteData(int offset, int count) {
            throw unsupported();
        }

        @Override
        public void replaceData(int offset, int count, String arg) {
            throw unsupported();
        }

        @Override
        public Text splitText(int offset) {
            throw unsupported();
        }

        @Override
        public boolean isElementContentWhitespace() {
            throw unsupported();
        }

        @Override
        public Text replaceWholeText(String content) {
            throw unsupported();
        }
    }

    /** Every method of {@link Node} that dd-plist does not call: each throws. */
    abstract static class PlainNode implements Node {
        static UnsupportedOperationException unsupported() {
            return new UnsupportedOperationException("not supported by the plain-plist DOM");
        }

        @Override
        public String getNodeValue() {
            return null;
        }

        @Override
        public void setNodeValue(String nodeValue) {
            throw unsupported();
        }

        @Override
        public Node getParentNode() {
            throw unsupported();
        }

        @Override
        public NodeList getChildNodes() {
            throw unsupported();
        }

        @Override
        public Node getFirstChild() {
            throw unsupported();
        }

        @Override
        public Node getLastChild() {
            throw unsupported();
        }

        @Override
        public Node getPreviousSibling() {
            throw unsupported();
        }

        @Override
        public Node getNextSibling() {
            throw unsupported();
        }

        @Override
        public NamedNodeMap getAttributes() {
            throw unsupported();
        }

        @Override
        public Document getOwnerDocument() {
            throw unsupported();
        }

        @Override
        public Node insertBefore(Node newChild, Node refChild) {
            throw unsupported();
        }

        @Override
        public Node replaceChild(Node newChild, Node oldChild) {
            throw unsupported();
        }

        @Override
        public Node removeChild(Node oldChild) {
            throw unsupported();
        }

        @Override
        public Node appendChild(Node newChild) {
            throw unsupported();
        }

        @Override
        public Node cloneNode(boolean deep) {
            throw unsupported();
        }

        @Override
        public void normalize() {
            throw unsupported();
        }

        @Override
        public boolean isSupported(String feature, String version) {
            throw unsupported();
        }

        @Override
        public String getNamespaceURI() {
            throw unsupported();
        }

        @Override
        public String getPrefix() {
            throw unsupported();
        }

        @Override
        public void setPrefix(String prefix) {
            throw unsupported();
        }

        @Override
        public String getLocalName() {
            throw unsupported();
        }

        @Override
        public boolean hasAttributes() {
            throw unsupported();
        }

        @Override
        public String getBaseURI() {
            throw unsupported();
        }

        @Override
        public short compareDocumentPosition(Node other) {
            throw unsupported();
        }

        @Override
        public String getTextContent() {
            throw unsupported();
        }

        @Override
        public void setTextContent(String textContent) {
            throw unsupported();
        }

        @Override
        public boolean isSameNode(Node other) {
            throw unsupported();
        }

        @Override
        public String lookupPrefix(String namespaceURI) {
            throw unsupported();
        }

        @Override
        public boolean isDefaultNamespace(String namespaceURI) {
            throw unsupported();
        }

        @Override
        public String lookupNamespaceURI(String prefix) {
            throw unsupported();
        }

        @Override
        public boolean isEqualNode(Node arg) {
            throw unsupported();
        }

        @Override
        public Object getFeature(String feature, String version) {
            throw unsupported();
        }

        @Override
        public Object setUserData(String key, Object data, UserDataHandler handler) {
            throw unsupported();
        }

        @Override
        public Object getUserData(String key) {
            throw unsupported();
        }
    }
}
