package io.privastream.manifest;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/** The two manifest formats this module reads. */
public enum ManifestKind {
    /** An MPEG-DASH Media Presentation Description (ISO/IEC 23009-1), XML with an {@code <MPD>} root. */
    DASH,
    /** An HLS playlist (RFC 8216), text starting with {@code #EXTM3U}. */
    HLS;

    /** How many leading bytes {@link #sniff} looks at for an {@code <MPD} root. */
    private static final int SNIFF_BYTES = 4096;

    /**
     * Tells the format of a manifest, by content first and by name second.
     *
     * <p>Content: after an optional UTF-8 byte order mark and white space, {@code #EXTM3U} means
     * HLS (RFC 8216 §4.3.1.1 makes it the first line); an {@code <MPD} element within the first
     * 4 KiB means DASH. Only when the content says neither does the hint count: a path ending in
     * {@code .mpd} or a content type {@code application/dash+xml} means DASH; {@code .m3u8},
     * {@code .m3u} or an {@code mpegurl} content type means HLS.
     *
     * @param head              the first bytes of the body (any length, may be empty)
     * @param pathOrContentType a URL path or a {@code Content-Type} value; may be empty
     * @return the format, or empty when neither content nor hint says
     */
    public static Optional<ManifestKind> sniff(byte[] head, String pathOrContentType) {
        String text = new String(head, 0, Math.min(head.length, SNIFF_BYTES), StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String stripped = text.stripLeading();
        if (stripped.startsWith("#EXTM3U")) {
            return Optional.of(HLS);
        }
        if (stripped.startsWith("<") && (text.contains("<MPD") || text.contains(":MPD"))) {
            return Optional.of(DASH);
        }
        String hint = pathOrContentType.toLowerCase(Locale.ROOT);
        int query = hint.indexOf('?');
        String path = query >= 0 ? hint.substring(0, query) : hint;
        if (path.endsWith(".mpd") || hint.contains("dash+xml")) {
            return Optional.of(DASH);
        }
        if (path.endsWith(".m3u8") || path.endsWith(".m3u") || hint.contains("mpegurl")) {
            return Optional.of(HLS);
        }
        return Optional.empty();
    }
}
