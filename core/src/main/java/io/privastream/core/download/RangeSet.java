package io.privastream.core.download;

import io.privastream.core.media.ByteRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A set of byte offsets kept as disjoint, non-adjacent ranges: which bytes of an object have
 * arrived.
 *
 * <p>Not thread-safe; each download owns one.
 */
public final class RangeSet {
    /** start → end (exclusive); ranges never overlap or touch. */
    private final TreeMap<Long, Long> ranges = new TreeMap<>();
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
        Map.Entry<Long, Long> floor = ranges.floorEntry(start);
        if (floor != null && floor.getValue() >= start) {
            start = floor.getKey();
            end = Math.max(end, floor.getValue());
            coveredBytes -= floor.getValue() - floor.getKey();
            ranges.remove(floor.getKey());
        }
        Map.Entry<Long, Long> next = ranges.ceilingEntry(start);
        while (next != null && next.getKey() <= end) {
            end = Math.max(end, next.getValue());
            coveredBytes -= next.getValue() - next.getKey();
            ranges.remove(next.getKey());
            next = ranges.ceilingEntry(start);
        }
        ranges.put(start, end);
        coveredBytes += end - start;
        return coveredBytes - before;
    }

    /** Removes {@code range}; returns how many of its bytes were covered. */
    public long remove(ByteRange range) {
        if (range.isEmpty()) {
            return 0;
        }
        long before = coveredBytes;
        Map.Entry<Long, Long> e = ranges.lowerEntry(range.end());
        while (e != null && e.getValue() > range.start()) {
            long s = e.getKey();
            long end = e.getValue();
            ranges.remove(s);
            coveredBytes -= end - s;
            if (s < range.start()) {
                ranges.put(s, range.start());
                coveredBytes += range.start() - s;
            }
            if (end > range.end()) {
                ranges.put(range.end(), end);
                coveredBytes += end - range.end();
            }
            e = ranges.lowerEntry(s);
        }
        return before - coveredBytes;
    }

    /** Forgets every range. */
    public void clear() {
        ranges.clear();
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
        Map.Entry<Long, Long> floor = ranges.floorEntry(range.start());
        return floor != null && floor.getValue() >= range.end();
    }

    /** The length of the covered run starting at offset 0 (0 if byte 0 is missing). */
    public long prefixLength() {
        Long end = ranges.get(0L);
        return end == null ? 0 : end;
    }

    /**
     * Where the covered run holding {@code offset} ends: the first byte at or after
     * {@code offset} that is not covered ({@code offset} itself when it is not covered).
     */
    public long runEnd(long offset) {
        Map.Entry<Long, Long> floor = ranges.floorEntry(offset);
        return floor != null && floor.getValue() > offset ? floor.getValue() : offset;
    }

    /** The parts of {@code within} that are not covered, in order. */
    public List<ByteRange> missing(ByteRange within) {
        List<ByteRange> gaps = new ArrayList<>();
        long cursor = within.start();
        Map.Entry<Long, Long> floor = ranges.floorEntry(cursor);
        if (floor != null && floor.getValue() > cursor) {
            cursor = floor.getValue();
        }
        for (Map.Entry<Long, Long> e : ranges.tailMap(cursor, true).entrySet()) {
            if (e.getKey() >= within.end()) {
                break;
            }
            if (e.getKey() > cursor) {
                gaps.add(new ByteRange(cursor, e.getKey()));
            }
            cursor = Math.max(cursor, e.getValue());
        }
        if (cursor < within.end()) {
            gaps.add(new ByteRange(cursor, within.end()));
        }
        return gaps;
    }

    /** The covered ranges, in order. */
    public List<ByteRange> ranges() {
        List<ByteRange> out = new ArrayList<>(ranges.size());
        ranges.forEach((s, e) -> out.add(new ByteRange(s, e)));
        return out;
    }

    @Override
    public String toString() {
        return ranges().toString();
    }
}
