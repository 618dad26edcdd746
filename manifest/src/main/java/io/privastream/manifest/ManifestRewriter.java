package io.privastream.manifest;

import io.privastream.core.media.Text;
import java.net.URI;
import java.util.List;
import java.util.function.Function;

/**
 * Rewrites the absolute URLs inside a manifest, for the agent, which serves manifests to
 * players under its own base URL so that every request comes back through it.
 *
 * <p>Rewritten: absolute {@code http}/{@code https} URLs, network-path references
 * ({@code //host/path}) and absolute-path references ({@code /path}) (RFC 3986 §4.2), the last
 * two resolved against the manifest URL first, since none of them would come back to the agent
 * under the content's path. Left as they are: relative references (they resolve against the
 * agent's URL of the manifest, which is what we want), other schemes ({@code data:},
 * {@code skd:}), and every other byte of the text: the rewriting is targeted, never a
 * re-serialization, so signatures over unchanged parts, formatting and comments survive.
 *
 * <p>Pure and thread-safe. The function is called once per rewritten occurrence, in text
 * order; DASH template identifiers such as {@code $Number%05d$} stay in the URI passed to it.
 */
public final class ManifestRewriter {
    private ManifestRewriter() {
    }

    /**
     * Rewrites an MPD: the text of {@code BaseURL}, {@code Location} and {@code PatchLocation};
     * {@code SegmentTemplate@media/@initialization/@index/@bitstreamSwitching};
     * {@code SegmentURL@media/@index}; {@code @sourceURL} of {@code Initialization},
     * {@code RepresentationIndex} and {@code BitstreamSwitching}; and {@code xlink:href}.
     *
     * @param mpd             the MPD text
     * @param manifestUrl     where the MPD was fetched from (resolves {@code //host} references)
     * @param rewriteAbsolute maps an absolute URL to its replacement text (not yet XML-escaped)
     * @return the MPD with those URLs replaced, identical elsewhere
     * @throws ManifestException if the XML is cut off inside a tag, comment or attribute
     */
    public static String rewriteDash(String mpd, URI manifestUrl, Function<URI, String> rewriteAbsolute) {
        return new DashRewriting(mpd, manifestUrl, rewriteAbsolute).run();
    }

    /**
     * Rewrites an HLS playlist (master or media): URI lines, and quoted attributes named
     * {@code URI} or ending in {@code -URI} in any tag (EXT-X-MAP, EXT-X-MEDIA,
     * EXT-X-I-FRAME-STREAM-INF, EXT-X-KEY, EXT-X-SESSION-KEY, EXT-X-SESSION-DATA,
     * EXT-X-PRELOAD-HINT, EXT-X-RENDITION-REPORT, EXT-X-PART, EXT-X-CONTENT-STEERING...).
     * Line terminators and white space are kept as they were.
     *
     * @param playlist        the playlist text
     * @param playlistUrl     where it was fetched from (resolves {@code //host} references)
     * @param rewriteAbsolute maps an absolute URL to its replacement
     * @return the playlist with those URLs replaced, identical elsewhere
     * @throws IllegalArgumentException if a replacement cannot stand in a quoted string or
     *                                  on a line (it holds a quote or a line break)
     */
    public static String rewriteHls(String playlist, URI playlistUrl, Function<URI, String> rewriteAbsolute) {
        StringBuilder out = new StringBuilder(playlist.length() + 256);
        int pos = 0;
        int lineNumber = 0;
        while (pos < playlist.length()) {
            lineNumber++;
            int nl = playlist.indexOf('\n', pos);
            int next = nl < 0 ? playlist.length() : nl + 1;
            int end = nl < 0 ? playlist.length() : (nl > pos && playlist.charAt(nl - 1) == '\r' ? nl - 1 : nl);
            String line = playlist.substring(pos, end);
            out.append(rewriteHlsLine(line, playlistUrl, rewriteAbsolute, "playlist line " + lineNumber));
            out.append(playlist, end, next);
            pos = next;
        }
        return out.toString();
    }

    private static String rewriteHlsLine(String line, URI base, Function<URI, String> f, String where) {
        String stripped = line.strip();
        if (stripped.isEmpty()) {
            return line;
        }
        if (!stripped.startsWith("#")) {
            if (!Urls.isRewritable(stripped)) {
                return line;
            }
            int start = line.indexOf(stripped);
            return line.substring(0, start) + hlsReplacement(stripped, base, f, where, false)
                    + line.substring(start + stripped.length());
        }
        int colon = line.indexOf(':');
        if (!stripped.startsWith("#EXT") || colon < 0 || stripped.startsWith("#EXTINF")) {
            return line;
        }
        String attributes = line.substring(colon + 1);
        List<HlsAttributes.Span> spans;
        try {
            spans = HlsAttributes.spans(attributes, where);
        } catch (ManifestException notAnAttributeList) {
            return line; // e.g. #EXT-X-PROGRAM-DATE-TIME: a value, not an attribute list
        }
        StringBuilder out = new StringBuilder(line.length() + 64).append(line, 0, colon + 1);
        int copied = 0;
        for (HlsAttributes.Span span : spans) {
            String name = span.name();
            if (!span.quoted() || !(name.equals("URI") || name.endsWith("-URI"))) {
                continue;
            }
            String value = attributes.substring(span.valueStart() + 1, span.valueEnd() - 1);
            if (Urls.isRewritable(value)) {
                out.append(attributes, copied, span.valueStart() + 1).append(hlsReplacement(value, base, f, where, true));
                copied = span.valueEnd() - 1;
            }
        }
        return out.append(attributes, copied, attributes.length()).toString();
    }

    private static String hlsReplacement(String reference, URI base, Function<URI, String> f, String where, boolean quoted) {
        String replacement = f.apply(Urls.resolve(base, reference, where));
        if (replacement.indexOf('\n') >= 0 || replacement.indexOf('\r') >= 0 || (quoted && replacement.indexOf('"') >= 0)) {
            throw new IllegalArgumentException(where + ": replacement URL cannot stand in a playlist: '" + Text.quote(replacement) + "'");
        }
        return replacement;
    }
}
