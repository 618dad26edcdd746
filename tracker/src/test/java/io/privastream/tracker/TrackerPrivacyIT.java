package io.privastream.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.privastream.core.media.ContentId;
import io.privastream.core.media.PeerId;
import io.privastream.core.swarm.InMemorySwarmStore;
import io.privastream.core.time.Ticker;
import io.privastream.link.NodeIdentity;
import io.privastream.link.Pins;
import io.privastream.link.LinkProtocol;
import io.privastream.protocol.tracker.Holder;
import io.privastream.protocol.tracker.JoinRequest;
import io.privastream.protocol.tracker.LookupRequest;
import io.privastream.protocol.tracker.OpenRequest;
import io.privastream.protocol.tracker.AnnounceRequest;
import io.privastream.protocol.tracker.Holding;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The tracker's defaults: encrypted links with its own pinned key, agents' keys vouched from the link,
 * addresses sealed in storage and handed out as handles only.
 */
class TrackerPrivacyIT {
    private static final ContentId LIVE = ContentId.of("livechannel1");
    private static final String ADDRESS = "https://10.1.2.3:8801";

    private final InMemorySwarmStore store = new InMemorySwarmStore();
    private final NodeIdentity agentA = NodeIdentity.generate();
    private final NodeIdentity agentB = NodeIdentity.generate();

    private TrackerServer start(AddressMode mode) throws Exception {
        return new TrackerServer(TrackerConfig.builder().host("127.0.0.1").port(0).addresses(mode).build(), store, Ticker.system()).start();
    }

    @Test
    void defaults_sealAddresses_handOutHandlesWithVouchedPins_andOpenThem() throws Exception {
        try (TrackerServer tracker = start(AddressMode.SEALED);
             TrackerClient a = Trackers.client(tracker, agentA);
             TrackerClient b = Trackers.client(tracker, agentB)) {
            assertThat(tracker.baseUrl().getScheme()).isEqualTo("https");
            a.join(LIVE, new JoinRequest(PeerId.of("peer-aaaa"), ADDRESS, true));
            b.join(LIVE, new JoinRequest(PeerId.of("peer-bbbb"), "https://10.9.9.9:1", true));
            a.announce(LIVE, new AnnounceRequest(PeerId.of("peer-aaaa"), List.of(new Holding("v/1.m4s", 1000)), List.of()));

            // What the tracker keeps holds no address.
            String stored = store.peer(LIVE, PeerId.of("peer-aaaa")).orElseThrow().endpoint();
            assertThat(stored).doesNotContain("10.1.2.3").startsWith(agentA.pin().toString());

            List<Holder> first = b.lookup(LIVE, new LookupRequest(PeerId.of("peer-bbbb"), "v/1.m4s", 8, false)).holders();
            List<Holder> second = b.lookup(LIVE, new LookupRequest(PeerId.of("peer-bbbb"), "v/1.m4s", 8, false)).holders();
            assertThat(first).singleElement().satisfies(h -> {
                assertThat(h.sealed()).isTrue();
                assertThat(h.endpoint()).doesNotContain("10.1.2.3");
                assertThat(h.pin()).contains(agentA.pin().toString());
            });
            // Fresh handles each time: two answers about one peer do not match.
            assertThat(second.getFirst().endpoint()).isNotEqualTo(first.getFirst().endpoint());
            assertThat(b.open(new OpenRequest(List.of(first.getFirst().endpoint(), "sealed:00ff", "junk"))).addresses())
                    .containsExactly(ADDRESS, "", "");
        }
    }

    @Test
    void declaredPin_mustBeTheKeyTheLinkProved() throws Exception {
        try (TrackerServer tracker = start(AddressMode.SEALED); TrackerClient a = Trackers.client(tracker, agentA)) {
            JoinRequest lying = new JoinRequest(PeerId.of("peer-aaaa"), ADDRESS, true, Optional.of(agentB.pin().toString()));
            assertThatThrownBy(() -> a.join(LIVE, lying)).isInstanceOf(TrackerException.class)
                    .satisfies(e -> assertThat(((TrackerException) e).status()).hasValue(400));
        }
    }

    @Test
    void relayedOnly_neverOpensHandlesForAgents() throws Exception {
        try (TrackerServer tracker = start(AddressMode.RELAYED_ONLY); TrackerClient a = Trackers.client(tracker, agentA)) {
            a.join(LIVE, new JoinRequest(PeerId.of("peer-aaaa"), ADDRESS, true));
            a.announce(LIVE, new AnnounceRequest(PeerId.of("peer-aaaa"), List.of(new Holding("v/1.m4s", 1000)), List.of()));
            Holder h = a.holders(LIVE, "v/1.m4s", 8).getFirst();
            assertThat(tracker.sealer().open(h.endpoint().substring(Holder.SEALED.length()))).contains(ADDRESS);
            assertThatThrownBy(() -> a.open(new OpenRequest(List.of(h.endpoint())))).isInstanceOf(TrackerException.class)
                    .satisfies(e -> assertThat(((TrackerException) e).status()).hasValue(403));
        }
    }

    @Test
    void clientWithoutTheTrackersPin_refusesToTalk() throws Exception {
        try (TrackerServer tracker = start(AddressMode.SEALED);
             TrackerClient impostorCheck = TrackerClient.of(tracker.baseUrl(), Duration.ofSeconds(5),
                     Optional.of(LinkProtocol.configured().context(agentA, new Pins())))) {
            assertThatThrownBy(() -> impostorCheck.join(LIVE, new JoinRequest(PeerId.of("peer-aaaa"), ADDRESS, true)))
                    .isInstanceOf(TrackerException.class);
            assertThat(store.peer(LIVE, PeerId.of("peer-aaaa"))).isEmpty();
        }
    }
}
