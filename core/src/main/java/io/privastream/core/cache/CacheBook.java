package io.privastream.core.cache;

import io.privastream.core.media.SegmentKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides what an agent's cache keeps: a live window and a byte budget.
 *
 * <p>Objects of live content are dropped once older than {@code liveWindow} (counted from when
 * they were cached: past the window no player still needs them, and the tracker has forgotten
 * them too). Every object, live or not, counts against {@code budgetBytes}; beyond it the least
 * recently used go first. The book only tracks keys and sizes; the caller holds the bytes and
 * drops the ones whose keys are returned as evicted.
 *
 * <p>Thread-safe. Times are ticker nanos.
 */
public final class CacheBook {
    private final long liveWindowNanos;
    private final long budgetBytes;
    private final LinkedHashMap<SegmentKey, Entry> lru = new LinkedHashMap<>(256, 0.75f, true);
    private long usedBytes;

    private record Entry(long sizeBytes, long insertedNanos, boolean live) {
    }

    /**
     * @param liveWindow  how long live objects are kept (default 30 s)
     * @param budgetBytes most bytes held in all (default 512 MiB); at least 1
     * @throws IllegalArgumentException if the window is not positive or the budget below 1
     */
    public CacheBook(Duration liveWindow, long budgetBytes) {
        if (liveWindow.isNegative() || liveWindow.isZero() || budgetBytes < 1) {
            throw new IllegalArgumentException("cache needs a window > 0 and a budget >= 1 byte, got " + liveWindow + ", " + budgetBytes);
        }
        this.liveWindowNanos = liveWindow.toNanos();
        this.budgetBytes = budgetBytes;
    }

    /**
     * Records that {@code key} of {@code sizeBytes} is now cached.
     *
     * @return keys to drop, possibly including {@code key} itself when it alone exceeds the budget
     */
    public synchronized List<SegmentKey> put(SegmentKey key, long sizeBytes, boolean live, long nowNanos) {
        Entry old = lru.put(key, new Entry(sizeBytes, nowNanos, live));
        if (old != null) {
            usedBytes -= old.sizeBytes();
        }
        usedBytes += sizeBytes;
        List<SegmentKey> evicted = new ArrayList<>();
        expireInto(nowNanos, evicted);
        Iterator<Map.Entry<SegmentKey, Entry>> it = lru.entrySet().iterator();
        while (usedBytes > budgetBytes && it.hasNext()) {
            Map.Entry<SegmentKey, Entry> e = it.next();
            usedBytes -= e.getValue().sizeBytes();
            evicted.add(e.getKey());
            it.remove();
        }
        return evicted;
    }

    /** Marks {@code key} as just used (a hit). Returns false if it is not cached. */
    public synchronized boolean touch(SegmentKey key) {
        return lru.get(key) != null;
    }

    /** Drops live objects older than the window; returns their keys. */
    public synchronized List<SegmentKey> expire(long nowNanos) {
        List<SegmentKey> evicted = new ArrayList<>();
        expireInto(nowNanos, evicted);
        return evicted;
    }

    /** Forgets {@code key} (e.g. its bytes turned out bad). Returns false if it was not cached. */
    public synchronized boolean remove(SegmentKey key) {
        Entry e = lru.remove(key);
        if (e != null) {
            usedBytes -= e.sizeBytes();
        }
        return e != null;
    }

    /** True if {@code key} is cached (does not count as a use). */
    public synchronized boolean contains(SegmentKey key) {
        return lru.containsKey(key);
    }

    /** Bytes currently held. */
    public synchronized long usedBytes() {
        return usedBytes;
    }

    /** Objects currently held. */
    public synchronized int size() {
        return lru.size();
    }

    private void expireInto(long nowNanos, List<SegmentKey> evicted) {
        Iterator<Map.Entry<SegmentKey, Entry>> it = lru.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<SegmentKey, Entry> e = it.next();
            Entry v = e.getValue();
            if (v.live() && nowNanos - v.insertedNanos() > liveWindowNanos) {
                usedBytes -= v.sizeBytes();
                evicted.add(e.getKey());
                it.remove();
            }
        }
    }
}
