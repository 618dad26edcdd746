package io.privastream.agent;

import io.privastream.core.cache.CacheBook;
import io.privastream.core.media.SegmentKey;
import io.privastream.core.time.Ticker;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The bytes of cached objects; {@link CacheBook} decides what stays.
 *
 * <p>Evicted keys are passed to {@code onEvict} (which announces the drop). Thread-safe.
 */
final class ObjectCache {
    private final ConcurrentHashMap<SegmentKey, CachedObject> objects = new ConcurrentHashMap<>();
    private final CacheBook book;
    private final Ticker ticker;
    private final Consumer<SegmentKey> onEvict;

    ObjectCache(CacheBook book, Ticker ticker, Consumer<SegmentKey> onEvict) {
        this.book = book;
        this.ticker = ticker;
        this.onEvict = onEvict;
    }

    /** The cached object, counting as a use. */
    Optional<CachedObject> get(SegmentKey key) {
        CachedObject o = objects.get(key);
        if (o != null) {
            book.touch(key);
        }
        return Optional.ofNullable(o);
    }

    /** Caches {@code object}; returns false if the budget would not even hold it alone. */
    boolean put(SegmentKey key, CachedObject object) {
        objects.put(key, object);
        List<SegmentKey> evicted = book.put(key, object.data().length, object.live(), ticker.nanos());
        boolean kept = true;
        for (SegmentKey e : evicted) {
            objects.remove(e);
            if (e.equals(key)) {
                kept = false;
            } else {
                onEvict.accept(e);
            }
        }
        return kept;
    }

    /** Drops live objects past the window. */
    void expire() {
        for (SegmentKey e : book.expire(ticker.nanos())) {
            objects.remove(e);
            onEvict.accept(e);
        }
    }

    /** Objects held. */
    int size() {
        return book.size();
    }

    /** Bytes held. */
    long bytes() {
        return book.usedBytes();
    }
}
