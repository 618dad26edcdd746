package io.privastream.manifest;

import java.net.URI;
import java.util.Optional;

/**
 * One {@code EXT-X-STREAM-INF} entry of an HLS master playlist (RFC 8216 §4.3.4.2).
 *
 * @param uri                    absolute URL of its media playlist
 * @param bandwidthBitsPerSecond {@code BANDWIDTH}: peak rate of the whole variant, audio
 *                               included; 0 for the synthetic variant of a lone media playlist
 * @param width                  from {@code RESOLUTION}, 0 when absent
 * @param height                 from {@code RESOLUTION}, 0 when absent
 * @param codecs                 {@code CODECS}, empty when absent
 * @param audioGroup             {@code AUDIO}: the GROUP-ID of its audio renditions
 */
public record Variant(URI uri, long bandwidthBitsPerSecond, int width, int height, String codecs, Optional<String> audioGroup) {

    /** @throws IllegalArgumentException if a value is out of range */
    public Variant {
        if (uri == null || !uri.isAbsolute() || codecs == null || audioGroup == null) {
            throw new IllegalArgumentException("variant needs an absolute URI, codecs and audio group, got '" + uri + "'");
        }
        if (bandwidthBitsPerSecond < 0 || width < 0 || height < 0) {
            throw new IllegalArgumentException("variant " + uri + ": bandwidth, width, height must be >= 0");
        }
    }
}
