package io.privastream.core.swarm;

import static io.privastream.core.swarm.SwarmFixture.LIVE;
import static io.privastream.core.swarm.SwarmFixture.peer;
import static org.assertj.core.api.Assertions.assertThat;

import io.privastream.core.media.PeerId;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The walk and the scan plans must always agree; the chosen plan must not change the answer. */
class HolderSearchTest {
    private static final String PATH = "seg.m4s";
    private final InMemorySwarmStore store = new InMemorySwarmStore();

    @Test
    void walkAndScan_agree_onRandomSwarms() {
        SplittableRandom random = new SplittableRandom(42);
        for (int round = 0; round < 200; round++) {
            InMemorySwarmStore one = new InMemorySwarmStore();
            one.createSwarm(LIVE, SwarmMode.LIVE);
            int peers = 1 + random.nextInt(300);
            double holdShare = random.nextDouble();
            for (int n = 0; n < peers; n++) {
                one.putPeer(LIVE, new PeerEntry(peer(n), "e" + n, random.nextInt(50)));
                if (random.nextDouble() < holdShare) {
                    one.putHolding(LIVE, new HoldingEntry(peer(n), PATH, n, random.nextInt(50)));
                }
            }
            int limit = 1 + random.nextInt(60);
            Optional<PeerId> asker = Optional.of(peer(random.nextInt(peers)));
            long peerCutoff = random.nextInt(50);
            long holdingCutoff = random.nextInt(50);
            HolderSearch search = new HolderSearch(one, LIVE, PATH, asker, limit, 60, peerCutoff, holdingCutoff, Long.MIN_VALUE);

            List<HolderInfo> scanned = search.scan();
            assertThat(search.walk(Integer.MAX_VALUE)).as("round %d", round).contains(scanned);
            assertThat(search.find()).as("round %d", round).isEqualTo(scanned);
        }
    }

    @Test
    void walkThatRunsOutOfBudget_fallsBackToTheScan() {
        store.createSwarm(LIVE, SwarmMode.LIVE);
        for (int n = 0; n < 100; n++) {
            store.putPeer(LIVE, new PeerEntry(peer(n), "e" + n, 1000 - n));
        }
        for (int n = 90; n < 100; n++) { // the ten stalest peers hold it
            store.putHolding(LIVE, new HoldingEntry(peer(n), PATH, 1, 0));
        }
        HolderSearch search = new HolderSearch(store, LIVE, PATH, Optional.empty(), 3, 1000, 0, 0, 0);

        assertThat(search.walk(10)).isEmpty();
        assertThat(search.find()).extracting(HolderInfo::peer).containsExactly(peer(90), peer(91), peer(92));
    }

    @Test
    void popularObject_isFoundWithoutReadingEveryPeer() {
        store.createSwarm(LIVE, SwarmMode.LIVE);
        for (int n = 0; n < 1000; n++) {
            store.putPeer(LIVE, new PeerEntry(peer(n), "e" + n, n));
            store.putHolding(LIVE, new HoldingEntry(peer(n), PATH, 1, 0));
        }
        HolderSearch search = new HolderSearch(store, LIVE, PATH, Optional.of(peer(999)), 8, 1000, 0, 0, 0);

        assertThat(search.walk(9)).get().asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .extracting(h -> ((HolderInfo) h).peer()).containsExactly(
                        peer(998), peer(997), peer(996), peer(995), peer(994), peer(993), peer(992), peer(991));
    }
}
