package io.privastream.tracker;

import static io.privastream.tracker.Trackers.LIVE;
import static io.privastream.tracker.Trackers.VOD;
import static io.privastream.tracker.Trackers.holding;
import static io.privastream.tracker.Trackers.join;
import static io.privastream.tracker.Trackers.peer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.privastream.core.media.ContentId;
import io.privastream.core.swarm.SwarmPolicy;
import io.privastream.protocol.tracker.AnnounceRequest;
import io.privastream.protocol.tracker.Holder;
import io.privastream.protocol.tracker.JoinResponse;
import io.privastream.protocol.tracker.SwarmStats;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The agent's view: join, announce, look up, leave, through {@link TrackerClient} on loopback. */
class TrackerFlowIT {
    private static TrackerServer server;
    private static TrackerClient client;

    @BeforeAll
    static void start() {
        server = Trackers.start(SwarmPolicy.defaults());
        client = TrackerClient.of(server.baseUrl());
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    @Test
    void joinAnnounceLookupLeave() throws Exception {
        JoinResponse timing = client.join(LIVE, join(1, true));
        client.join(LIVE, join(2, false));
        client.join(LIVE, join(3, true));
        client.announce(LIVE, new AnnounceRequest(peer(1), List.of(holding("v/seg-1.m4s"), holding("v/seg-2.m4s")), List.of()));
        client.announce(LIVE, new AnnounceRequest(peer(2), List.of(holding("v/seg-1.m4s")), List.of()));

        assertThat(timing).isEqualTo(new JoinResponse(5_000, 15_000, 30_000));
        List<Holder> holders = client.holders(LIVE, "v/seg-1.m4s", peer(3), 8);
        assertThat(holders).extracting(Holder::peer).containsExactly(peer(2), peer(1));
        assertThat(holders.getFirst().endpoint()).isEqualTo("http://127.0.0.1:9002");
        assertThat(holders.getFirst().sizeBytes()).isEqualTo(1000);
        assertThat(holders.getFirst().ageMs()).isBetween(0L, 5_000L);
        assertThat(client.holders(LIVE, "v/seg-1.m4s", peer(2), 8)).extracting(Holder::peer).containsExactly(peer(1));
        assertThat(client.holders(LIVE, "v/seg-1.m4s", 1)).hasSize(1);
        assertThat(client.stats(LIVE)).contains(new SwarmStats(3, 2, 3, true));

        client.announce(LIVE, new AnnounceRequest(peer(1), List.of(), List.of("v/seg-2.m4s")));
        client.heartbeat(LIVE, peer(3));
        assertThat(client.holders(LIVE, "v/seg-2.m4s", 8)).isEmpty();

        assertThat(client.leave(LIVE, peer(2))).isTrue();
        assertThat(client.holders(LIVE, "v/seg-1.m4s", 8)).extracting(Holder::peer).containsExactly(peer(1));
        assertThat(client.leave(LIVE, peer(2))).isFalse();
        assertThatThrownBy(() -> client.heartbeat(LIVE, peer(2)))
                .isInstanceOfSatisfying(UnknownPeerException.class, e -> {
                    assertThat(e.status()).hasValue(404);
                    assertThat(e.serverError()).get().asString().contains(peer(2).value());
                });
    }

    @Test
    void vodSwarm_hasNoLiveWindow_andAnUnknownSwarmHasNoStats() throws Exception {
        assertThat(client.join(VOD, join(1, false))).isEqualTo(new JoinResponse(5_000, 15_000, 0));
        assertThat(client.join(VOD, join(2, true)).liveWindowMs()).isZero();
        assertThat(client.stats(VOD)).get().extracting(SwarmStats::live).isEqualTo(false);

        assertThat(client.stats(ContentId.of("nosuchswarm"))).isEmpty();
        assertThat(client.holders(ContentId.of("nosuchswarm"), "a.m4s", 8)).isEmpty();
    }

    @Test
    void announceOfAnUnknownPeer_isUnknownPeer_soTheAgentRejoins() throws Exception {
        assertThatThrownBy(() -> client.announce(VOD, new AnnounceRequest(peer(77), List.of(holding("a.m4s")), List.of())))
                .isInstanceOf(UnknownPeerException.class);

        client.join(VOD, join(77, false));
        client.announce(VOD, new AnnounceRequest(peer(77), List.of(holding("a.m4s")), List.of()));
        assertThat(client.holders(VOD, "a.m4s", 8)).extracting(Holder::peer).contains(peer(77));
    }

    @Test
    void healthz_answersOk() {
        try (Trackers.Raw raw = new Trackers.Raw(server.baseUrl())) {
            var answer = raw.get("/healthz");
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo("ok\n");
        }
    }

    @Test
    void baseUrl_isLoopbackWithTheBoundPort() {
        assertThat(server.port()).isPositive();
        assertThat(server.baseUrl().toString()).isEqualTo("http://127.0.0.1:" + server.port() + "/");
    }
}
