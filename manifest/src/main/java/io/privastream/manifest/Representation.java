package io.privastream.manifest;

import java.net.URI;
import java.util.Optional;

/**
 * One encoding of a track: a DASH {@code Representation} or an HLS variant stream or rendition.
 *
 * @param id                    the manifest's id (DASH {@code @id}); for HLS a stable
 *                              synthetic id, {@code v0}, {@code v1}... for variants in master
 *                              order and {@code a0}... for audio renditions; never empty
 * @param bandwidthBitsPerSecond the declared peak rate (DASH {@code @bandwidth}, HLS
 *                              {@code BANDWIDTH}, which includes muxed-in or grouped audio); 0 when
 *                              the manifest gives none (HLS renditions)
 * @param width                 picture width in pixels, 0 when not given
 * @param height                picture height in pixels, 0 when not given
 * @param codecs                RFC 6381 codecs string, empty when not given
 * @param init                  the initialization segment, empty when the media segments are
 *                              self-initializing (e.g. MPEG-TS)
 * @param segments              how to enumerate its media segments
 * @param playlist              HLS only: the media playlist to (re)load for its segments
 */
public record Representation(String id, long bandwidthBitsPerSecond, int width, int height, String codecs,
                             Optional<InitSegment> init, SegmentIndex segments, Optional<URI> playlist) {

    /** @throws IllegalArgumentException if a value is out of range (see the component docs) */
    public Representation {
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException("representation id must not be empty");
        }
        if (bandwidthBitsPerSecond < 0 || width < 0 || height < 0) {
            throw new IllegalArgumentException("representation '" + id + "': bandwidth, width and height must be >= 0, got "
                    + bandwidthBitsPerSecond + ", " + width + ", " + height);
        }
        if (codecs == null || init == null || segments == null || playlist == null) {
            throw new IllegalArgumentException("representation '" + id + "': codecs, init, segments and playlist are required");
        }
    }
}
