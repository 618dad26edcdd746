package io.privastream.tracker;

import static io.privastream.tracker.Trackers.LIVE;
import static io.privastream.tracker.Trackers.peer;
import static org.assertj.core.api.Assertions.assertThat;

import io.privastream.core.swarm.SwarmPolicy;
import io.privastream.protocol.tracker.AnnounceRequest;
import io.privastream.protocol.tracker.JoinRequest;
import io.privastream.protocol.tracker.LookupRequest;
import io.privastream.protocol.tracker.LookupResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrackerLookupIT {
    private static final String SEG = "chunk-stream2-00007.m4s";

    @Test
    void claimingLookup_pointsTheNextAskersAtEarlierClaimers_untilTheyAnnounce() throws Exception {
        try (TrackerServer server = Trackers.start(SwarmPolicy.defaults());
             TrackerClient client = TrackerClient.of(server.baseUrl())) {
            for (int n = 1; n <= 3; n++) {
                client.join(LIVE, Trackers.join(n, true));
            }
            LookupResponse first = client.lookup(LIVE, new LookupRequest(peer(1), SEG, 8, true));
            assertThat(first.claimed()).isTrue();
            assertThat(first.holders()).isEmpty();

            LookupResponse second = client.lookup(LIVE, new LookupRequest(peer(2), SEG, 8, true));
            assertThat(second.claimed()).isTrue();
            assertThat(second.holders()).singleElement().satisfies(h -> {
                assertThat(h.peer()).isEqualTo(peer(1));
                assertThat(h.pending()).isTrue();
            });

            client.announce(LIVE, new AnnounceRequest(peer(1), List.of(Trackers.holding(SEG)), List.of()));
            LookupResponse third = client.lookup(LIVE, new LookupRequest(peer(3), SEG, 8, false));
            assertThat(third.holders()).hasSize(2).allSatisfy(h -> assertThat(h.pending()).isEqualTo(h.peer().equals(peer(2))));
            // A plain lookup never claims.
            assertThat(client.lookup(LIVE, new LookupRequest(peer(3), "other.m4s", 8, false)).claimed()).isFalse();
            assertThat(client.lookup(LIVE, new LookupRequest(peer(2), "other.m4s", 8, true)).claimed()).isTrue();
        }
    }

    @Test
    void declaredUplink_boundsHowOftenAHolderIsHandedOut() throws Exception {
        SwarmPolicy tree = SwarmPolicy.defaults().toBuilder().relayParents(1).relayFanOut(10).relayChildKbps(1000).build();
        try (TrackerServer server = Trackers.start(tree);
             TrackerClient client = TrackerClient.of(server.baseUrl())) {
            // Peer 1 declares 2 Mbit/s: two lookups' worth; peer 2 declares nothing: relayFanOut.
            JoinRequest j1 = Trackers.join(1, true);
            client.join(LIVE, new JoinRequest(j1.peer(), j1.endpoint(), true, java.util.Optional.empty(), java.util.OptionalInt.of(2000)));
            client.join(LIVE, Trackers.join(2, true));
            client.announce(LIVE, new AnnounceRequest(peer(1), List.of(Trackers.holding(SEG)), List.of()));
            client.announce(LIVE, new AnnounceRequest(peer(2), List.of(Trackers.holding(SEG)), List.of()));
            java.util.Map<io.privastream.core.media.PeerId, Integer> handed = new java.util.HashMap<>();
            for (int n = 3; n <= 12; n++) {
                client.join(LIVE, Trackers.join(n, true));
                LookupResponse r = client.lookup(LIVE, new LookupRequest(peer(n), SEG, 8, true));
                // The first claim makes the tree and is answered the old way; count the tree's.
                if (n > 3) {
                    r.holders().stream().filter(h -> !h.pending()).forEach(h -> handed.merge(h.peer(), 1, Integer::sum));
                }
            }
            assertThat(handed).containsEntry(peer(1), 2).containsEntry(peer(2), 7);
        }
    }
}
