package io.privastream.manifest;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a manifest describes, in one model for DASH and HLS.
 *
 * @param kind                       the format it was read from
 * @param url                        the absolute URL the manifest was fetched from; relative
 *                                   references were resolved against it
 * @param live                       DASH {@code type="dynamic"}; HLS: no {@code EXT-X-ENDLIST}
 * @param duration                   VoD: total length (DASH {@code mediaPresentationDuration},
 *                                   HLS sum of {@code EXTINF}); empty for live
 * @param minBufferTime              DASH {@code @minBufferTime}; HLS: the target duration
 * @param minimumUpdatePeriod        live: how often to reload the manifest (DASH
 *                                   {@code @minimumUpdatePeriod}, may be zero; HLS: the target
 *                                   duration, RFC 8216 §6.3.4)
 * @param availabilityStartTime      DASH live: the anchor of segment availability times
 * @param timeShiftBufferDepth       live: how long segments stay available after they appear
 * @param suggestedPresentationDelay live: how far behind the live edge to play (DASH
 *                                   {@code @suggestedPresentationDelay}; HLS: three target
 *                                   durations, RFC 8216 §6.3.3)
 * @param maxSegmentDuration         the longest media segment, when known
 * @param location                   DASH {@code Location}: where to reload the MPD from
 * @param periods                    in presentation order; never empty
 */
public record Presentation(ManifestKind kind, URI url, boolean live, Optional<Duration> duration,
                           Duration minBufferTime, Optional<Duration> minimumUpdatePeriod,
                           Optional<Instant> availabilityStartTime, Optional<Duration> timeShiftBufferDepth,
                           Optional<Duration> suggestedPresentationDelay, Optional<Duration> maxSegmentDuration,
                           Optional<URI> location, List<Period> periods) {

    /** @throws IllegalArgumentException if there are no periods or a component is missing */
    public Presentation {
        if (kind == null || url == null || duration == null || minBufferTime == null || minimumUpdatePeriod == null
                || availabilityStartTime == null || timeShiftBufferDepth == null || suggestedPresentationDelay == null
                || maxSegmentDuration == null || location == null || periods == null) {
            throw new IllegalArgumentException("every presentation component is required (use Optional.empty())");
        }
        if (periods.isEmpty()) {
            throw new IllegalArgumentException("a presentation needs at least one period: " + url);
        }
        periods = List.copyOf(periods);
    }

    /** The URL to reload the manifest from: {@link #location()} when given, else {@link #url()}. */
    public URI refreshUrl() {
        return location.orElse(url);
    }
}
