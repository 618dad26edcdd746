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
