package io.privastream.manifest;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One element of a parsed MPD: local name, attributes by local name (namespace prefixes
 * dropped: an MPD's own attributes are unqualified), child elements, trimmed text, and the line
 * it started on for error messages.
 */
record XmlElement(String name, Map<String, String> attributes, List<XmlElement> children, String text, int line) {

    Optional<String> attribute(String attributeName) {
        return Optional.ofNullable(attributes.get(attributeName));
    }

    List<XmlElement> children(String childName) {
        return children.stream().filter(c -> c.name.equals(childName)).toList();
    }

    Optional<XmlElement> child(String childName) {
        return children.stream().filter(c -> c.name.equals(childName)).findFirst();
    }

    /** {@code <Name> (line N)}, for error messages. */
    String where() {
        return "<" + name + "> (line " + line + ")";
    }
}
