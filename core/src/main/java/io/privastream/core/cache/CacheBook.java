package io.privastream.core.cache;

import io.privastream.core.media.SegmentKey;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

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
    /**
     * Live entries in the order they were cached, so that expiry reads only what it drops
     * instead of every entry at every put (in the simulator, 100,000 agents each scanned their
     * whole window per segment). An entry replaced or removed since stays here, marked gone.
     */
    private final ArrayDeque<Entry> byAge = new ArrayDeque<>();
    /** False once a put went back in time (a clock that is not monotonic): expiry then scans. */
    private boolean agesInOrder = true;
    private long usedBytes;

    private static final class Entry {
        final SegmentKey key;
        final long sizeBytes;
        final long insertedNanos;
        final boolean live;
        boolean gone;

        Entry(SegmentKey key, long sizeBytes, long insertedNanos, boolean live) {
            this.key = key;
            this.sizeBytes = sizeBytes;
            this.insertedNanos = insertedNanos;
            this.live = live;
        }
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
        Entry entry = new Entry(key, sizeBytes, nowNanos, live);
        Entry old = lru.put(key, entry);
        if (old != null) {
            usedBytes -= old.sizeBytes;
            old.gone = true;
        }
        usedBytes += sizeBytes;
        if (live) {
            if (!byAge.isEmpty() && byAge.peekLast().insertedNanos > nowNanos) {
                agesInOrder = false;
            }
            byAge.addLast(entry);
        }
        List<SegmentKey> evicted = new ArrayList<>();
        expireInto(nowNanos, evicted);
        while (usedBytes > budgetBytes && !lru.isEmpty()) {
            drop(lru.firstEntry().getValue(), evicted); // least recently used first (reading firstEntry is not a use)
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
            usedBytes -= e.sizeBytes;
            e.gone = true;
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
        if (!agesInOrder) {
            expireByScan(nowNanos, evicted);
            return;
        }
        while (!byAge.isEmpty()) {
            Entry e = byAge.peekFirst();
            if (!e.gone && nowNanos - e.insertedNanos <= liveWindowNanos) {
                return; // every later entry was cached no earlier
            }
            byAge.pollFirst();
            if (!e.gone) {
                drop(e, evicted);
            }
        }
    }

    private void expireByScan(long nowNanos, List<SegmentKey> evicted) {
        for (Entry e : List.copyOf(lru.values())) {
            if (e.live && nowNanos - e.insertedNanos > liveWindowNanos) {
                drop(e, evicted);
            }
        }
        byAge.removeIf(e -> e.gone);
        if (byAge.isEmpty()) {
            agesInOrder = true;
        }
    }

    private void drop(Entry e, List<SegmentKey> evicted) {
        lru.remove(e.key);
        e.gone = true;
        usedBytes -= e.sizeBytes;
        evicted.add(e.key);
    }
}
