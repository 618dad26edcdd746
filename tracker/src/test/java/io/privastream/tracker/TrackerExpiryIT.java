package io.privastream.tracker;

import static io.privastream.tracker.Trackers.LIVE;
import static io.privastream.tracker.Trackers.holding;
import static io.privastream.tracker.Trackers.join;
import static io.privastream.tracker.Trackers.peer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.privastream.core.media.ContentId;
import io.privastream.core.swarm.InMemorySwarmStore;
import io.privastream.core.swarm.SwarmPolicy;
import io.privastream.core.swarm.SwarmStore;
import io.privastream.core.time.Ticker;
import io.privastream.protocol.tracker.AnnounceRequest;
import io.privastream.protocol.tracker.Holder;
import io.privastream.protocol.tracker.SwarmStats;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The background sweep, observed through the API with a short policy on the real clock. */
class TrackerExpiryIT {
    private static final SwarmPolicy SHORT = SwarmPolicy.builder()
            .heartbeatInterval(Duration.ofMillis(100))
            .peerTimeout(Duration.ofMillis(600))
            .liveWindow(Duration.ofMillis(600))
            .build();

    @Test
    void silentPeer_expires_whileAHeartbeatingOneStays() throws Exception {
        TrackerConfig config = TrackerConfig.builder().host("127.0.0.1").port(0).tls(false).addresses(AddressMode.CLEAR).policy(SHORT)
                .sweepInterval(Duration.ofMillis(20)).build();
        try (TrackerServer server = Trackers.start(config); TrackerClient client = TrackerClient.of(server.baseUrl())) {
            client.join(LIVE, join(1, true));
            client.join(LIVE, join(2, true));
            client.announce(LIVE, new AnnounceRequest(peer(1), List.of(holding("seg-1.m4s")), List.of()));

            // Peer 2 heartbeats at every poll (well inside the timeout); peer 1 says nothing more.
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
                client.heartbeat(LIVE, peer(2));
                return client.stats(LIVE).map(SwarmStats::peers).orElse(0) == 1;
            });

            assertThat(client.stats(LIVE)).contains(new SwarmStats(1, 0, 0, true));
            assertThat(client.holders(LIVE, "seg-1.m4s", 8)).isEmpty();
            assertThatThrownBy(() -> client.heartbeat(LIVE, peer(1))).isInstanceOf(UnknownPeerException.class);
        }
    }

    @Test
    void liveHolding_leavesTheWindow_whileItsPeerStays_andTheEmptySwarmCloses() throws Exception {
        TrackerConfig config = TrackerConfig.builder().host("127.0.0.1").port(0).tls(false).addresses(AddressMode.CLEAR).policy(SHORT)
                .sweepInterval(Duration.ofMillis(20)).build();
        try (TrackerServer server = Trackers.start(config); TrackerClient client = TrackerClient.of(server.baseUrl())) {
            client.join(LIVE, join(1, true));
            client.announce(LIVE, new AnnounceRequest(peer(1), List.of(holding("seg-1.m4s")), List.of()));
            assertThat(client.holders(LIVE, "seg-1.m4s", 8)).extracting(Holder::peer).containsExactly(peer(1));

            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
                client.heartbeat(LIVE, peer(1));
                return client.stats(LIVE).map(SwarmStats::holdings).orElse(-1L) == 0;
            });
            assertThat(client.stats(LIVE)).get().extracting(SwarmStats::peers).isEqualTo(1);

            // Once silent, the last peer goes and the swarm closes with it.
            await().atMost(Duration.ofSeconds(10)).until(() -> client.stats(LIVE).isEmpty());
        }
    }

    @Test
    void failingSweeps_doNotStopLaterOnes() throws Exception {
        AtomicInteger failuresLeft = new AtomicInteger(3);
        SwarmStore flaky = new DelegatingStore(new InMemorySwarmStore()) {
            @Override
            public List<ContentId> swarms() {
                if (failuresLeft.getAndDecrement() > 0) {
                    throw new IllegalStateException("simulated store outage");
                }
                return super.swarms();
            }
        };
        TrackerConfig config = TrackerConfig.builder().host("127.0.0.1").port(0).tls(false).addresses(AddressMode.CLEAR).policy(SHORT)
                .sweepInterval(Duration.ofMillis(20)).build();
        try (TrackerServer server = new TrackerServer(config, flaky, Ticker.system()).start();
             TrackerClient client = TrackerClient.of(server.baseUrl())) {
            client.join(LIVE, join(1, true));

            await().atMost(Duration.ofSeconds(10)).until(() -> client.stats(LIVE).isEmpty());
            assertThat(failuresLeft.get()).isNegative();
        }
    }
}
