package io.privastream.core.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.privastream.core.media.ContentId;
import io.privastream.core.media.SegmentKey;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CacheBookTest {
    private static final ContentId C = ContentId.of("content0001");
    private static final long S = 1_000_000_000L;

    private static SegmentKey k(int n) {
        return new SegmentKey(C, "seg-" + n + ".m4s");
    }

    @Test
    void liveObjects_expireAfterTheWindow_vodObjectsStay() {
        CacheBook book = new CacheBook(Duration.ofSeconds(30), 1_000_000);
        book.put(k(1), 100, true, 0);
        book.put(k(2), 100, false, 0);
        book.put(k(3), 100, true, 10 * S);
        assertThat(book.expire(30 * S)).isEmpty();
        assertThat(book.expire(30 * S + 1)).containsExactly(k(1));
        assertThat(book.expire(41 * S)).containsExactly(k(3));
        assertThat(book.contains(k(2))).isTrue();
        assertThat(book.usedBytes()).isEqualTo(100);
    }

    @Test
    void overBudget_evictsLeastRecentlyUsed() {
        CacheBook book = new CacheBook(Duration.ofSeconds(30), 300);
        book.put(k(1), 100, false, 0);
        book.put(k(2), 100, false, 0);
        book.put(k(3), 100, false, 0);
        book.touch(k(1));
        assertThat(book.put(k(4), 100, false, 0)).containsExactly(k(2));
        assertThat(book.put(k(5), 150, false, 0)).containsExactly(k(3), k(1));
        assertThat(book.usedBytes()).isEqualTo(250);
        assertThat(book.size()).isEqualTo(2);
    }

    @Test
    void objectLargerThanBudget_isEvictedItself() {
        CacheBook book = new CacheBook(Duration.ofSeconds(30), 100);
        assertThat(book.put(k(1), 500, false, 0)).containsExactly(k(1));
        assertThat(book.usedBytes()).isZero();
    }

    @Test
    void replacingAnObject_doesNotDoubleCount() {
        CacheBook book = new CacheBook(Duration.ofSeconds(30), 1000);
        book.put(k(1), 100, false, 0);
        book.put(k(1), 300, false, 0);
        assertThat(book.usedBytes()).isEqualTo(300);
        assertThat(book.remove(k(1))).isTrue();
        assertThat(book.usedBytes()).isZero();
    }

    @Test
    void recachedLiveObject_expiresFromItsNewTime_andRemovedOnesNeverComeBack() {
        CacheBook book = new CacheBook(Duration.ofSeconds(30), 1_000_000);
        book.put(k(1), 100, true, 0);
        book.put(k(2), 100, true, S);
        book.put(k(1), 200, true, 20 * S); // cached again: its window starts over
        book.remove(k(2));
        assertThat(book.expire(40 * S)).isEmpty();
        assertThat(book.usedBytes()).isEqualTo(200);
        assertThat(book.expire(50 * S + 1)).containsExactly(k(1));
        assertThat(book.usedBytes()).isZero();
        assertThat(book.size()).isZero();
    }

    @Test
    void clockGoingBack_stillExpiresEveryOldObject() {
        CacheBook book = new CacheBook(Duration.ofSeconds(30), 1_000_000);
        book.put(k(1), 100, true, 20 * S);
        book.put(k(2), 100, true, 5 * S); // earlier than the object before it
        book.put(k(3), 100, true, 25 * S);
        assertThat(book.expire(36 * S)).containsExactly(k(2));
        assertThat(book.expire(51 * S)).containsExactlyInAnyOrder(k(1));
        assertThat(book.expire(56 * S)).containsExactly(k(3));
        assertThat(book.usedBytes()).isZero();
        book.put(k(4), 100, true, 60 * S); // in order again
        assertThat(book.expire(91 * S)).containsExactly(k(4));
    }

    @Test
    void objectEvictedForTheBudget_isNotExpiredAgain() {
        CacheBook book = new CacheBook(Duration.ofSeconds(30), 200);
        book.put(k(1), 100, true, 0);
        book.put(k(2), 100, true, 0);
        assertThat(book.put(k(3), 100, true, S)).containsExactly(k(1));
        assertThat(book.expire(31 * S + 1)).containsExactly(k(2), k(3));
        assertThat(book.usedBytes()).isZero();
    }
}
