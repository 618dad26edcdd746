package io.privastream.core.swarm;

import static io.privastream.core.swarm.SwarmFixture.LIVE;
import static io.privastream.core.swarm.SwarmFixture.TIMEOUT;
import static io.privastream.core.swarm.SwarmFixture.VOD;
import static io.privastream.core.swarm.SwarmFixture.endpoint;
import static io.privastream.core.swarm.SwarmFixture.peer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.privastream.core.media.ContentId;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SwarmBookHoldersTest {
    private final SwarmFixture swarm = new SwarmFixture();
    private final SwarmBook book = swarm.book;

    @Test
    void holders_mostRecentlyHeardFromFirst_withTheirEndpointSizeAndSilence() {
        swarm.join(VOD, 1);
        swarm.join(VOD, 2);
        swarm.join(VOD, 3);
        swarm.have(VOD, 2, "a.m4s");
        swarm.advance(Duration.ofSeconds(1));
        swarm.have(VOD, 1, "a.m4s");
        swarm.advance(Duration.ofSeconds(1));
        swarm.have(VOD, 3, "a.m4s");
        swarm.advance(Duration.ofSeconds(1));
        book.heartbeat(VOD, peer(2)); // heard from last, though it announced first

        assertThat(book.holders(VOD, "a.m4s", 8)).containsExactly(
                new HolderInfo(peer(2), endpoint(2), 1000, Duration.ZERO),
                new HolderInfo(peer(3), endpoint(3), 1000, Duration.ofSeconds(1)),
                new HolderInfo(peer(1), endpoint(1), 1000, Duration.ofSeconds(2)));
    }

    @Test
    void equallyFreshHolders_areOrderedByPeerId() {
        for (int n : new int[] {7, 3, 9, 1}) {
            swarm.join(VOD, n);
        }
        for (int n : new int[] {9, 1, 7, 3}) {
            swarm.have(VOD, n, "a.m4s"); // same clock reading for all
        }

        assertThat(swarm.holders(VOD, "a.m4s")).containsExactly(peer(1), peer(3), peer(7), peer(9));
    }

    @Test
    void theAsker_isNeverReturned_andNeedNotBeListed() {
        swarm.join(VOD, 1);
        swarm.join(VOD, 2);
        swarm.have(VOD, 1, "a.m4s");
        swarm.have(VOD, 2, "a.m4s");

        assertThat(book.holders(VOD, "a.m4s", peer(2), 8)).extracting(HolderInfo::peer).containsExactly(peer(1));
        assertThat(book.holders(VOD, "a.m4s", peer(99), 8)).hasSize(2);
    }

    @Test
    void limit_boundsTheAnswer_andIsClampedToMaxHolders() {
        IntStream.rangeClosed(1, 60).forEach(n -> {
            swarm.join(VOD, n);
            swarm.have(VOD, n, "a.m4s");
            swarm.advance(Duration.ofMillis(1));
        });

        assertThat(book.holders(VOD, "a.m4s", 3)).extracting(HolderInfo::peer)
                .containsExactly(peer(60), peer(59), peer(58));
        assertThat(book.holders(VOD, "a.m4s", 99_999)).hasSize(50);
        assertThat(book.holders(VOD, "a.m4s", 1)).extracting(HolderInfo::peer).containsExactly(peer(60));
    }

    @Test
    void limitBelowOne_orUnsafePath_isInvalid() {
        assertThatThrownBy(() -> book.holders(VOD, "a.m4s", 0)).isInstanceOf(InvalidSwarmRequestException.class)
                .hasMessageContaining("0");
        assertThatThrownBy(() -> book.holders(VOD, "a.m4s", peer(1), -1)).isInstanceOf(InvalidSwarmRequestException.class);
        assertThatThrownBy(() -> book.holders(VOD, "/abs.m4s", 8)).isInstanceOf(InvalidSwarmRequestException.class);
        assertThatThrownBy(() -> book.holders(VOD, "", 8)).isInstanceOf(InvalidSwarmRequestException.class);
    }

    @Test
    void unknownSwarmOrObject_hasNoHolders() {
        swarm.join(VOD, 1);

        assertThat(book.holders(ContentId.of("noswarm00"), "a.m4s", 8)).isEmpty();
        assertThat(book.holders(VOD, "a.m4s", 8)).isEmpty();
    }

    @Test
    void silentPeer_isHandedOutUpToExactlyThePeerTimeout_evenBeforeASweep() {
        swarm.join(VOD, 1);
        swarm.have(VOD, 1, "a.m4s");

        swarm.advance(TIMEOUT);
        assertThat(swarm.holders(VOD, "a.m4s")).containsExactly(peer(1));

        swarm.advance(Duration.ofNanos(1));
        assertThat(swarm.holders(VOD, "a.m4s")).isEmpty();
    }

    @Test
    void liveHolding_isHandedOutUpToExactlyTheLiveWindow() {
        swarm.join(LIVE, 1);
        swarm.have(LIVE, 1, "a.m4s");
        for (int i = 0; i < 6; i++) { // keep the peer listed without refreshing the holding
            swarm.advance(Duration.ofSeconds(5));
            book.heartbeat(LIVE, peer(1));
        }

        assertThat(swarm.holders(LIVE, "a.m4s")).containsExactly(peer(1)); // exactly WINDOW old
        swarm.advance(Duration.ofNanos(1));
        assertThat(swarm.holders(LIVE, "a.m4s")).isEmpty();
    }

    @Test
    void vodHolding_outlivesTheLiveWindow_whileItsPeerStaysListed() {
        swarm.join(VOD, 1);
        swarm.have(VOD, 1, "a.m4s");
        for (int i = 0; i < 20; i++) {
            swarm.advance(Duration.ofSeconds(5));
            book.heartbeat(VOD, peer(1));
        }

        assertThat(swarm.holders(VOD, "a.m4s")).containsExactly(peer(1)); // 100 s, over three windows
    }
}
