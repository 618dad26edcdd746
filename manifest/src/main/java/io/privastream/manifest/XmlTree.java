package io.privastream.manifest;

import io.privastream.core.media.Text;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads XML into {@link XmlElement}s with the JDK's StAX parser, safely: DTDs are refused
 * outright, so no external entity, external DTD or entity expansion is ever processed (XXE).
 */
final class XmlTree {
    /** Nesting deeper than this is not an MPD; refusing it bounds the parser's stack. */
    private static final int MAX_DEPTH = 64;
    /** More elements than this is not a sane MPD; refusing bounds memory. */
    private static final int MAX_ELEMENTS = 2_000_000;

    private static final XMLInputFactory FACTORY = newFactory();

    private XmlTree() {
    }

    private static XMLInputFactory newFactory() {
        // The JDK's own implementation, not whatever a classpath jar registers.
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        return f;
    }

    /**
     * Parses {@code xml} into its root element.
     *
     * @param what names the document in error messages, e.g. {@code MPD}
     * @throws ManifestException if the text is not well-formed, has a DOCTYPE, or is too deep
     */
    static XmlElement parse(String xml, String what) {
        XMLStreamReader in;
        synchronized (FACTORY) {
            try {
                in = FACTORY.createXMLStreamReader(new StringReader(xml));
            } catch (XMLStreamException e) {
                throw notWellFormed(what, e);
            }
        }
        try {
            return read(in, what);
        } catch (XMLStreamException e) {
            throw notWellFormed(what, e);
        } finally {
            try {
                in.close();
            } catch (XMLStreamException ignored) {
                // Closing a reader over a String frees nothing that matters.
            }
        }
    }

    private record Open(String name, Map<String, String> attributes, List<XmlElement> children, StringBuilder text, int line) {
    }

    private static XmlElement read(XMLStreamReader in, String what) throws XMLStreamException {
        Deque<Open> stack = new ArrayDeque<>();
        int elements = 0;
        XmlElement root = null;
        while (in.hasNext()) {
            int event = in.next();
            switch (event) {
                case XMLStreamConstants.DTD -> throw new ManifestException(what + " line " + in.getLocation().getLineNumber()
                        + ": a DOCTYPE is not allowed (no DTDs or entities are processed)");
                case XMLStreamConstants.ENTITY_REFERENCE -> throw new ManifestException(what + " line "
                        + in.getLocation().getLineNumber() + ": undeclared entity '&" + Text.quote(in.getLocalName()) + ";'");
                case XMLStreamConstants.START_ELEMENT -> {
                    if (stack.size() >= MAX_DEPTH || ++elements > MAX_ELEMENTS) {
                        throw new ManifestException(what + " line " + in.getLocation().getLineNumber()
                                + ": too deep or too many elements (limits " + MAX_DEPTH + " and " + MAX_ELEMENTS + ")");
                    }
                    Map<String, String> attributes = new LinkedHashMap<>();
                    for (int i = 0; i < in.getAttributeCount(); i++) {
                        String prefix = in.getAttributePrefix(i);
                        String name = in.getAttributeLocalName(i);
                        // Keep xlink:href and the like distinguishable from unqualified attributes.
                        attributes.putIfAbsent(prefix == null || prefix.isEmpty() ? name : prefix + ":" + name, in.getAttributeValue(i));
                    }
                    stack.push(new Open(in.getLocalName(), attributes, new ArrayList<>(), new StringBuilder(),
                            in.getLocation().getLineNumber()));
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (!stack.isEmpty()) {
                        stack.peek().text().append(in.getText());
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    Open open = stack.pop();
                    XmlElement done = new XmlElement(open.name(), Map.copyOf(open.attributes()), List.copyOf(open.children()),
                            open.text().toString().strip(), open.line());
                    if (stack.isEmpty()) {
                        root = done;
                    } else {
                        stack.peek().children().add(done);
                    }
                }
                default -> {
                    // Comments, processing instructions, document start/end carry nothing for us.
                }
            }
        }
        if (root == null) {
            throw new ManifestException(what + ": no root element (empty or truncated document)");
        }
        return root;
    }

    private static ManifestException notWellFormed(String what, XMLStreamException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        int at = message.indexOf("Message: ");
        if (at >= 0) {
            message = message.substring(at + "Message: ".length());
        }
        String line = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNumber()
                + " column " + e.getLocation().getColumnNumber();
        return new ManifestException(what + " is not well-formed XML" + line + ": " + Text.quote(message.strip()), e);
    }
}
