package io.privastream.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.privastream.core.incentive.Standing;
import io.privastream.core.rate.Bandwidth;
import io.privastream.protocol.SwarmNames;
import io.privastream.tracker.TrackerConfig;
import io.privastream.tracker.TrackerServer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Earning over real links: an agent that serves another gets a signed receipt for what it
 * served, redeems it at the tracker's ledger, and the ledger moves exactly that credit from the
 * receiver's account to the server's.
 */
class IncentiveIT {
    private static final String SEG = "chunk-stream1-00009.m4s";
    private final List<AutoCloseable> closing = new ArrayList<>();
    private final HttpClient client = HttpClient.newHttpClient();

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : closing.reversed()) {
            c.close();
        }
        client.close();
    }

    private Agent agent(TestOrigin origin, TrackerServer tracker, String host, long seed) {
        Agent a = new Agent(AgentConfig.builder().manifestServer(origin.base()).tracker(tracker.baseUrl())
                .privacy(Privacy.defaults().withTrackerPin(tracker.pin())).downloadStrategy("single-source")
                .playerPort(0).peerHost(host).seed(seed).build());
        closing.add(a);
        return a.start();
    }

    @Test
    void servingAPeer_earnsWhatTheReceiverPays() throws Exception {
        byte[] segment = new byte[400_000];
        new Random(8).nextBytes(segment);
        TestOrigin origin = new TestOrigin(Bandwidth.UNLIMITED, true);
        origin.objects.put(SEG, segment);
        closing.add(origin);
        TrackerServer tracker = new TrackerServer(TrackerConfig.builder().host("127.0.0.1").port(0).build()).start();
        closing.add(tracker);
        Agent serving = agent(origin, tracker, "127.0.0.3", 1);
        assertThat(get(serving, origin).body()).isEqualTo(segment);
        SwarmNames names = SwarmNames.of(origin.content, Optional.empty());
        await().atMost(Duration.ofSeconds(5)).until(() -> tracker.book().holders(names.swarm(), names.object(SEG), 8).size() == 1);

        Agent receiving = agent(origin, tracker, "127.0.0.2", 2);
        HttpResponse<byte[]> r = get(receiving, origin);
        assertThat(r.body()).isEqualTo(segment);
        assertThat(Split.of(r).peerBytes()).isEqualTo(segment.length);

        await().atMost(Duration.ofSeconds(10)).until(() -> tracker.ledger().standing(serving.pin().toString()).earnedBytes() > 0);
        Standing earned = tracker.ledger().standing(serving.pin().toString());
        Standing paid = tracker.ledger().standing(receiving.pin().toString());
        assertThat(earned.earnedBytes()).isEqualTo(segment.length);
        assertThat(paid.spentBytes()).isEqualTo(segment.length);
        assertThat(earned.balanceBytes() + paid.balanceBytes()).isEqualTo(2 * 20_000_000L);
    }

    private HttpResponse<byte[]> get(Agent a, TestOrigin origin) throws Exception {
        return client.send(HttpRequest.newBuilder(a.playerBase().resolve(origin.content + "/" + SEG)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
