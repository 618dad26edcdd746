package io.privastream.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.privastream.core.rate.Bandwidth;
import io.privastream.tracker.TrackerClient;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Path;

class AgentWithTrackerIT {
    private static final String SEG = "chunk-stream1-00003.m4s";
    private final HttpClient client = HttpClient.newHttpClient();
    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : closing.reversed()) {
            c.close();
        }
    }

    @TempDir
    Path dir;

    private TrackerServer tracker(int port) throws Exception {
        // A kept key file, as an operator would: agents pinning the tracker reach it again after a restart.
        TrackerServer t = new TrackerServer(TrackerConfig.builder().host("127.0.0.1").port(port)
                .identityFile(dir.resolve("tracker-identity.pem")).build()).start();
        closing.add(t);
        return t;
    }

    private Agent agent(TestOrigin origin, TrackerServer tracker, long seed) {
        // Single-source, so the whole segment comes from the announcing peer: this test is about the tracker.
        Agent a = new Agent(AgentConfig.builder().manifestServer(origin.base()).tracker(tracker.baseUrl())
                .privacy(Privacy.defaults().withTrackerPin(tracker.pin()))
                .downloadStrategy("single-source").playerPort(0).peerHost("127.0.0.1").seed(seed).build());
        closing.add(a);
        return a.start();
    }

    /** A client that pins the tracker's key, as agents do. */
    private static TrackerClient probe(TrackerServer tracker) {
        io.privastream.link.Pins pins = new io.privastream.link.Pins();
        pins.put("127.0.0.1", tracker.port(), tracker.pin());
        return TrackerClient.of(tracker.baseUrl(), Duration.ofSeconds(2),
                java.util.Optional.of(io.privastream.link.LinkProtocol.configured().context(io.privastream.link.NodeIdentity.generate(), pins)));
    }

    private byte[] get(URI url) throws Exception {
        HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    @Test
    void announcedSegment_isFetchedFromThePeer_andRejoinAfterTrackerRestart() throws Exception {
        TestOrigin origin = new TestOrigin(Bandwidth.UNLIMITED, true);
        closing.add(origin);
        byte[] segment = new byte[250_000];
        new Random(3).nextBytes(segment);
        origin.objects.put(SEG, segment);
        TrackerServer tracker = tracker(0);
        int trackerPort = tracker.port();
        Agent a = agent(origin, tracker, 11);
        Agent b = agent(origin, tracker, 12);
        TrackerClient probe = probe(tracker);
        // The tracker knows contents and objects only by keyed hashes.
        io.privastream.protocol.SwarmNames names = io.privastream.protocol.SwarmNames.of(origin.content, java.util.Optional.empty());
        closing.add(probe);

        assertThat(get(a.playerBase().resolve(origin.content + "/" + SEG))).isEqualTo(segment);
        await().atMost(Duration.ofSeconds(5)).until(() -> probe.holders(names.swarm(), names.object(SEG), 8).size() == 1);

        HttpResponse<byte[]> fromPeer = client.send(HttpRequest.newBuilder(b.playerBase().resolve(origin.content + "/" + SEG)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(fromPeer.body()).isEqualTo(segment);
        assertThat(Split.of(fromPeer).peerBytes()).isEqualTo(segment.length);
        await().atMost(Duration.ofSeconds(5)).until(() -> probe.holders(names.swarm(), names.object(SEG), 8).size() == 2);

        // The tracker restarts empty: agents notice at their next heartbeat, rejoin and re-announce.
        tracker.close();
        TrackerServer again = tracker(trackerPort);
        TrackerClient probe2 = probe(again);
        closing.add(probe2);
        await().atMost(Duration.ofSeconds(15)).until(() -> probe2.holders(names.swarm(), names.object(SEG), 8).size() == 2);
        assertThat(origin.requests.get()).isEqualTo(1);
    }
}
