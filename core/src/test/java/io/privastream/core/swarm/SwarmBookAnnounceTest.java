package io.privastream.core.swarm;

import static io.privastream.core.swarm.SwarmFixture.LIVE;
import static io.privastream.core.swarm.SwarmFixture.VOD;
import static io.privastream.core.swarm.SwarmFixture.peer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SwarmBookAnnounceTest {
    private final SwarmFixture swarm = new SwarmFixture();
    private final SwarmBook book = swarm.book;

    @Test
    void announce_addsAndDropsIncrementally() {
        swarm.join(VOD, 1);
        swarm.have(VOD, 1, "a.m4s", "b.m4s");
        book.announce(VOD, peer(1), List.of(new HeldObject("c.m4s", 7)), List.of("a.m4s", "never-held.m4s"));

        assertThat(swarm.holders(VOD, "a.m4s")).isEmpty();
        assertThat(swarm.holders(VOD, "b.m4s")).containsExactly(peer(1));
        assertThat(book.holders(VOD, "c.m4s", 8)).singleElement().extracting(HolderInfo::sizeBytes).isEqualTo(7L);
        assertThat(book.stats(VOD)).get().isEqualTo(new SwarmSummary(1, 2, 2, SwarmMode.VOD));
    }

    @Test
    void pathInBothLists_isHeld_andTheLastSizeWins() {
        swarm.join(VOD, 1);
        book.announce(VOD, peer(1), List.of(new HeldObject("a.m4s", 1), new HeldObject("a.m4s", 2)), List.of("a.m4s"));

        assertThat(book.holders(VOD, "a.m4s", 8)).singleElement().extracting(HolderInfo::sizeBytes).isEqualTo(2L);
        assertThat(book.stats(VOD)).get().extracting(SwarmSummary::holdings).isEqualTo(1L);
    }

    @Test
    void announce_countsAsAHeartbeat() {
        swarm.join(VOD, 1);
        swarm.advance(Duration.ofSeconds(14));
        swarm.have(VOD, 1, "a.m4s");
        swarm.advance(Duration.ofSeconds(14));

        assertThat(book.expire().peers()).isZero();
        assertThat(book.holders(VOD, "a.m4s", 8)).singleElement()
                .extracting(HolderInfo::silence).isEqualTo(Duration.ofSeconds(14));
    }

    @Test
    void emptyAnnounce_isAPlainHeartbeat() {
        swarm.join(VOD, 1);
        swarm.advance(Duration.ofSeconds(14));
        book.announce(VOD, peer(1), List.of(), List.of());
        swarm.advance(Duration.ofSeconds(14));

        assertThat(book.expire().peers()).isZero();
    }

    @Test
    void reannouncingALiveHolding_refreshesItsTime() {
        swarm.join(LIVE, 1);
        swarm.have(LIVE, 1, "a.m4s", "b.m4s");
        swarm.advance(Duration.ofSeconds(10));
        book.heartbeat(LIVE, peer(1));
        swarm.advance(Duration.ofSeconds(10));
        swarm.have(LIVE, 1, "a.m4s");
        swarm.advance(Duration.ofSeconds(10));
        book.heartbeat(LIVE, peer(1));
        swarm.advance(Duration.ofSeconds(10)); // a: 20 s old, b: 40 s old

        assertThat(swarm.holders(LIVE, "a.m4s")).containsExactly(peer(1));
        assertThat(swarm.holders(LIVE, "b.m4s")).isEmpty();
    }

    @Test
    void announceBeyondMaxHoldings_isRefusedWhole() {
        SwarmFixture small = new SwarmFixture(SwarmFixture.policy().maxHoldingsPerPeer(3).build());
        small.join(VOD, 1);
        small.have(VOD, 1, "a.m4s", "b.m4s");

        assertThatThrownBy(() -> small.book.announce(VOD, peer(1),
                List.of(new HeldObject("c.m4s", 1), new HeldObject("d.m4s", 1)), List.of("zzz.m4s")))
                .isInstanceOfSatisfying(SwarmLimitException.class,
                        e -> assertThat(e.limit()).isEqualTo(SwarmLimitException.Limit.HOLDINGS_PER_PEER))
                .hasMessageContaining("4 objects");
        assertThat(small.holders(VOD, "c.m4s")).isEmpty();
        assertThat(small.book.stats(VOD)).get().extracting(SwarmSummary::holdings).isEqualTo(2L);
    }

    @Test
    void dropsAndReannouncements_countTowardsTheBoundExactly() {
        SwarmFixture small = new SwarmFixture(SwarmFixture.policy().maxHoldingsPerPeer(3).build());
        small.join(VOD, 1);
        small.have(VOD, 1, "a.m4s", "b.m4s", "c.m4s");

        small.book.announce(VOD, peer(1), List.of(new HeldObject("a.m4s", 1), new HeldObject("d.m4s", 1)),
                List.of("b.m4s"));

        assertThat(small.holders(VOD, "d.m4s")).containsExactly(peer(1));
        assertThat(small.book.stats(VOD)).get().extracting(SwarmSummary::holdings).isEqualTo(3L);
    }

    @Test
    void unsafeDropPath_isInvalid_andChangesNothing() {
        swarm.join(VOD, 1);
        swarm.have(VOD, 1, "a.m4s");

        assertThatThrownBy(() -> swarm.drop(VOD, 1, "a.m4s", "../etc/passwd"))
                .isInstanceOf(InvalidSwarmRequestException.class).hasMessageContaining("../etc/passwd");
        assertThat(swarm.holders(VOD, "a.m4s")).containsExactly(peer(1));
    }
}
