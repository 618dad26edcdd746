package io.privastream.core.swarm;

import static io.privastream.core.swarm.SwarmFixture.LIVE;
import static io.privastream.core.swarm.SwarmFixture.peer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.privastream.core.media.PeerId;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SwarmBookRelayTreeTest {
    private static final String SEG = "chunk-stream0-00042.m4s";
    private static final int ASKERS = 300;

    /** Everyone asks at the same instant; returns each asker's depth (1 + deepest parent). */
    private static Map<PeerId, Integer> rush(SwarmFixture f, Map<PeerId, Integer> handouts) {
        Map<PeerId, Integer> depth = new HashMap<>();
        for (int i = 1; i <= ASKERS; i++) {
            f.join(LIVE, i);
        }
        for (int i = 1; i <= ASKERS; i++) {
            Lookup l = f.book.claim(LIVE, SEG, peer(i), 8);
            assertThat(l.claimed()).isTrue();
            int d = 1;
            for (HolderInfo h : l.holders()) {
                d = Math.max(d, depth.get(h.peer()) + 1);
                handouts.merge(h.peer(), 1, Integer::sum);
            }
            depth.put(peer(i), d);
        }
        return depth;
    }

    @Test
    void withoutTree_aRushOfClaimsPilesOntoTheSameFewHolders() {
        SwarmFixture f = new SwarmFixture();
        Map<PeerId, Integer> handouts = new HashMap<>();
        rush(f, handouts);
        // All heard from at the same instant: the same first claimers are handed to nearly everyone.
        assertThat(handouts.values().stream().mapToInt(Integer::intValue).max().orElseThrow()).isGreaterThan(ASKERS * 8 / 10);
    }

    @Test
    void withTree_aRushOfClaimsSpreadsAsAShallowTree_noHolderHandedOutBeyondTheFanOut() {
        SwarmFixture f = new SwarmFixture(SwarmFixture.policy().relayParents(4).relayFanOut(12).build());
        Map<PeerId, Integer> handouts = new HashMap<>();
        Map<PeerId, Integer> depth = rush(f, handouts);

        // Each level about 3 times wider: log3(300) ~ 5.2 levels, plus the server-fed first.
        assertThat(depth.values().stream().mapToInt(Integer::intValue).max().orElseThrow()).isLessThanOrEqualTo(8);
        assertThat(handouts.values()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(12));
    }

    @Test
    void withDeclaredUplinks_eachHolderIsHandedOutInProportionToItsUplink() {
        SwarmFixture f = new SwarmFixture(SwarmFixture.policy().relayParents(2).relayFanOut(24).relayChildKbps(1000).build());
        // Holders 1-4 complete: 500 kbit/s, 3 Mbit/s, 20 Mbit/s, 100 Mbit/s (capped by relayFanOut).
        int[] kbps = {500, 3000, 20_000, 100_000};
        for (int i = 1; i <= 4; i++) {
            f.book.join(LIVE, peer(i), "http://10.0.0." + i + ":1", SwarmMode.LIVE, kbps[i - 1]);
            f.have(LIVE, i, SEG);
        }
        // The first claim makes the tree; it is answered the old way (the freshest holders), and
        // they enter the tree with nothing handed out yet.
        f.join(LIVE, 5);
        assertThat(f.book.claim(LIVE, SEG, peer(5), 8).holders()).hasSize(4);
        // Later askers declare nothing and never complete: only the four are handed out at depth 0.
        Map<PeerId, Integer> handouts = new HashMap<>();
        for (int i = 6; i <= 60; i++) {
            f.join(LIVE, i);
            f.book.claim(LIVE, SEG, peer(i), 8).holders().stream().filter(h -> !h.pending())
                    .forEach(h -> handouts.merge(h.peer(), 1, Integer::sum));
        }
        assertThat(handouts).containsEntry(peer(1), 1).containsEntry(peer(2), 3).containsEntry(peer(3), 20).containsEntry(peer(4), 24);

        // A negative uplink is refused.
        assertThatThrownBy(() -> f.book.join(LIVE, peer(1), "http://10.0.0.1:1", SwarmMode.LIVE, -1))
                .isInstanceOf(InvalidSwarmRequestException.class);
    }

    @Test
    void withTree_onceEveryHolderHandedOutItsFanOut_theOverflowSpreadsEvenlyOverCompleteHolders() {
        SwarmFixture f = new SwarmFixture(SwarmFixture.policy().relayParents(1).relayFanOut(2).build());
        for (int i = 1; i <= 3; i++) {
            f.join(LIVE, i);
            f.have(LIVE, i, SEG);
        }
        // Askers that are not listed claim nothing: only the three are ever handed out.
        assertThat(f.book.claim(LIVE, SEG, peer(100), 8).holders()).hasSize(3); // makes the tree, the old way
        Map<PeerId, Integer> handouts = new HashMap<>();
        for (int i = 101; i <= 130; i++) {
            List<HolderInfo> got = f.book.claim(LIVE, SEG, peer(i), 8).holders();
            assertThat(got).hasSize(1);
            handouts.merge(got.getFirst().peer(), 1, Integer::sum);
        }
        // 30 lookups: 2 each within the fan-out, then 8 more each in turn, not all on one.
        assertThat(handouts).containsOnlyKeys(peer(1), peer(2), peer(3));
        assertThat(handouts.values()).allSatisfy(n -> assertThat(n).isEqualTo(10));
    }

    @Test
    void withTree_aCompleteHolderIsHandedOutFirst_andAGoneOneNever() {
        SwarmFixture f = new SwarmFixture(SwarmFixture.policy().relayParents(2).relayFanOut(6).build());
        for (int i = 1; i <= 4; i++) {
            f.join(LIVE, i);
        }
        f.book.claim(LIVE, SEG, peer(1), 8);
        f.book.claim(LIVE, SEG, peer(2), 8);
        f.have(LIVE, 2, SEG);
        f.book.leave(LIVE, peer(1));

        List<HolderInfo> got = f.book.claim(LIVE, SEG, peer(3), 8).holders();
        assertThat(got).extracting(HolderInfo::peer).containsExactly(peer(2));
        assertThat(got.getFirst().pending()).isFalse();
    }

    @Test
    void treeExpiresWithTheLiveWindow_laterClaimsGetTheFreshestHolders() {
        SwarmFixture f = new SwarmFixture(SwarmFixture.policy().relayParents(2).relayFanOut(3).build());
        for (int i = 1; i <= 8; i++) {
            f.join(LIVE, i);
        }
        f.book.claim(LIVE, SEG, peer(1), 8);
        f.have(LIVE, 1, SEG);
        for (int i = 2; i <= 4; i++) {
            f.book.claim(LIVE, SEG, peer(i), 8); // peer 1 reaches its fan-out of 3
        }
        // Saturated holders are not handed out by the tree; the asker still gets holders.
        assertThat(f.book.claim(LIVE, SEG, peer(5), 8).holders()).isNotEmpty();
        f.advance(Duration.ofSeconds(12));
        for (int i = 1; i <= 8; i++) {
            f.book.heartbeat(LIVE, peer(i));
        }
        f.book.expire();
        assertThat(f.book.claim(LIVE, SEG, peer(6), 8).holders()).extracting(HolderInfo::peer).contains(peer(1));
    }

    @Test
    void policy_fanOutMustExceedParents() {
        assertThatThrownBy(() -> SwarmFixture.policy().relayParents(4).relayFanOut(4).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("relayFanOut 4 must exceed relayParents 4");
    }
}
