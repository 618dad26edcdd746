package io.privastream.core.swarm;

import static io.privastream.core.swarm.SwarmFixture.LIVE;
import static io.privastream.core.swarm.SwarmFixture.TIMEOUT;
import static io.privastream.core.swarm.SwarmFixture.VOD;
import static io.privastream.core.swarm.SwarmFixture.WINDOW;
import static io.privastream.core.swarm.SwarmFixture.peer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SwarmBookExpiryTest {
    private final SwarmFixture swarm = new SwarmFixture();
    private final SwarmBook book = swarm.book;

    @Test
    void silentPeer_staysAtExactlyTheTimeout_andGoesOneNanosecondLater() {
        swarm.join(VOD, 1);
        swarm.join(VOD, 2);
        swarm.have(VOD, 1, "a.m4s", "b.m4s");
        swarm.advance(Duration.ofSeconds(5));
        book.heartbeat(VOD, peer(2));

        swarm.advance(TIMEOUT.minusSeconds(5));
        assertThat(book.expire()).isEqualTo(ExpiryReport.NOTHING);

        swarm.advance(Duration.ofNanos(1));
        assertThat(book.expire()).isEqualTo(new ExpiryReport(1, 2, 0));
        assertThatThrownBy(() -> book.heartbeat(VOD, peer(1))).isInstanceOf(NotInSwarmException.class);
        assertThat(book.stats(VOD)).get().isEqualTo(new SwarmSummary(1, 0, 0, SwarmMode.VOD));
    }

    @Test
    void expiredPeer_mayJoinAgain() {
        swarm.join(VOD, 1);
        swarm.advance(TIMEOUT.plusNanos(1));
        book.expire();

        swarm.join(VOD, 1);
        assertThat(book.stats(VOD)).get().extracting(SwarmSummary::peers).isEqualTo(1);
    }

    @Test
    void liveHoldings_stayAtExactlyTheWindow_andGoOneNanosecondLater_whilePeersStay() {
        swarm.join(LIVE, 1);
        swarm.have(LIVE, 1, "old.m4s");
        swarm.advance(Duration.ofSeconds(10));
        swarm.have(LIVE, 1, "new.m4s");
        swarm.advance(WINDOW.minusSeconds(10)); // old: exactly WINDOW, new: WINDOW - 10 s
        book.heartbeat(LIVE, peer(1));

        assertThat(book.expire()).isEqualTo(ExpiryReport.NOTHING);
        swarm.advance(Duration.ofNanos(1));
        assertThat(book.expire()).isEqualTo(new ExpiryReport(0, 1, 0));
        assertThat(book.stats(LIVE)).get().isEqualTo(new SwarmSummary(1, 1, 1, SwarmMode.LIVE));
        assertThat(swarm.holders(LIVE, "new.m4s")).containsExactly(peer(1));
    }

    @Test
    void vodHoldings_neverExpireOnTheirOwn() {
        swarm.join(VOD, 1);
        swarm.have(VOD, 1, "a.m4s");
        for (int i = 0; i < 30; i++) {
            swarm.advance(Duration.ofSeconds(5));
            book.heartbeat(VOD, peer(1));
            book.expire();
        }

        assertThat(book.stats(VOD)).get().extracting(SwarmSummary::holdings).isEqualTo(1L);
    }

    @Test
    void swarmLeftWithoutPeers_isClosed() {
        swarm.join(LIVE, 1);
        swarm.join(VOD, 1);
        swarm.advance(Duration.ofSeconds(10));
        book.heartbeat(VOD, peer(1));
        swarm.advance(Duration.ofSeconds(10));

        assertThat(book.expire()).isEqualTo(new ExpiryReport(1, 0, 1));
        assertThat(book.stats(LIVE)).isEmpty();
        assertThat(book.swarmCount()).isEqualTo(1);
    }

    @Test
    void sweep_removesMoreThanOneBatchOfPeersAndHoldings() {
        IntStream.rangeClosed(1, 2500).forEach(n -> {
            swarm.join(LIVE, n);
            swarm.have(LIVE, n, "a.m4s", "b.m4s");
        });
        swarm.join(LIVE, 9999);
        swarm.advance(TIMEOUT.plusNanos(1));
        book.heartbeat(LIVE, peer(9999));

        assertThat(book.expire()).isEqualTo(new ExpiryReport(2500, 5000, 0));
        assertThat(book.stats(LIVE)).get().isEqualTo(new SwarmSummary(1, 0, 0, SwarmMode.LIVE));
    }
}
