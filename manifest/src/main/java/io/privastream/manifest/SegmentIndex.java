package io.privastream.manifest;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * How a representation's media segments are enumerated: an explicit list (DASH
 * {@code SegmentTimeline} or {@code SegmentList}, an HLS media playlist), a number template
 * computed from the clock (DASH {@code SegmentTemplate@duration}), or not known yet (an HLS
 * media playlist not loaded).
 *
 * <p>Immutable and thread-safe. Pure: the current time is always passed in.
 */
public sealed interface SegmentIndex permits ListedSegments, NumberedSegments, UnloadedSegments {

    /**
     * The segments a client may request at wall-clock time {@code now}, in number order.
     *
     * <p>VoD: all of them ({@code now} is ignored). Live DASH: those whose availability window
     * (ISO/IEC 23009-1 §5.3.9.5.3: from the segment availability start time until
     * {@code timeShiftBufferDepth} after its end) contains {@code now}; for a number template
     * at most the latest 10,000. Live HLS: every segment of the playlist as loaded, since a
     * playlist lists only segments that exist (RFC 8216 §6.2.2).
     */
    List<MediaSegment> available(Instant now);

    /**
     * The segment numbered {@code number}, whether or not it is available yet; empty when the
     * index does not (or no longer) contain it, e.g. past the end of a VoD presentation or
     * before the first segment of a live playlist.
     */
    Optional<MediaSegment> segment(long number);

    /** False only for an HLS media playlist that was not loaded; such an index holds no segments. */
    default boolean loaded() {
        return true;
    }

    /** An index over exactly {@code segments} (which must have increasing numbers), all available. */
    static SegmentIndex of(List<MediaSegment> segments) {
        return new ListedSegments(segments, false, Optional.empty());
    }
}
