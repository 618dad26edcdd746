package io.privastream.manifest;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A DASH {@code SegmentTemplate} with {@code @duration} and no SegmentTimeline: segment
 * {@code k} (0-based) covers {@code [k·d, (k+1)·d)} of its Period, and in a dynamic MPD becomes
 * available at {@code availabilityStartTime + Period@start + (k+1)·d - availabilityTimeOffset}
 * (ISO/IEC 23009-1 §5.3.9.5.3), so the list is computed from the clock, not read.
 */
final class NumberedSegments implements SegmentIndex {
    /** Bound on {@link #available} for live streams without a time-shift buffer depth. */
    static final int MAX_LISTED = 10_000;

    private final UrlTemplate media;
    private final URI base;
    private final String representationId;
    private final long bandwidth;
    private final long startNumber;
    private final long durationTicks;
    private final long timescale;
    private final long presentationTimeOffset;
    private final Duration periodStart;
    private final Optional<Duration> periodDuration;
    private final Optional<Instant> availabilityStart;
    private final Optional<Duration> timeShiftBufferDepth;
    private final Duration availabilityTimeOffset;

    /**
     * @param availabilityStart present for a dynamic MPD: {@code availabilityStartTime}
     * @param periodDuration    bounds the number of segments; required when not live
     */
    NumberedSegments(UrlTemplate media, URI base, String representationId, long bandwidth, long startNumber,
                     long durationTicks, long timescale, long presentationTimeOffset, Duration periodStart,
                     Optional<Duration> periodDuration, Optional<Instant> availabilityStart,
                     Optional<Duration> timeShiftBufferDepth, Duration availabilityTimeOffset) {
        this.media = media;
        this.base = base;
        this.representationId = representationId;
        this.bandwidth = bandwidth;
        this.startNumber = startNumber;
        this.durationTicks = durationTicks;
        this.timescale = timescale;
        this.presentationTimeOffset = presentationTimeOffset;
        this.periodStart = periodStart;
        this.periodDuration = periodDuration;
        this.availabilityStart = availabilityStart;
        this.timeShiftBufferDepth = timeShiftBufferDepth;
        this.availabilityTimeOffset = availabilityTimeOffset;
    }

    private Duration nominal() {
        return XsTypes.ticks(durationTicks, timescale);
    }

    /** Number of segments in the period, when its duration is known: ceil(duration / d). */
    private Optional<Long> count() {
        return periodDuration.map(pd -> {
            long nanos = pd.toNanos();
            long d = nominal().toNanos();
            return (nanos + d - 1) / d;
        });
    }

    @Override
    public Optional<MediaSegment> segment(long number) {
        long k = number - startNumber;
        if (k < 0 || count().map(c -> k >= c).orElse(false)) {
            return Optional.empty();
        }
        return Optional.of(build(k));
    }

    private MediaSegment build(long k) {
        Duration offset = XsTypes.ticks(Math.multiplyExact(k, durationTicks), timescale);
        Duration length = nominal();
        if (periodDuration.isPresent() && offset.plus(length).compareTo(periodDuration.get()) > 0) {
            // §5.3.9.5.3: the last segment of a Period may be shorter; it ends with the Period.
            length = periodDuration.get().minus(offset);
        }
        long number = startNumber + k;
        long time = presentationTimeOffset + k * durationTicks;
        URI url = Urls.resolve(base, media.expand(representationId, number, bandwidth, time),
                "SegmentTemplate@media of Representation '" + representationId + "'");
        Optional<Instant> availableAt = availabilityStart.map(ast ->
                ast.plus(periodStart).plus(offset).plus(nominal()).minus(availabilityTimeOffset));
        return new MediaSegment(number, periodStart.plus(offset), length, url, Optional.empty(), availableAt);
    }

    @Override
    public List<MediaSegment> available(Instant now) {
        long first = 0;
        long last;
        if (availabilityStart.isEmpty()) {
            last = count().orElseThrow() - 1;
        } else {
            // Segment k is available once ast + ps + (k+1)d - ato <= now.
            Duration sinceStart = Duration.between(availabilityStart.get().plus(periodStart), now).plus(availabilityTimeOffset);
            last = Math.floorDiv(sinceStart.toNanos(), nominal().toNanos()) - 1;
            if (timeShiftBufferDepth.isPresent()) {
                // ...and stays so until its end plus the depth: ast + ps + (k+1)d + tsbd + d >= now.
                first = Math.max(0, Math.ceilDiv(sinceStart.minus(timeShiftBufferDepth.get()).toNanos(), nominal().toNanos()) - 2);
            }
            first = Math.max(first, last - MAX_LISTED + 1);
            if (count().isPresent()) {
                last = Math.min(last, count().get() - 1);
            }
        }
        List<MediaSegment> out = new ArrayList<>();
        for (long k = first; k <= last; k++) {
            out.add(build(k));
        }
        return out;
    }

    @Override
    public String toString() {
        return "NumberedSegments[" + media + " from " + startNumber + ", d=" + nominal() + "]";
    }
}
