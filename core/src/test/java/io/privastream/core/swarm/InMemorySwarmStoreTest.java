package io.privastream.core.swarm;

import static io.privastream.core.swarm.SwarmFixture.LIVE;
import static io.privastream.core.swarm.SwarmFixture.peer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.privastream.core.media.ContentId;
import io.privastream.core.media.PeerId;
import org.junit.jupiter.api.Test;

class InMemorySwarmStoreTest {
    private final InMemorySwarmStore store = new InMemorySwarmStore();

    @Test
    void createSwarm_keepsTheFirstMode() {
        assertThat(store.createSwarm(LIVE, SwarmMode.LIVE)).isEqualTo(SwarmMode.LIVE);
        assertThat(store.createSwarm(LIVE, SwarmMode.VOD)).isEqualTo(SwarmMode.LIVE);
        assertThat(store.mode(LIVE)).contains(SwarmMode.LIVE);
        assertThat(store.swarms()).containsExactly(LIVE);
    }

    @Test
    void writesToAMissingSwarmOrPeer_areRejected_readsAnswerEmpty() {
        ContentId missing = ContentId.of("missing00");

        assertThatThrownBy(() -> store.putPeer(missing, new PeerEntry(peer(1), "e", 0)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("missing00");
        store.createSwarm(LIVE, SwarmMode.LIVE);
        assertThatThrownBy(() -> store.putHolding(LIVE, new HoldingEntry(peer(1), "a.m4s", 1, 0)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(peer(1).value());
        assertThat(store.touchPeer(missing, peer(1), 5)).isFalse();
        assertThat(store.removePeer(missing, peer(1))).isEqualTo(-1);
        assertThat(store.holdersOf(missing, "a.m4s")).isEmpty();
        assertThat(store.peersFreshestFirst(missing)).isEmpty();
        assertThat(store.holdingCount(missing)).isZero();
    }

    @Test
    void peers_areOrderedByLastSeenThenId_andTouchMovesThem() {
        store.createSwarm(LIVE, SwarmMode.LIVE);
        store.putPeer(LIVE, new PeerEntry(peer(3), "e3", 10));
        store.putPeer(LIVE, new PeerEntry(peer(1), "e1", 20));
        store.putPeer(LIVE, new PeerEntry(peer(2), "e2", 10));
        store.touchPeer(LIVE, peer(3), 30);

        assertThat(store.peersFreshestFirst(LIVE).map(PeerEntry::peer)).containsExactly(peer(3), peer(1), peer(2));
        assertThat(store.peersSeenBefore(LIVE, 30, 10)).containsExactly(peer(2), peer(1));
        assertThat(store.peersSeenBefore(LIVE, 30, 1)).containsExactly(peer(2));
        assertThat(store.peersSeenBefore(LIVE, 10, 10)).isEmpty();
    }

    @Test
    void putPeerOfAListedPeer_replacesItsEntry_andKeepsItsHoldings() {
        store.createSwarm(LIVE, SwarmMode.LIVE);
        store.putPeer(LIVE, new PeerEntry(peer(1), "old", 10));
        store.putHolding(LIVE, new HoldingEntry(peer(1), "a.m4s", 1, 10));
        store.putPeer(LIVE, new PeerEntry(peer(1), "new", 20));

        assertThat(store.peersFreshestFirst(LIVE)).containsExactly(new PeerEntry(peer(1), "new", 20));
        assertThat(store.holdingCount(LIVE, peer(1))).isEqualTo(1);
    }

    @Test
    void holdingIndexes_stayConsistentThroughReplaceRemoveAndPeerRemoval() {
        store.createSwarm(LIVE, SwarmMode.LIVE);
        store.putPeer(LIVE, new PeerEntry(peer(1), "e1", 0));
        store.putPeer(LIVE, new PeerEntry(peer(2), "e2", 0));
        store.putHolding(LIVE, new HoldingEntry(peer(1), "a.m4s", 1, 10));
        store.putHolding(LIVE, new HoldingEntry(peer(1), "b.m4s", 1, 20));
        store.putHolding(LIVE, new HoldingEntry(peer(2), "a.m4s", 1, 30));
        store.putHolding(LIVE, new HoldingEntry(peer(1), "a.m4s", 5, 40)); // re-announced

        assertThat(store.holdingCount(LIVE)).isEqualTo(3);
        assertThat(store.objectCount(LIVE)).isEqualTo(2);
        assertThat(store.holderCount(LIVE, "a.m4s")).isEqualTo(2);
        assertThat(store.holding(LIVE, peer(1), "a.m4s")).contains(new HoldingEntry(peer(1), "a.m4s", 5, 40));
        assertThat(store.holdingsAnnouncedBefore(LIVE, 100, 10)).extracting(HoldingEntry::announcedNanos)
                .containsExactly(20L, 30L, 40L);
        assertThat(store.holdingsAnnouncedBefore(LIVE, 30, 10)).extracting(HoldingEntry::path).containsExactly("b.m4s");

        assertThat(store.removeHolding(LIVE, peer(1), "b.m4s")).isTrue();
        assertThat(store.removeHolding(LIVE, peer(1), "b.m4s")).isFalse();
        assertThat(store.objectCount(LIVE)).isEqualTo(1);

        assertThat(store.removePeer(LIVE, peer(1))).isEqualTo(1);
        assertThat(store.holdersOf(LIVE, "a.m4s")).containsExactly(new HoldingEntry(peer(2), "a.m4s", 1, 30));
        assertThat(store.holdingsAnnouncedBefore(LIVE, 100, 10)).hasSize(1);
        assertThat(store.holdingCount(LIVE)).isEqualTo(1);
        assertThat(store.holdingCount(LIVE, peer(1))).isZero();
    }

    @Test
    void holdingsAnnouncedBefore_isOldestFirstAcrossTimeBuckets_tiesByPeerThenPath_throughReplacesAndRemovals() {
        store.createSwarm(LIVE, SwarmMode.LIVE);
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        java.util.Map<String, HoldingEntry> live = new java.util.HashMap<>();
        for (int p = 0; p < 20; p++) {
            store.putPeer(LIVE, new PeerEntry(peer(p), "e" + p, 0));
        }
        for (int i = 0; i < 3_000; i++) {
            // Announce times over about 2 s, a few distinct values each 50 ms (ties across peers
            // and paths), some re-announces (a claim made complete) and some removals.
            long at = random.nextInt(40) * 50_000_000L + random.nextInt(3);
            PeerId peer = peer(random.nextInt(20));
            String path = "s" + random.nextInt(60) + ".m4s";
            if (random.nextInt(5) == 0) {
                store.removeHolding(LIVE, peer, path);
                live.remove(peer.value() + path);
            } else {
                HoldingEntry entry = new HoldingEntry(peer, path, random.nextInt(2), at, random.nextBoolean());
                store.putHolding(LIVE, entry);
                live.put(peer.value() + path, entry);
            }
        }
        java.util.List<HoldingEntry> oldestFirst = live.values().stream()
                .sorted(java.util.Comparator.comparingLong(HoldingEntry::announcedNanos).thenComparing(HoldingEntry::peer)
                        .thenComparing(HoldingEntry::path))
                .toList();

        assertThat(store.holdingsAnnouncedBefore(LIVE, Long.MAX_VALUE, Integer.MAX_VALUE)).containsExactlyElementsOf(oldestFirst);
        long cutoff = 1_000_000_001L;
        assertThat(store.holdingsAnnouncedBefore(LIVE, cutoff, 37))
                .containsExactlyElementsOf(oldestFirst.stream().filter(h -> h.announcedNanos() < cutoff).limit(37).toList());
        assertThat(store.holdingCount(LIVE)).isEqualTo(live.size());
        // A sweep in batches removes exactly those before the cutoff.
        java.util.List<HoldingEntry> batch;
        while (!(batch = store.holdingsAnnouncedBefore(LIVE, cutoff, 50)).isEmpty()) {
            batch.forEach(h -> assertThat(store.removeHolding(LIVE, h.peer(), h.path())).isTrue());
        }
        assertThat(store.holdingsAnnouncedBefore(LIVE, Long.MAX_VALUE, Integer.MAX_VALUE))
                .containsExactlyElementsOf(oldestFirst.stream().filter(h -> h.announcedNanos() >= cutoff).toList());
    }

    @Test
    void removeSwarm_forgetsEverything() {
        store.createSwarm(LIVE, SwarmMode.LIVE);
        store.putPeer(LIVE, new PeerEntry(peer(1), "e1", 0));
        store.removeSwarm(LIVE);

        assertThat(store.swarmCount()).isZero();
        assertThat(store.peer(LIVE, peer(1))).isEmpty();
        assertThat(store.mode(LIVE)).isEmpty();
    }
}
