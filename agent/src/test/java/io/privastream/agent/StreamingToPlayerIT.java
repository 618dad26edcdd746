package io.privastream.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.privastream.core.rate.Bandwidth;
import io.privastream.protocol.AgentHeaders;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The player's answer starts while the object is still arriving: a player that measures its
 * downloads from request to first byte (dash.js discounts throughput by that wait) must not see
 * the whole download as latency.
 */
class StreamingToPlayerIT {
    private static final int SIZE = 500_000;

    @Test
    void answerStartsBeforeTheServerSentTheObject_andHeadGivesTheSplit() throws Exception {
        byte[] segment = new byte[SIZE];
        new Random(5).nextBytes(segment);
        // 2 Mbit/s: the server needs 2 s for the object.
        try (TestOrigin origin = new TestOrigin(Bandwidth.mbps(2), false);
             Agent agent = new Agent(AgentConfig.builder().manifestServer(origin.base()).playerPort(0).peerHost("127.0.0.1")
                     .seed(1).build()).start();
             HttpClient client = HttpClient.newHttpClient()) {
            origin.objects.put("seg-1.m4s", segment);
            AtomicLong serverBytesAtHeaders = new AtomicLong(-1);
            HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(agent.playerBase().resolve(origin.content + "/seg-1.m4s")).build(),
                    info -> {
                        serverBytesAtHeaders.set(origin.bytesServed.get());
                        return HttpResponse.BodySubscribers.ofByteArray();
                    });

            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo(segment);
            assertThat(r.headers().firstValue(AgentHeaders.STREAMED)).hasValue("1");
            assertThat(r.headers().firstValue(AgentHeaders.PEER_BYTES)).isEmpty();
            assertThat(serverBytesAtHeaders.get()).as("server bytes sent when the player's headers came").isBetween(0L, SIZE / 2L);
            assertThat(Split.of(r)).isEqualTo(new Split(0, SIZE));

            // Cached now: a second request is answered whole, with its split.
            HttpResponse<byte[]> again = client.send(HttpRequest.newBuilder(r.uri()).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(again.body()).isEqualTo(segment);
            assertThat(again.headers().firstValue(AgentHeaders.STREAMED)).isEmpty();
            assertThat(again.headers().firstValue(AgentHeaders.SERVER_BYTES)).hasValue(String.valueOf(SIZE));
        }
    }

    @Test
    void anObjectTheServerDoesNotHave_is404() throws Exception {
        try (TestOrigin origin = new TestOrigin(Bandwidth.mbps(2), false);
             Agent agent = new Agent(AgentConfig.builder().manifestServer(origin.base()).playerPort(0).peerHost("127.0.0.1")
                     .seed(1).build()).start();
             HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(agent.playerBase().resolve(origin.content + "/seg-9.m4s")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(404);
        }
    }
}
