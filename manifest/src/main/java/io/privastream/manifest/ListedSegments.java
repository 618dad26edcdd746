package io.privastream.manifest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** An explicit list of segments: a DASH SegmentTimeline or SegmentList, or an HLS media playlist. */
final class ListedSegments implements SegmentIndex {
    private final List<MediaSegment> segments;
    private final boolean enforceAvailability;
    private final Optional<Duration> timeShiftBufferDepth;

    /**
     * @param enforceAvailability whether {@link #available} filters by each segment's
     *                            availability time (DASH live) or lists everything (HLS, VoD)
     */
    ListedSegments(List<MediaSegment> segments, boolean enforceAvailability, Optional<Duration> timeShiftBufferDepth) {
        for (int i = 1; i < segments.size(); i++) {
            if (segments.get(i).number() <= segments.get(i - 1).number()) {
                throw new IllegalArgumentException("segment numbers must increase, got " + segments.get(i - 1).number()
                        + " then " + segments.get(i).number());
            }
        }
        this.segments = List.copyOf(segments);
        this.enforceAvailability = enforceAvailability;
        this.timeShiftBufferDepth = timeShiftBufferDepth;
    }

    @Override
    public List<MediaSegment> available(Instant now) {
        if (!enforceAvailability) {
            return segments;
        }
        return segments.stream().filter(s -> isAvailable(s, now)).toList();
    }

    private boolean isAvailable(MediaSegment s, Instant now) {
        if (s.availableAt().isEmpty()) {
            return true;
        }
        Instant from = s.availableAt().get();
        if (now.isBefore(from)) {
            return false;
        }
        // §5.3.9.5.3: available until TimeShiftBufferDepth after the segment's end.
        return timeShiftBufferDepth.map(depth -> !now.isAfter(from.plus(depth).plus(s.duration()))).orElse(true);
    }

    @Override
    public Optional<MediaSegment> segment(long number) {
        if (segments.isEmpty()) {
            return Optional.empty();
        }
        // Numbers are usually contiguous: try the direct offset before searching.
        long offset = number - segments.getFirst().number();
        if (offset >= 0 && offset < segments.size() && segments.get((int) offset).number() == number) {
            return Optional.of(segments.get((int) offset));
        }
        int lo = 0;
        int hi = segments.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long n = segments.get(mid).number();
            if (n == number) {
                return Optional.of(segments.get(mid));
            }
            if (n < number) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return segments.isEmpty() ? "ListedSegments[]"
                : "ListedSegments[" + segments.getFirst().number() + ".." + segments.getLast().number() + "]";
    }
}
