package io.privastream.core.playback;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * One track's buffered segments on the model's media timeline (nanoseconds from the first
 * buffered segment; each track's segments are laid end to end).
 */
final class TrackBuffer {
    /** No availability time given. */
    static final long UNKNOWN = Long.MIN_VALUE;

    /** A buffered, not fully played segment. */
    static final class Entry {
        final long start;
        final long end;
        final long bitrate;
        final long availableAtNanos;
        boolean begun;

        Entry(long start, long end, long bitrate, long availableAtNanos) {
            this.start = start;
            this.end = end;
            this.bitrate = bitrate;
            this.availableAtNanos = availableAtNanos;
        }
    }

    private final Deque<Entry> entries = new ArrayDeque<>();
    private long end;

    void add(long durationNanos, long bitrate, long availableAtNanos) {
        entries.addLast(new Entry(end, end + durationNanos, bitrate, availableAtNanos));
        end += durationNanos;
    }

    /** Media time just after the last buffered sample. */
    long end() {
        return end;
    }

    /** Number of buffered segments starting at or after {@code playhead}. */
    int wholeSegmentsFrom(long playhead) {
        int n = 0;
        for (Entry e : entries) {
            if (e.start >= playhead) {
                n++;
            }
        }
        return n;
    }

    Deque<Entry> entries() {
        return entries;
    }

    /** Drops segments that ended at or before {@code playhead}. */
    void dropPlayed(long playhead) {
        while (!entries.isEmpty() && entries.peekFirst().end <= playhead) {
            entries.removeFirst();
        }
    }
}
