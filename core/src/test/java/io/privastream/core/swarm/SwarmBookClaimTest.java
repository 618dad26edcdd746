package io.privastream.core.swarm;

import static io.privastream.core.swarm.SwarmFixture.LIVE;
import static io.privastream.core.swarm.SwarmFixture.peer;
import static org.assertj.core.api.Assertions.assertThat;

import io.privastream.core.media.PeerId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SwarmBookClaimTest {
    private static final String SEG = "chunk-stream0-00042.m4s";

    @Test
    void everyAskerBecomesPending_andIsSentToThoseWhoAskedBefore() {
        SwarmFixture f = new SwarmFixture();
        f.join(LIVE, 1);
        f.join(LIVE, 2);
        f.join(LIVE, 3);

        Lookup first = f.book.claim(LIVE, SEG, peer(1), 8);
        assertThat(first.claimed()).isTrue();
        assertThat(first.holders()).isEmpty();

        Lookup second = f.book.claim(LIVE, SEG, peer(2), 8);
        assertThat(second.claimed()).isTrue();
        assertThat(second.holders()).singleElement().satisfies(h -> {
            assertThat(h.peer()).isEqualTo(peer(1));
            assertThat(h.pending()).isTrue();
            assertThat(h.sizeBytes()).isZero();
        });
        Lookup third = f.book.claim(LIVE, SEG, peer(3), 8);
        assertThat(third.claimed()).isTrue();
        assertThat(third.holders()).extracting(HolderInfo::peer).containsExactlyInAnyOrder(peer(1), peer(2));
        // Asking again claims nothing more, and a peer never sees its own claim.
        Lookup again = f.book.claim(LIVE, SEG, peer(1), 8);
        assertThat(again.claimed()).isFalse();
        assertThat(again.holders()).extracting(HolderInfo::peer).containsExactlyInAnyOrder(peer(2), peer(3));
    }

    @Test
    void announcingTheObject_makesTheClaimComplete() {
        SwarmFixture f = new SwarmFixture();
        f.join(LIVE, 1);
        f.join(LIVE, 2);
        f.book.claim(LIVE, SEG, peer(1), 8);
        f.have(LIVE, 1, SEG);

        assertThat(f.book.claim(LIVE, SEG, peer(2), 8).holders()).singleElement()
                .satisfies(h -> {
                    assertThat(h.pending()).isFalse();
                    assertThat(h.sizeBytes()).isEqualTo(1000);
                });
    }

    @Test
    void staleClaims_areNoLongerHandedOut_andSwept() {
        SwarmFixture f = new SwarmFixture(SwarmFixture.policy().claimTtl(Duration.ofSeconds(4)).build());
        f.join(LIVE, 1);
        f.join(LIVE, 2);
        f.book.claim(LIVE, SEG, peer(1), 8);
        f.advance(Duration.ofSeconds(4));
        f.book.heartbeat(LIVE, peer(1));
        assertThat(f.holders(LIVE, SEG)).containsExactly(peer(1));
        f.advance(Duration.ofMillis(1));
        assertThat(f.holders(LIVE, SEG)).isEmpty();
        assertThat(f.book.expire().holdings()).isEqualTo(1);
        // The next asker claims it afresh.
        assertThat(f.book.claim(LIVE, SEG, peer(2), 8).claimed()).isTrue();
    }

    @Test
    void droppingAClaim_releasesIt() {
        SwarmFixture f = new SwarmFixture();
        f.join(LIVE, 1);
        f.join(LIVE, 2);
        f.book.claim(LIVE, SEG, peer(1), 8);
        f.drop(LIVE, 1, SEG);
        assertThat(f.book.claim(LIVE, SEG, peer(2), 8).claimed()).isTrue();
    }

    @Test
    void unlistedAsker_cannotClaim() {
        SwarmFixture f = new SwarmFixture();
        f.join(LIVE, 1);
        assertThat(f.book.claim(LIVE, SEG, peer(9), 8).claimed()).isFalse();
        assertThat(f.book.claim(LIVE, SEG, peer(1), 8).claimed()).isTrue();
    }

    @Test
    void manyPeersAskingAtOnce_eachIsSentOnlyToEarlierClaims_soRelaysNeverWaitInACycle() throws Exception {
        SwarmFixture f = new SwarmFixture();
        int n = 50;
        for (int i = 1; i <= n; i++) {
            f.join(LIVE, i);
        }
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Lookup>> answers = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(8)) {
            for (int i = 1; i <= n; i++) {
                int peer = i;
                answers.add(pool.submit(() -> {
                    go.await();
                    return f.book.claim(LIVE, SEG, peer(peer), 50);
                }));
            }
            go.countDown();
            java.util.Map<PeerId, java.util.Set<PeerId>> sentTo = new java.util.HashMap<>();
            for (int i = 0; i < n; i++) {
                Lookup l = answers.get(i).get();
                assertThat(l.claimed()).isTrue();
                assertThat(l.holders()).allSatisfy(h -> assertThat(h.pending()).isTrue());
                sentTo.put(peer(i + 1), new java.util.HashSet<>(l.holders().stream().map(HolderInfo::peer).toList()));
            }
            // Claims are serialized: the k-th claimer sees exactly the k-1 before it.
            assertThat(sentTo.values().stream().map(java.util.Set::size).sorted().toList())
                    .isEqualTo(java.util.stream.IntStream.range(0, n).boxed().toList());
            sentTo.forEach((a, targets) -> targets.forEach(b -> assertThat(sentTo.get(b)).doesNotContain(a)));
        }
    }
}
