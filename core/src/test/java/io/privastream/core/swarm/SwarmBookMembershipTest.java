package io.privastream.core.swarm;

import static io.privastream.core.swarm.SwarmFixture.LIVE;
import static io.privastream.core.swarm.SwarmFixture.VOD;
import static io.privastream.core.swarm.SwarmFixture.endpoint;
import static io.privastream.core.swarm.SwarmFixture.peer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.privastream.core.media.ContentId;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SwarmBookMembershipTest {
    private final SwarmFixture swarm = new SwarmFixture();
    private final SwarmBook book = swarm.book;

    @Test
    void firstJoin_decidesTheMode_laterJoinsCannotChangeIt() {
        assertThat(book.join(LIVE, peer(1), endpoint(1), SwarmMode.LIVE)).isEqualTo(SwarmMode.LIVE);
        assertThat(book.join(LIVE, peer(2), endpoint(2), SwarmMode.VOD)).isEqualTo(SwarmMode.LIVE);
        assertThat(book.join(VOD, peer(1), endpoint(1), SwarmMode.VOD)).isEqualTo(SwarmMode.VOD);

        assertThat(book.stats(LIVE)).get().extracting(SwarmSummary::mode).isEqualTo(SwarmMode.LIVE);
        assertThat(book.stats(VOD)).get().extracting(SwarmSummary::mode).isEqualTo(SwarmMode.VOD);
    }

    @Test
    void rejoin_refreshesEndpointAndTime_andKeepsHoldings() {
        swarm.join(LIVE, 1);
        swarm.have(LIVE, 1, "seg-1.m4s");
        swarm.advance(Duration.ofSeconds(10));

        book.join(LIVE, peer(1), "http://10.9.9.9:9000", SwarmMode.VOD);
        swarm.advance(Duration.ofSeconds(10)); // 20 s after the announce: only the rejoin keeps it listed

        assertThat(book.holders(LIVE, "seg-1.m4s", 8))
                .singleElement()
                .satisfies(holder -> {
                    assertThat(holder.endpoint()).isEqualTo("http://10.9.9.9:9000");
                    assertThat(holder.silence()).isEqualTo(Duration.ofSeconds(10));
                });
        assertThat(book.stats(LIVE)).get().isEqualTo(new SwarmSummary(1, 1, 1, SwarmMode.LIVE));
    }

    @Test
    void leave_removesThePeerAndAllItsHoldings() {
        swarm.join(VOD, 1);
        swarm.join(VOD, 2);
        swarm.have(VOD, 1, "a.m4s", "b.m4s");
        swarm.have(VOD, 2, "a.m4s");

        book.leave(VOD, peer(1));

        assertThat(swarm.holders(VOD, "a.m4s")).containsExactly(peer(2));
        assertThat(swarm.holders(VOD, "b.m4s")).isEmpty();
        assertThat(book.stats(VOD)).get().isEqualTo(new SwarmSummary(1, 1, 1, SwarmMode.VOD));
    }

    @Test
    void leaveOfTheLastPeer_closesTheSwarm_soTheNextJoinDecidesTheModeAgain() {
        swarm.join(LIVE, 1);
        book.leave(LIVE, peer(1));

        assertThat(book.stats(LIVE)).isEmpty();
        assertThat(book.swarmCount()).isZero();
        assertThat(book.join(LIVE, peer(1), endpoint(1), SwarmMode.VOD)).isEqualTo(SwarmMode.VOD);
    }

    @Test
    void requestsOfAnUnknownPeer_areRefusedAsNotInSwarm() {
        swarm.join(LIVE, 1);

        assertThatThrownBy(() -> book.heartbeat(LIVE, peer(2))).isInstanceOf(NotInSwarmException.class)
                .hasMessageContaining(peer(2).value());
        assertThatThrownBy(() -> swarm.have(LIVE, 2, "a.m4s")).isInstanceOf(NotInSwarmException.class);
        assertThatThrownBy(() -> book.leave(LIVE, peer(2))).isInstanceOf(NotInSwarmException.class);
        assertThatThrownBy(() -> book.heartbeat(ContentId.of("noswarm00"), peer(1))).isInstanceOf(NotInSwarmException.class);
        assertThat(book.stats(LIVE)).get().extracting(SwarmSummary::peers).isEqualTo(1);
    }

    @Test
    void leftPeer_isUnknownAfterwards() {
        swarm.join(LIVE, 1);
        swarm.join(LIVE, 2);
        book.leave(LIVE, peer(1));

        assertThatThrownBy(() -> book.heartbeat(LIVE, peer(1))).isInstanceOf(NotInSwarmException.class);
    }

    @Test
    void heartbeat_keepsAPeerListedPastTheTimeout() {
        swarm.join(VOD, 1);
        swarm.have(VOD, 1, "a.m4s");
        swarm.advance(Duration.ofSeconds(10));
        book.heartbeat(VOD, peer(1));
        swarm.advance(Duration.ofSeconds(10));

        assertThat(book.expire().peers()).isZero();
        assertThat(swarm.holders(VOD, "a.m4s")).containsExactly(peer(1));
    }

    @Test
    void joinBeyondMaxPeers_isRefused_butAKnownPeerMayRejoin() {
        SwarmFixture small = new SwarmFixture(SwarmFixture.policy().maxPeersPerSwarm(2).build());
        small.join(LIVE, 1);
        small.join(LIVE, 2);

        assertThatThrownBy(() -> small.join(LIVE, 3))
                .isInstanceOfSatisfying(SwarmLimitException.class,
                        e -> assertThat(e.limit()).isEqualTo(SwarmLimitException.Limit.PEERS_PER_SWARM))
                .hasMessageContaining("2 peers");
        small.join(LIVE, 2);
        assertThat(small.book.stats(LIVE)).get().extracting(SwarmSummary::peers).isEqualTo(2);
    }

    @Test
    void joinOpeningASwarmBeyondMaxSwarms_isRefused_joiningAnOpenOneIsNot() {
        SwarmFixture small = new SwarmFixture(SwarmFixture.policy().maxSwarms(1).build());
        small.join(LIVE, 1);

        assertThatThrownBy(() -> small.join(VOD, 1))
                .isInstanceOfSatisfying(SwarmLimitException.class,
                        e -> assertThat(e.limit()).isEqualTo(SwarmLimitException.Limit.SWARMS));
        small.join(LIVE, 2);
        assertThat(small.book.swarmCount()).isEqualTo(1);
        assertThat(small.book.stats(VOD)).isEmpty();
    }

    @Test
    void badEndpoints_areRefusedQuotingThem() {
        SwarmFixture small = new SwarmFixture(SwarmFixture.policy().maxEndpointLength(20).build());

        assertThatThrownBy(() -> small.book.join(LIVE, peer(1), " ", SwarmMode.LIVE))
                .isInstanceOf(InvalidSwarmRequestException.class);
        assertThatThrownBy(() -> small.book.join(LIVE, peer(1), "http://x/" + "a".repeat(12), SwarmMode.LIVE))
                .isInstanceOf(InvalidSwarmRequestException.class).hasMessageContaining("1-20 characters");
        assertThatThrownBy(() -> small.book.join(LIVE, peer(1), "http://x\r\nHost: y", SwarmMode.LIVE))
                .isInstanceOf(InvalidSwarmRequestException.class).hasMessageContaining("\\x0d\\x0a");
        assertThat(small.book.swarmCount()).isZero();
    }
}
