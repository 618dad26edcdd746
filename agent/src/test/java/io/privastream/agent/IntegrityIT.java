package io.privastream.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.privastream.core.media.SegmentKey;
import io.privastream.core.rate.Bandwidth;
import io.privastream.testkit.MisbehavingPeer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every byte a peer sends is checked against the publisher's signed digest: lying peers cost the
 * player nothing but a refetch, and are banned.
 */
class IntegrityIT {
    private static final String SEG = "chunk-stream0-00007.m4s";
    private static final String NEXT = "chunk-stream0-00008.m4s";
    private static final String OTHER_RENDITION = "chunk-stream1-00007.m4s";
    private static final String MPD = "<?xml version=\"1.0\"?><MPD type=\"static\"/>\n";

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<AutoCloseable> closing = new ArrayList<>();
    private TestOrigin origin;
    private StaticDirectory swarm;
    private byte[] segment;
    private byte[] next;
    private byte[] otherRendition;

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @BeforeEach
    void setUp() {
        origin = new TestOrigin(Bandwidth.mbps(40), true);
        closing.add(origin);
        segment = random(400_000, 7);
        next = random(400_000, 8);
        otherRendition = random(400_000, 9);
        origin.objects.put(SEG, segment);
        origin.objects.put(NEXT, next);
        origin.objects.put(OTHER_RENDITION, otherRendition);
        origin.objects.put("manifest.mpd", MPD.getBytes(StandardCharsets.UTF_8));
        swarm = new StaticDirectory();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : closing.reversed()) {
            c.close();
        }
        client.close();
    }

    private Agent agent(AgentConfig.Builder config) {
        // Plain links: these tests wire a static swarm (no tracker to vouch for keys); PrivacyIT covers encrypted links.
        Agent a = new Agent(config.privacy(Privacy.off()).manifestServer(origin.base()).playerPort(0).peerHost("127.0.0.1").seed(3).build(), swarm.factory());
        closing.add(a);
        return a.start();
    }

    private HttpResponse<byte[]> get(Agent a, String path) throws Exception {
        URI url = a.playerBase().resolve(origin.content + "/" + path);
        return client.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private MisbehavingPeer liar(MisbehavingPeer.Behaviour behaviour, String path, byte[] body) throws Exception {
        MisbehavingPeer bad = new MisbehavingPeer(behaviour).hold(origin.content.value(), path, body);
        closing.add(bad);
        swarm.add(new SegmentKey(origin.content, path), "badpeer0001", bad.endpoint(), body.length);
        return bad;
    }

    /** What a lying peer sends for {@link #SEG}. */
    private byte[] lie(String kind) {
        return switch (kind) {
            case "flipped-bits" -> segment; // MisbehavingPeer flips them
            case "another-segment" -> next;
            case "another-rendition" -> otherRendition;
            default -> throw new IllegalArgumentException(kind);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"flipped-bits", "another-segment", "another-rendition"})
    void lyingPeer_playerGetsExactBytesInTime_andThePeerIsBanned(String kind) throws Exception {
        MisbehavingPeer.Behaviour behaviour = kind.equals("flipped-bits") ? MisbehavingPeer.Behaviour.FLIPPED_BITS : MisbehavingPeer.Behaviour.HONEST;
        MisbehavingPeer bad = liar(behaviour, SEG, lie(kind));
        bad.hold(origin.content.value(), NEXT, next);
        swarm.add(new SegmentKey(origin.content, NEXT), "badpeer0001", bad.endpoint(), next.length);
        Agent a = agent(AgentConfig.builder().deadlinePolicy("fixed:2s"));

        long began = System.nanoTime();
        HttpResponse<byte[]> r = get(a, SEG);
        Duration took = Duration.ofNanos(System.nanoTime() - began);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(segment);
        assertThat(bad.requests()).isEqualTo(1);
        assertThat(a.stats().rejectedChunks()).isPositive();
        // Nothing the liar sent counts: every byte came from the server in the end.
        assertThat(Split.of(r)).isEqualTo(new Split(0, segment.length));
        assertThat(took).isLessThan(Duration.ofMillis(3500));

        // Banned: the next object it holds is not asked of it.
        assertThat(get(a, NEXT).body()).isEqualTo(next);
        assertThat(bad.requests()).isEqualTo(1);
    }

    @Test
    void honestPeer_isVerifiedAndUsed_oneDigestPerObject() throws Exception {
        MisbehavingPeer good = liar(MisbehavingPeer.Behaviour.HONEST, SEG, segment);
        Agent a = agent(AgentConfig.builder().downloadStrategy("single-source"));

        HttpResponse<byte[]> r = get(a, SEG);

        assertThat(r.body()).isEqualTo(segment);
        assertThat(good.requests()).isEqualTo(1);
        assertThat(Split.of(r).peerBytes()).isEqualTo(segment.length);
        assertThat(a.stats().rejectedChunks()).isZero();
        assertThat(origin.digestRequests.get()).isEqualTo(1);
        assertThat(origin.bytesServed.get()).isZero();
    }

    @Test
    void contentWithoutDigests_comesFromServersOnly_unlessUnverifiedPeersAreAllowed() throws Exception {
        origin.signs = false;
        MisbehavingPeer peer = liar(MisbehavingPeer.Behaviour.HONEST, SEG, segment);
        Agent strict = agent(AgentConfig.builder());

        assertThat(get(strict, SEG).body()).isEqualTo(segment);
        assertThat(peer.requests()).isZero();
        assertThat(strict.stats().unverifiedObjects()).isEqualTo(1);
        strict.close();

        Agent trusting = agent(AgentConfig.builder().unverifiedPeers(true).downloadStrategy("single-source"));
        assertThat(get(trusting, SEG).body()).isEqualTo(segment);
        assertThat(peer.requests()).isEqualTo(1);
    }

    @Test
    void digestSignedByAnotherKey_isRefused_objectComesFromTheServer() throws Exception {
        // The descriptor names the publisher's key; the digests are signed with another one.
        origin.forgeDigestsWith(io.privastream.core.integrity.PublisherKeys.generate());
        MisbehavingPeer peer = liar(MisbehavingPeer.Behaviour.FLIPPED_BITS, SEG, segment);
        Agent a = agent(AgentConfig.builder());

        HttpResponse<byte[]> r = get(a, SEG);

        assertThat(r.body()).isEqualTo(segment);
        assertThat(peer.requests()).isZero();
        assertThat(a.stats().unverifiedObjects()).isEqualTo(1);
    }
}
