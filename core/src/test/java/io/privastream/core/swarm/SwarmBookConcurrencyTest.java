package io.privastream.core.swarm;

import static io.privastream.core.swarm.SwarmFixture.LIVE;
import static io.privastream.core.swarm.SwarmFixture.peer;
import static org.assertj.core.api.Assertions.assertThat;

import io.privastream.core.time.ManualTicker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Bounds hold and indexes agree when many threads change one swarm at once. */
class SwarmBookConcurrencyTest {

    @Test
    void concurrentJoins_neverExceedMaxPeers() throws Exception {
        SwarmFixture swarm = new SwarmFixture(SwarmFixture.policy().maxPeersPerSwarm(500).build());
        AtomicInteger refused = new AtomicInteger();
        runOnThreads(4, 400, (thread, i) -> {
            try {
                swarm.join(LIVE, thread * 1000 + i);
            } catch (SwarmLimitException e) {
                refused.incrementAndGet();
            }
        });

        assertThat(swarm.book.stats(LIVE)).get().extracting(SwarmSummary::peers).isEqualTo(500);
        assertThat(refused).hasValue(1600 - 500);
    }

    @Test
    void concurrentAnnouncesLeavesAndSweeps_leaveTheIndexesInAgreement() throws Exception {
        InMemorySwarmStore store = new InMemorySwarmStore();
        ManualTicker clock = new ManualTicker();
        SwarmBook book = new SwarmBook(SwarmFixture.policy().build(), store, clock);
        runOnThreads(4, 300, (thread, i) -> {
            var peer = peer(thread * 1000 + i % 50);
            try {
                book.join(LIVE, peer, "e", SwarmMode.LIVE);
                book.announce(LIVE, peer, List.of(new HeldObject("s" + i % 7 + ".m4s", 1),
                        new HeldObject("s" + i % 5 + ".m4s", 1)), List.of("s" + i % 3 + ".m4s"));
                if (i % 3 == 0) {
                    book.leave(LIVE, peer);
                }
                if (i % 10 == 0) {
                    clock.advance(Duration.ofSeconds(1));
                    book.expire();
                }
                book.holders(LIVE, "s1.m4s", 8);
            } catch (NotInSwarmException expected) {
                // another thread's sweep may have expired this peer in between
            }
        });

        List<PeerEntry> listed = store.peersFreshestFirst(LIVE).toList();
        long byPeer = listed.stream().mapToLong(p -> store.holdingCount(LIVE, p.peer())).sum();
        long byObject = 0;
        for (int s = 0; s < 7; s++) {
            for (HoldingEntry holding : store.holdersOf(LIVE, "s" + s + ".m4s")) {
                assertThat(store.peer(LIVE, holding.peer())).as("holder %s is listed", holding.peer()).isPresent();
                byObject++;
            }
        }
        assertThat(listed).hasSize(store.peerCount(LIVE));
        assertThat(store.holdingCount(LIVE)).isEqualTo(byPeer).isEqualTo(byObject)
                .isEqualTo(store.holdingsAnnouncedBefore(LIVE, Long.MAX_VALUE, Integer.MAX_VALUE).size());
    }

    private interface Step {
        void run(int thread, int iteration);
    }

    private static void runOnThreads(int threads, int iterations, Step step) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < iterations; i++) {
                        step.run(thread, i);
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        }
    }
}
