package io.privastream.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class UploadQueueTest {

    @Test
    void waiters_enterBestRankFirst_whenASlotFrees() throws Exception {
        UploadQueue queue = new UploadQueue(1);
        UploadQueue.Permit busy = queue.enter(0, Duration.ofSeconds(1)).orElseThrow();
        List<Long> order = new CopyOnWriteArrayList<>();
        List<Thread> threads = new java.util.ArrayList<>();
        for (long rank : new long[] {1, 5, 3}) {
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    Optional<UploadQueue.Permit> p = queue.enter(rank, Duration.ofSeconds(10));
                    order.add(rank);
                    p.orElseThrow().close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            assertThat(queue.awaitWaiting(threads.size(), Duration.ofSeconds(5))).isTrue();
        }
        busy.close();
        for (Thread t : threads) {
            t.join(Duration.ofSeconds(10));
        }
        assertThat(order).containsExactly(5L, 3L, 1L);
        assertThat(queue.active()).isZero();
    }

    @Test
    void aWaiterOutOfPatience_getsNothing_andLeavesTheQueue() throws Exception {
        UploadQueue queue = new UploadQueue(1);
        UploadQueue.Permit busy = queue.enter(9, Duration.ofSeconds(1)).orElseThrow();
        assertThat(queue.enter(100, Duration.ofMillis(50))).isEmpty();
        busy.close();
        assertThat(queue.enter(0, Duration.ofMillis(50))).isPresent();
    }
}
