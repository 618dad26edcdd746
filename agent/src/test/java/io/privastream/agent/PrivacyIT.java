package io.privastream.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.privastream.core.rate.Bandwidth;
import io.privastream.protocol.SwarmNames;
import io.privastream.relay.RelayConfig;
import io.privastream.relay.RelayServer;
import io.privastream.tracker.AddressMode;
import io.privastream.tracker.TrackerConfig;
import io.privastream.tracker.TrackerServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Agents over the privacy defaults — encrypted links (Noise XX) pinned by keys the tracker vouches for,
 * addresses sealed — and relayed access: the serving agent never observes the requester's
 * address. Each role gets its own loopback address (127.0.0.x) so addresses can be told apart.
 */
class PrivacyIT {
    private static final String SEG = "chunk-stream1-00007.m4s";
    private static final String SERVING = "127.0.0.3";
    private static final String REQUESTER = "127.0.0.2";
    private static final String RELAY_OUT = "127.0.0.4";
    private static final String DIRECT = "127.0.0.5";

    private final List<AutoCloseable> closing = new ArrayList<>();
    private final HttpClient client = HttpClient.newHttpClient();
    private final byte[] segment = new byte[300_000];
    private TestOrigin origin;
    private TrackerServer tracker;
    private RelayServer relay;

    @BeforeEach
    void setUp() throws Exception {
        new Random(5).nextBytes(segment);
        origin = new TestOrigin(Bandwidth.UNLIMITED, true);
        origin.objects.put(SEG, segment);
        closing.add(origin);
        // The relay shares the tracker's sealer (same process), as `privastream tracker --relay-port` runs it.
        tracker = new TrackerServer(TrackerConfig.builder().host("127.0.0.1").port(0).addresses(AddressMode.SEALED).build()).start();
        closing.add(tracker);
        relay = new RelayServer(RelayConfig.on("127.0.0.1", 0).bindingTo(RELAY_OUT), tracker.sealer()).start();
        closing.add(relay);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : closing.reversed()) {
            c.close();
        }
        client.close();
    }

    private Agent agent(String host, Privacy privacy, long seed) {
        Agent a = new Agent(AgentConfig.builder().manifestServer(origin.base()).tracker(tracker.baseUrl())
                .privacy(privacy.withTrackerPin(tracker.pin())).downloadStrategy("single-source")
                .playerPort(0).peerHost(host).seed(seed).build());
        closing.add(a);
        return a.start();
    }

    private HttpResponse<byte[]> play(Agent a) throws Exception {
        return client.send(HttpRequest.newBuilder(a.playerBase().resolve(origin.content + "/" + SEG)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private void servingAgentHoldsTheSegment(Agent serving) throws Exception {
        assertThat(play(serving).body()).isEqualTo(segment);
        SwarmNames names = SwarmNames.of(origin.content, java.util.Optional.empty());
        await().atMost(Duration.ofSeconds(5)).until(() -> tracker.book().holders(names.swarm(), names.object(SEG), 8).size() == 1);
    }

    @Test
    void relayedAccess_servingPeerSeesOnlyTheRelay_andBytesArriveWhole() throws Exception {
        Agent serving = agent(SERVING, Privacy.defaults(), 1);
        servingAgentHoldsTheSegment(serving);

        Agent requester = agent(REQUESTER, Privacy.defaults().relayedVia(relay.address()), 2);
        HttpResponse<byte[]> r = play(requester);

        assertThat(r.body()).isEqualTo(segment);
        assertThat(Split.of(r).peerBytes()).isEqualTo(segment.length);
        assertThat(serving.observedRequesterAddresses()).containsOnly(RELAY_OUT);
        assertThat(relay.stats().tunnelsOpened()).isGreaterThanOrEqualTo(1);
        assertThat(relay.stats().bytesRelayed()).isGreaterThan(segment.length);
    }

    @Test
    void directAccess_overPinnedTls_servingPeerSeesTheRequester() throws Exception {
        Agent serving = agent(SERVING, Privacy.defaults(), 3);
        servingAgentHoldsTheSegment(serving);

        Agent requester = agent(DIRECT, Privacy.defaults(), 4);
        HttpResponse<byte[]> r = play(requester);

        assertThat(r.body()).isEqualTo(segment);
        assertThat(Split.of(r).peerBytes()).isEqualTo(segment.length);
        // The control for the relayed test: the observation does see a direct requester.
        assertThat(serving.observedRequesterAddresses()).contains(DIRECT);
        assertThat(relay.stats().tunnelsOpened()).isZero();
    }

    @Test
    void plainAgent_isNotUsedByAnEncryptedOne_whichFallsBackToServers() throws Exception {
        Agent plain = agent(SERVING, Privacy.off(), 5);
        servingAgentHoldsTheSegment(plain);

        Agent encrypted = agent(DIRECT, Privacy.defaults(), 6);
        HttpResponse<byte[]> r = play(encrypted);

        assertThat(r.body()).isEqualTo(segment);
        assertThat(Split.of(r).peerBytes()).isZero();
        assertThat(plain.observedRequesterAddresses()).isEmpty();
    }
}
