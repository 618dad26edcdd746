package io.privastream.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.privastream.core.incentive.Receipt;
import io.privastream.core.incentive.ServerStanding;
import io.privastream.core.incentive.Standing;
import io.privastream.core.incentive.StandingTicket;
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
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Earning over real links: an agent that serves another gets a signed receipt for what it
 * served, redeems it at the tracker's ledger, and the ledger moves exactly that credit from the
 * receiver's account to the server's. And showing it: requests to servers carry the ledger's
 * ticket of the agent's standing with a proof per request that a server accepts.
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

    @Test
    void requestsToServers_showTheLedgersTicket_withAProofAServerAccepts() throws Exception {
        TestOrigin origin = new TestOrigin(Bandwidth.UNLIMITED, false);
        for (int i = 1; i <= 99; i++) {
            origin.objects.put(segment(i), new byte[10_000]);
        }
        closing.add(origin);
        TrackerServer tracker = new TrackerServer(TrackerConfig.builder().host("127.0.0.1").port(0).build()).start();
        closing.add(tracker);
        Agent agent = agent(origin, tracker, "127.0.0.2", 3);

        // The agent asks for its first ticket as it starts: fetch new objects until one goes out with it.
        AtomicInteger next = new AtomicInteger();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
            assertThat(get(agent, origin, segment(next.incrementAndGet())).statusCode()).isEqualTo(200);
            return origin.standings.stream().anyMatch(s -> s.ticket() != null);
        });
        TestOrigin.Shown shown = origin.standings.stream().filter(s -> s.ticket() != null).findFirst().orElseThrow();
        StandingTicket ticket = StandingTicket.parse(shown.ticket());
        assertThat(ticket.pin()).isEqualTo(agent.pin().toString());
        Standing atLedger = tracker.ledger().standing(agent.pin().toString());
        assertThat(ticket.balanceBytes()).isEqualTo(atLedger.balanceBytes()).isPositive();
        // A newcomer that has served nobody: in good standing by the newcomer grace alone.
        assertThat(ticket.earnedBytes()).isEqualTo(atLedger.earnedBytes()).isZero();
        assertThat(ticket.knownForMillis()).isLessThan(ServerStanding.DEFAULT_NEWCOMER_GRACE.toMillis());

        ServerStanding server = new ServerStanding(tracker.pin().toString(), Duration.ofSeconds(30), Receipt.jdkVerifier());
        assertThat(shown.path()).isEqualTo("/content/" + origin.content + "/" + segment(next.get()));
        assertThat(server.good(shown.ticket(), shown.proof(), shown.path(), System.currentTimeMillis())).isTrue();
        // The proof is for that request only: shown again for another path, it does not count.
        assertThat(server.good(shown.ticket(), shown.proof(), "/content/" + origin.content + "/" + segment(99), System.currentTimeMillis())).isFalse();

        // Once held, the ticket goes with every request to the server, each with a proof of its own.
        assertThat(get(agent, origin, segment(next.incrementAndGet())).statusCode()).isEqualTo(200);
        TestOrigin.Shown later = origin.standings.getLast();
        assertThat(later.path()).endsWith(segment(next.get()));
        assertThat(later.proof()).isNotEqualTo(shown.proof());
        assertThat(server.good(later.ticket(), later.proof(), later.path(), System.currentTimeMillis())).isTrue();
    }

    private static String segment(int n) {
        return String.format("chunk-stream1-%05d.m4s", n);
    }

    private HttpResponse<byte[]> get(Agent a, TestOrigin origin) throws Exception {
        return get(a, origin, SEG);
    }

    private HttpResponse<byte[]> get(Agent a, TestOrigin origin, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(a.playerBase().resolve(origin.content + "/" + path)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
