package io.privastream.manifest;

import io.privastream.core.media.Text;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * One pass of {@link ManifestRewriter#rewriteDash} over the MPD text: a small scanner that
 * finds start tags, their attributes and the text of URL-holding elements, copying every byte
 * it does not replace.
 */
final class DashRewriting {
    /** Attributes that hold URLs, by element local name (ISO/IEC 23009-1 §5.3.9). */
    private static final Map<String, Set<String>> URL_ATTRIBUTES = Map.of(
            "SegmentTemplate", Set.of("media", "initialization", "index", "bitstreamSwitching"),
            "SegmentURL", Set.of("media", "index"),
            "Initialization", Set.of("sourceURL"),
            "RepresentationIndex", Set.of("sourceURL"),
            "BitstreamSwitching", Set.of("sourceURL"));
    /** Elements whose text is a URL (§5.6 BaseURL, §5.4 Location and PatchLocation). */
    private static final Set<String> URL_TEXT = Set.of("BaseURL", "Location", "PatchLocation");

    private final String xml;
    private final URI base;
    private final Function<URI, String> rewrite;
    private final StringBuilder out;
    private int copied;

    DashRewriting(String xml, URI base, Function<URI, String> rewrite) {
        this.xml = xml;
        this.base = base;
        this.rewrite = rewrite;
        this.out = new StringBuilder(xml.length() + 256);
    }

    String run() {
        int i = 0;
        while (true) {
            int lt = xml.indexOf('<', i);
            if (lt < 0) {
                break;
            }
            if (xml.startsWith("<!--", lt)) {
                i = after("-->", lt);
            } else if (xml.startsWith("<![CDATA[", lt)) {
                i = after("]]>", lt);
            } else if (xml.startsWith("<?", lt)) {
                i = after("?>", lt);
            } else if (xml.startsWith("<!", lt)) {
                int bracket = xml.indexOf('[', lt);
                int close = xml.indexOf('>', lt);
                i = bracket >= 0 && bracket < close ? after("]>", lt) : after(">", lt);
            } else if (xml.startsWith("</", lt)) {
                i = after(">", lt);
            } else {
                i = startTag(lt);
            }
        }
        out.append(xml, copied, xml.length());
        return out.toString();
    }

    /** Scans the start tag at {@code lt}; returns the index after it (after the element text for URL elements). */
    private int startTag(int lt) {
        int j = lt + 1;
        while (j < xml.length() && !isSpace(xml.charAt(j)) && xml.charAt(j) != '>' && xml.charAt(j) != '/') {
            j++;
        }
        String name = xml.substring(lt + 1, j);
        String local = name.substring(name.indexOf(':') + 1);
        Set<String> urlAttributes = URL_ATTRIBUTES.getOrDefault(local, Set.of());
        while (true) {
            while (j < xml.length() && isSpace(xml.charAt(j))) {
                j++;
            }
            if (j >= xml.length()) {
                throw cutOff(lt, "tag <" + name + ">");
            }
            if (xml.charAt(j) == '>') {
                j++;
                break;
            }
            if (xml.startsWith("/>", j)) {
                return j + 2;
            }
            int eq = xml.indexOf('=', j);
            if (eq < 0) {
                throw cutOff(lt, "tag <" + name + ">");
            }
            String attribute = xml.substring(j, eq).strip();
            int q = eq + 1;
            while (q < xml.length() && isSpace(xml.charAt(q))) {
                q++;
            }
            if (q >= xml.length() || (xml.charAt(q) != '"' && xml.charAt(q) != '\'')) {
                throw cutOff(lt, "attribute " + attribute + " of <" + name + ">");
            }
            int close = xml.indexOf(xml.charAt(q), q + 1);
            if (close < 0) {
                throw cutOff(lt, "attribute " + attribute + " of <" + name + ">");
            }
            String localAttribute = attribute.substring(attribute.indexOf(':') + 1);
            boolean xlinkHref = attribute.contains(":") && localAttribute.equals("href");
            if (urlAttributes.contains(attribute) || xlinkHref) {
                replace(q + 1, close, true);
            }
            j = close + 1;
        }
        if (URL_TEXT.contains(local)) {
            int textEnd = xml.indexOf('<', j);
            if (textEnd < 0) {
                throw cutOff(lt, "element <" + name + ">");
            }
            if (xml.startsWith("<![CDATA[", textEnd)) {
                int cdataEnd = xml.indexOf("]]>", textEnd);
                if (cdataEnd < 0) {
                    throw cutOff(textEnd, "CDATA section");
                }
                replace(textEnd + "<![CDATA[".length(), cdataEnd, false);
                return cdataEnd + 3;
            }
            replace(j, textEnd, true);
            return textEnd;
        }
        return j;
    }

    /** Replaces the URL in {@code xml[from, to)} (surrounding white space kept) if it is absolute. */
    private void replace(int from, int to, boolean escaped) {
        int s = from;
        int e = to;
        while (s < e && isSpace(xml.charAt(s))) {
            s++;
        }
        while (e > s && isSpace(xml.charAt(e - 1))) {
            e--;
        }
        String raw = xml.substring(s, e);
        String reference = escaped ? unescape(raw) : raw;
        if (reference.isEmpty() || !Urls.isRewritable(reference)) {
            return;
        }
        String replacement = rewrite.apply(Urls.resolve(base, reference, "MPD line " + line(s)));
        if (!escaped && replacement.contains("]]>")) {
            throw new IllegalArgumentException("replacement URL cannot stand in a CDATA section: '" + Text.quote(replacement) + "'");
        }
        out.append(xml, copied, s).append(escaped ? escape(replacement) : replacement);
        copied = e;
    }

    private int after(String terminator, int from) {
        int at = xml.indexOf(terminator, from + 1);
        if (at < 0) {
            throw cutOff(from, "markup '" + Text.quote(xml.substring(from, Math.min(xml.length(), from + 12))) + "'");
        }
        return at + terminator.length();
    }

    private ManifestException cutOff(int at, String what) {
        return new ManifestException("MPD line " + line(at) + ": " + what + " is not closed (truncated?)");
    }

    private int line(int offset) {
        int n = 1;
        for (int k = 0; k < offset && k < xml.length(); k++) {
            if (xml.charAt(k) == '\n') {
                n++;
            }
        }
        return n;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    static String unescape(String s) {
        if (s.indexOf('&') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            int semi = c == '&' ? s.indexOf(';', i) : -1;
            if (semi < 0) {
                b.append(c);
                i++;
                continue;
            }
            String entity = s.substring(i + 1, semi);
            switch (entity) {
                case "amp" -> b.append('&');
                case "lt" -> b.append('<');
                case "gt" -> b.append('>');
                case "quot" -> b.append('"');
                case "apos" -> b.append('\'');
                default -> {
                    try {
                        if (entity.startsWith("#x") || entity.startsWith("#X")) {
                            b.appendCodePoint(Integer.parseInt(entity.substring(2), 16));
                        } else if (entity.startsWith("#")) {
                            b.appendCodePoint(Integer.parseInt(entity.substring(1)));
                        } else {
                            b.append('&').append(entity).append(';');
                        }
                    } catch (IllegalArgumentException e) {
                        b.append('&').append(entity).append(';');
                    }
                }
            }
            i = semi + 1;
        }
        return b.toString();
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
