package io.privastream.http;

import java.util.Locale;

/** Media types of the objects a streaming server handles, by file extension. */
public final class ContentTypes {
    /** DASH MPD (ISO/IEC 23009-1 Annex C). */
    public static final String DASH = "application/dash+xml";
    /** HLS playlist (RFC 8216 §4). */
    public static final String HLS = "application/vnd.apple.mpegurl";
    /** An ISO BMFF media segment. */
    public static final String SEGMENT = "video/iso.segment";
    /** JSON bodies of the APIs. */
    public static final String JSON = "application/json";

    private ContentTypes() {
    }

    /** The media type for {@code path}; {@code application/octet-stream} when unknown. */
    public static String forPath(String path) {
        String p = path.toLowerCase(Locale.ROOT);
        int q = p.indexOf('?');
        if (q >= 0) {
            p = p.substring(0, q);
        }
        if (p.endsWith(".mpd")) {
            return DASH;
        }
        if (p.endsWith(".m3u8")) {
            return HLS;
        }
        if (p.endsWith(".m4s")) {
            return SEGMENT;
        }
        if (p.endsWith(".mp4") || p.endsWith(".m4v")) {
            return "video/mp4";
        }
        if (p.endsWith(".m4a")) {
            return "audio/mp4";
        }
        if (p.endsWith(".ts")) {
            return "video/mp2t";
        }
        if (p.endsWith(".aac")) {
            return "audio/aac";
        }
        if (p.endsWith(".vtt")) {
            return "text/vtt";
        }
        if (p.endsWith(".json")) {
            return JSON;
        }
        return "application/octet-stream";
    }

    /** True for manifests (MPD or HLS playlist), judged by extension. */
    public static boolean isManifest(String path) {
        String type = forPath(path);
        return type.equals(DASH) || type.equals(HLS);
    }
}
