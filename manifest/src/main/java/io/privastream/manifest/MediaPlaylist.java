package io.privastream.manifest;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * An HLS media playlist (RFC 8216 §4.3.3).
 *
 * @param url            where it was fetched from
 * @param targetDuration {@code EXT-X-TARGETDURATION}, positive
 * @param mediaSequence  {@code EXT-X-MEDIA-SEQUENCE}: the number of its first segment
 * @param ended          {@code EXT-X-ENDLIST} present: no segment will be added (VoD)
 * @param init           the first {@code EXT-X-MAP}
 * @param segments       in playlist order, numbered from {@code mediaSequence}
 */
public record MediaPlaylist(URI url, Duration targetDuration, long mediaSequence, boolean ended,
                            Optional<InitSegment> init, List<MediaSegment> segments) {

    /** @throws IllegalArgumentException if a value is out of range */
    public MediaPlaylist {
        if (url == null || targetDuration == null || init == null || segments == null) {
            throw new IllegalArgumentException("media playlist components are required");
        }
        if (!targetDuration.isPositive() || mediaSequence < 0) {
            throw new IllegalArgumentException("media playlist " + url + ": target duration must be positive and media"
                    + " sequence >= 0, got " + targetDuration + ", " + mediaSequence);
        }
        segments = List.copyOf(segments);
    }

    /** The sum of its segment durations. */
    public Duration totalDuration() {
        return segments.stream().map(MediaSegment::duration).reduce(Duration.ZERO, Duration::plus);
    }
}
