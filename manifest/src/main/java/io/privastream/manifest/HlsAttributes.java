package io.privastream.manifest;

import io.privastream.core.media.Text;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An HLS attribute list (RFC 8216 §4.2): {@code NAME=value} pairs separated by commas, where a
 * value is a quoted string (which may hold commas), or an unquoted token.
 */
final class HlsAttributes {
    private HlsAttributes() {
    }

    /** One attribute as it appears in the text: name, and where its raw value starts and ends. */
    record Span(String name, int valueStart, int valueEnd, boolean quoted) {
    }

    /**
     * Parses the attribute list {@code text}; quoted values are returned without quotes.
     *
     * @param where names the line for error messages
     * @throws ManifestException on a missing {@code =}, an unterminated quote or a repeated name
     */
    static Map<String, String> parse(String text, String where) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Span span : spans(text, where)) {
            String raw = text.substring(span.valueStart(), span.valueEnd());
            if (out.putIfAbsent(span.name(), span.quoted() ? raw.substring(1, raw.length() - 1) : raw.strip()) != null) {
                // §4.2: an attribute name must not occur more than once in one list.
                throw new ManifestException(where + ": attribute " + Text.quote(span.name()) + " appears twice");
            }
        }
        return out;
    }

    /** The attributes of {@code text} with the offsets of their raw values (quotes included). */
    static List<Span> spans(String text, String where) {
        List<Span> out = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            while (i < n && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
                i++;
            }
            if (i >= n) {
                break;
            }
            int eq = text.indexOf('=', i);
            if (eq < 0) {
                throw new ManifestException(where + ": attribute without '=' in '" + Text.quote(text.substring(i)) + "'");
            }
            String name = text.substring(i, eq).strip();
            if (name.isEmpty() || name.contains(",")) {
                throw new ManifestException(where + ": malformed attribute list '" + Text.quote(text) + "'");
            }
            int start = eq + 1;
            int end;
            boolean quoted = start < n && text.charAt(start) == '"';
            if (quoted) {
                int close = text.indexOf('"', start + 1);
                if (close < 0) {
                    throw new ManifestException(where + ": unterminated quoted string in '" + Text.quote(text) + "'");
                }
                end = close + 1;
                int comma = text.indexOf(',', end);
                if (!text.substring(end, comma < 0 ? n : comma).isBlank()) {
                    throw new ManifestException(where + ": text after a quoted string in '" + Text.quote(text) + "'");
                }
                i = comma < 0 ? n : comma + 1;
            } else {
                int comma = text.indexOf(',', start);
                end = comma < 0 ? n : comma;
                i = comma < 0 ? n : comma + 1;
            }
            out.add(new Span(name, start, end, quoted));
        }
        return out;
    }
}
