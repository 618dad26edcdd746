package io.privastream.manifest;

import io.privastream.core.media.ByteRange;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One media segment of a representation.
 *
 * @param number      DASH {@code $Number$} ({@code startNumber} + index) or the HLS media
 *                    sequence number (RFC 8216 §4.3.3.2); at least 0. Segments of representations
 *                    in one track with the same number hold the same media time when the
 *                    manifest says they are aligned, as ffmpeg's output is.
 * @param start       presentation time of its first sample, from the start of the presentation
 *                    (DASH: Period start + timeline time - presentationTimeOffset). For live HLS,
 *                    which has no presentation timeline, it counts from the first segment of the
 *                    playlist as loaded, so it is only comparable within one load.
 * @param duration    media duration, positive
 * @param url         absolute URL of the resource holding it
 * @param range       the bytes of {@code url} it occupies; empty for the whole resource
 * @param availableAt live only: the wall-clock time from which the origin serves it (DASH:
 *                    segment availability start time, ISO/IEC 23009-1 §5.3.9.5.3; HLS: its
 *                    {@code EXT-X-PROGRAM-DATE-TIME} plus its duration); empty for VoD
 */
public record MediaSegment(long number, Duration start, Duration duration, URI url,
                           Optional<ByteRange> range, Optional<Instant> availableAt) {

    /** @throws IllegalArgumentException if a value is out of range (see the component docs) */
    public MediaSegment {
        if (number < 0) {
            throw new IllegalArgumentException("segment number must be >= 0, got " + number);
        }
        if (start == null || duration == null || range == null || availableAt == null) {
            throw new IllegalArgumentException("segment " + number + ": start, duration, range and availableAt are required");
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("segment " + number + ": duration must be positive, got " + duration);
        }
        if (url == null || !url.isAbsolute()) {
            throw new IllegalArgumentException("segment " + number + ": URL must be absolute, got '" + url + "'");
        }
    }

    /** The presentation time just after its last sample: {@code start + duration}. */
    public Duration end() {
        return start.plus(duration);
    }
}
