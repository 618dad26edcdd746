package io.privastream.manifest;

import io.privastream.core.media.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A DASH SegmentTemplate URL template (ISO/IEC 23009-1 §5.3.9.4.4): {@code $RepresentationID$},
 * {@code $Number$}, {@code $Bandwidth$}, {@code $Time$}, each of the last three with an optional
 * {@code %0<width>d} format tag, and {@code $$} for a literal dollar sign.
 */
final class UrlTemplate {
    private static final Pattern IDENTIFIER = Pattern.compile("(RepresentationID|Number|Bandwidth|Time|SubNumber)(%0(\\d{1,2})d)?");

    private sealed interface Part permits Literal, Field {
    }

    private record Literal(String text) implements Part {
    }

    private record Field(String name, int width) implements Part {
    }

    private final String source;
    private final List<Part> parts;

    private UrlTemplate(String source, List<Part> parts) {
        this.source = source;
        this.parts = parts;
    }

    /**
     * Parses {@code template}.
     *
     * @param where names the attribute for the error message
     * @throws ManifestException on an unknown identifier, a format tag on
     *                           {@code $RepresentationID$}, or an unclosed {@code $}
     */
    static UrlTemplate parse(String template, String where) {
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c != '$') {
                literal.append(c);
                i++;
                continue;
            }
            int close = template.indexOf('$', i + 1);
            if (close < 0) {
                throw new ManifestException(where + ": unclosed '$' in URL template '" + Text.quote(template) + "'");
            }
            String body = template.substring(i + 1, close);
            i = close + 1;
            if (body.isEmpty()) {
                literal.append('$');
                continue;
            }
            Matcher m = IDENTIFIER.matcher(body);
            if (!m.matches() || (m.group(1).equals("RepresentationID") && m.group(2) != null)) {
                throw new ManifestException(where + ": unknown identifier '$" + Text.quote(body) + "$' in URL template '"
                        + Text.quote(template) + "'");
            }
            if (!literal.isEmpty()) {
                parts.add(new Literal(literal.toString()));
                literal.setLength(0);
            }
            parts.add(new Field(m.group(1), m.group(3) == null ? 0 : Integer.parseInt(m.group(3))));
        }
        if (!literal.isEmpty()) {
            parts.add(new Literal(literal.toString()));
        }
        return new UrlTemplate(template, List.copyOf(parts));
    }

    /** True if the template uses {@code $Time$} (and so needs a SegmentTimeline or a duration). */
    boolean usesTime() {
        return parts.stream().anyMatch(p -> p instanceof Field f && f.name().equals("Time"));
    }

    /** The template with every identifier substituted. */
    String expand(String representationId, long number, long bandwidth, long time) {
        StringBuilder out = new StringBuilder(source.length() + 16);
        for (Part part : parts) {
            switch (part) {
                case Literal l -> out.append(l.text());
                case Field f -> {
                    String value = switch (f.name()) {
                        case "RepresentationID" -> representationId;
                        case "Number" -> Long.toString(number);
                        case "Bandwidth" -> Long.toString(bandwidth);
                        case "Time" -> Long.toString(time);
                        default -> "0"; // $SubNumber$: one sub-segment per segment here
                    };
                    for (int pad = value.length(); pad < f.width(); pad++) {
                        out.append('0');
                    }
                    out.append(value);
                }
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return source;
    }
}
