package io.privastream.core.download;

import io.privastream.core.media.ByteRange;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A set of byte offsets kept as disjoint, non-adjacent ranges: which bytes of an object have
 * arrived.
 *
 * <p>The ranges sit in two parallel sorted arrays, not a tree: a download holds a handful of
 * ranges, and relays ask where a run ends ({@link #runEnd}) millions of times in a large
 * simulation, where a binary search over one array beats walking boxed tree nodes.
 *
 * <p>Not thread-safe; each download owns one.
 */
public final class RangeSet {
    /** Starts of the ranges, ascending; {@code starts[i] < ends[i] < starts[i + 1]} (never overlapping or touching). */
    private long[] starts = new long[4];
    /** Ends (exclusive) of the ranges, same order. */
    private long[] ends = new long[4];
    private int count;
    private long coveredBytes;

    /**
     * Adds {@code range} and returns how many of its bytes were new.
     */
    public long add(ByteRange range) {
        if (range.isEmpty()) {
            return 0;
        }
        long start = range.start();
        long end = range.end();
        long before = coveredBytes;
        // The ranges merged with the new one are [first, last): the one at or before its start that
        // reaches it, and every one starting within it.
        int first = floor(start);
        if (first >= 0 && ends[first] >= start) {
            start = starts[first];
        } else {
            first++;
        }
        int last = first;
        while (last < count && starts[last] <= end) {
            end = Math.max(end, ends[last]);
            coveredBytes -= ends[last] - starts[last];
            last++;
        }
        if (last == first) {
            insertAt(first);
        } else if (last > first + 1) {
            removeRange(first + 1, last);
        }
        starts[first] = start;
        ends[first] = end;
        coveredBytes += end - start;
        return coveredBytes - before;
    }

    /** Removes {@code range}; returns how many of its bytes were covered. */
    public long remove(ByteRange range) {
        if (range.isEmpty()) {
            return 0;
        }
        long before = coveredBytes;
        long from = range.start();
        long to = range.end();
        // The ranges it touches are [first, last).
        int first = floor(from);
        if (first < 0 || ends[first] <= from) {
            first++;
        }
        int last = first;
        while (last < count && starts[last] < to) {
            last++;
        }
        if (first == last) {
            return 0;
        }
        long headStart = starts[first];
        long tailEnd = ends[last - 1];
        for (int i = first; i < last; i++) {
            coveredBytes -= ends[i] - starts[i];
        }
        removeRange(first, last);
        int at = first;
        if (headStart < from) {
            insertAt(at);
            starts[at] = headStart;
            ends[at] = from;
            coveredBytes += from - headStart;
            at++;
        }
        if (tailEnd > to) {
            insertAt(at);
            starts[at] = to;
            ends[at] = tailEnd;
            coveredBytes += tailEnd - to;
        }
        return before - coveredBytes;
    }

    /** Forgets every range. */
    public void clear() {
        count = 0;
        coveredBytes = 0;
    }

    /** Number of bytes covered. */
    public long coveredBytes() {
        return coveredBytes;
    }

    /** True if every byte of {@code range} is covered. */
    public boolean covers(ByteRange range) {
        if (range.isEmpty()) {
            return true;
        }
        int i = floor(range.start());
        return i >= 0 && ends[i] >= range.end();
    }

    /** The length of the covered run starting at offset 0 (0 if byte 0 is missing). */
    public long prefixLength() {
        return count > 0 && starts[0] == 0 ? ends[0] : 0;
    }

    /**
     * Where the covered run holding {@code offset} ends: the first byte at or after
     * {@code offset} that is not covered ({@code offset} itself when it is not covered).
     */
    public long runEnd(long offset) {
        int i = floor(offset);
        return i >= 0 && ends[i] > offset ? ends[i] : offset;
    }

    /** The parts of {@code within} that are not covered, in order. */
    public List<ByteRange> missing(ByteRange within) {
        List<ByteRange> gaps = new ArrayList<>();
        long cursor = within.start();
        int i = floor(cursor);
        if (i >= 0 && ends[i] > cursor) {
            cursor = ends[i];
        }
        // The ranges starting at or after the cursor, as the tree's tail map would give them.
        for (int j = ceiling(cursor); j < count; j++) {
            if (starts[j] >= within.end()) {
                break;
            }
            if (starts[j] > cursor) {
                gaps.add(new ByteRange(cursor, starts[j]));
            }
            cursor = Math.max(cursor, ends[j]);
        }
        if (cursor < within.end()) {
            gaps.add(new ByteRange(cursor, within.end()));
        }
        return gaps;
    }

    /** The covered ranges, in order. */
    public List<ByteRange> ranges() {
        List<ByteRange> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(new ByteRange(starts[i], ends[i]));
        }
        return out;
    }

    @Override
    public String toString() {
        return ranges().toString();
    }

    /** Index of the last range starting at or before {@code offset}, or -1. */
    private int floor(long offset) {
        int lo = 0;
        int hi = count - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (starts[mid] <= offset) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return hi;
    }

    /** Index of the first range starting at or after {@code offset} ({@code count} if none). */
    private int ceiling(long offset) {
        int i = floor(offset);
        return i >= 0 && starts[i] == offset ? i : i + 1;
    }

    /** Opens a slot at {@code at}, shifting later ranges up. */
    private void insertAt(int at) {
        if (count == starts.length) {
            starts = Arrays.copyOf(starts, count * 2);
            ends = Arrays.copyOf(ends, count * 2);
        }
        System.arraycopy(starts, at, starts, at + 1, count - at);
        System.arraycopy(ends, at, ends, at + 1, count - at);
        count++;
    }

    /** Removes the ranges at [from, to), shifting later ones down. */
    private void removeRange(int from, int to) {
        System.arraycopy(starts, to, starts, from, count - to);
        System.arraycopy(ends, to, ends, from, count - to);
        count -= to - from;
    }
}
