package io.privastream.core.swarm;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A swarm's holdings by announce time, for the live-window sweep: which were announced before a
 * time, oldest first (ties by peer, then path).
 *
 * <p>Holdings go into buckets of about 17 ms of announce time; only the buckets are ordered,
 * and a bucket's holdings are sorted when a sweep reads them. It replaced one skip list of all
 * holdings: at 100,000 viewers that list held millions of entries, and every announce paid
 * about twenty levels of cache misses and string compares to put one in and take its claim out
 * (a tenth of the simulator's time). Now an announce lands in the newest bucket, found without
 * a search, and the sweep, every 15 s, pays for the sorting.
 *
 * <p>Writers must hold the swarm's lock (bucket creation and removal are not atomic); readers
 * need none and see a weakly consistent view.
 */
final class AgeIndex {
    /** Bucket width: 2^24 ns, about 17 ms. */
    private static final int SHIFT = 24;
    private static final Comparator<HoldingEntry> OLDEST_FIRST = (a, b) -> {
        int c = Long.compare(a.announcedNanos(), b.announcedNanos());
        if (c == 0) {
            c = a.peer().compareTo(b.peer());
        }
        return c != 0 ? c : a.path().compareTo(b.path());
    };

    private final ConcurrentSkipListMap<Long, Set<HoldingEntry>> buckets = new ConcurrentSkipListMap<>();
    // The bucket announces went to last: nearly every announce goes to the same one.
    private long lastKey = Long.MIN_VALUE;
    private Set<HoldingEntry> last;

    void add(HoldingEntry entry) {
        long key = entry.announcedNanos() >> SHIFT;
        Set<HoldingEntry> bucket = key == lastKey && last != null ? last : buckets.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet());
        bucket.add(entry);
        lastKey = key;
        last = bucket;
    }

    void remove(HoldingEntry entry) {
        long key = entry.announcedNanos() >> SHIFT;
        Set<HoldingEntry> bucket = key == lastKey && last != null ? last : buckets.get(key);
        if (bucket != null && bucket.remove(entry) && bucket.isEmpty()) {
            buckets.remove(key);
            if (key == lastKey) {
                last = null;
            }
        }
    }

    /** Up to {@code max} holdings announced strictly before {@code nanos}, oldest first. */
    List<HoldingEntry> before(long nanos, int max) {
        List<HoldingEntry> out = new ArrayList<>();
        for (Map.Entry<Long, Set<HoldingEntry>> bucket : buckets.headMap(nanos >> SHIFT, true).entrySet()) {
            List<HoldingEntry> sorted = new ArrayList<>(bucket.getValue());
            sorted.sort(OLDEST_FIRST);
            for (HoldingEntry entry : sorted) {
                if (out.size() >= max || entry.announcedNanos() >= nanos) {
                    return out;
                }
                out.add(entry);
            }
        }
        return out;
    }
}
