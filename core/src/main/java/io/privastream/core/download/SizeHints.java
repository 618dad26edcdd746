package io.privastream.core.download;

import io.privastream.core.media.ContentId;
import io.privastream.core.media.SegmentKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Remembers the last size seen per track, so the first request for a segment whose size nobody
 * announced can be bounded to the share its source should carry (MS-Stream splits need a size;
 * asking one server for the whole object and cutting it later wastes the bytes in flight and
 * the connection).
 *
 * <p>A track is a path with its segment number taken out: {@code chunk-stream2-00042.m4s} and
 * {@code chunk-stream2-00043.m4s} are one track. Bounded to {@code capacity} tracks, least
 * recently used forgotten first. Thread-safe.
 */
public final class SizeHints {
    private final int capacity;
    private final Map<String, Long> lastSize;

    /** @param capacity tracks remembered, at least 1 (an agent watches a few contents of a few tracks) */
    public SizeHints(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("size hints need a capacity >= 1, got " + capacity);
        }
        this.capacity = capacity;
        this.lastSize = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                return size() > SizeHints.this.capacity;
            }
        };
    }

    /** Records that {@code key} has {@code sizeBytes}. */
    public synchronized void record(SegmentKey key, long sizeBytes) {
        if (sizeBytes > 0) {
            lastSize.put(track(key.content(), key.path()), sizeBytes);
        }
    }

    /** The size of the last object seen on {@code key}'s track, if any. */
    public synchronized OptionalLong hint(SegmentKey key) {
        Long n = lastSize.get(track(key.content(), key.path()));
        return n == null ? OptionalLong.empty() : OptionalLong.of(n);
    }

    /** The track of a path: its last run of digits (the segment number) replaced by {@code #}. */
    static String track(ContentId content, String path) {
        int end = path.length();
        int dot = path.lastIndexOf('.');
        int slash = path.lastIndexOf('/');
        if (dot > slash) {
            end = dot;
        }
        int i = end - 1;
        while (i > slash && !Character.isDigit(path.charAt(i))) {
            i--;
        }
        if (i <= slash) {
            return content + "/" + path;
        }
        int digitsEnd = i + 1;
        while (i > slash && Character.isDigit(path.charAt(i))) {
            i--;
        }
        return content + "/" + path.substring(0, i + 1) + "#" + path.substring(digitsEnd);
    }
}
