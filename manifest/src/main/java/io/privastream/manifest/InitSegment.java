package io.privastream.manifest;

import io.privastream.core.media.ByteRange;
import java.net.URI;
import java.util.Optional;

/**
 * The initialization segment of a representation: the {@code moov} box a decoder needs before
 * any media segment (DASH {@code SegmentTemplate@initialization} or {@code Initialization};
 * HLS {@code EXT-X-MAP}, RFC 8216 §4.3.2.5).
 *
 * @param url   absolute URL of the resource holding it
 * @param range the bytes of {@code url} it occupies; empty for the whole resource
 */
public record InitSegment(URI url, Optional<ByteRange> range) {

    /** @throws IllegalArgumentException if {@code url} is not absolute */
    public InitSegment {
        if (url == null || !url.isAbsolute()) {
            throw new IllegalArgumentException("init segment URL must be absolute, got '" + url + "'");
        }
        if (range == null) {
            throw new IllegalArgumentException("range is required (Optional.empty() for the whole resource)");
        }
    }

    /** The whole resource at {@code url}. */
    public static InitSegment of(URI url) {
        return new InitSegment(url, Optional.empty());
    }
}
