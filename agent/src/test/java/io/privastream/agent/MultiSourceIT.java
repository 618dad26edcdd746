package io.privastream.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.privastream.core.rate.Bandwidth;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** MS-Stream with several public servers and no peers: each server carries bytes in proportion to its capacity. */
class MultiSourceIT {
    private static final int OBJECTS = 24;
    private static final int SIZE = 400_000;

    @Test
    void threeServersWithDifferentCaps_carryBytesInProportionToCapacity() throws Exception {
        List<Bandwidth> caps = List.of(Bandwidth.mbps(8), Bandwidth.mbps(4), Bandwidth.mbps(2));
        List<TestOrigin> servers = caps.stream().map(cap -> new TestOrigin(cap, false)).toList();
        byte[][] objects = new byte[OBJECTS][];
        Random random = new Random(11);
        for (int i = 0; i < OBJECTS; i++) {
            objects[i] = new byte[SIZE];
            random.nextBytes(objects[i]);
            for (TestOrigin s : servers) {
                s.objects.put("seg-" + i + ".m4s", objects[i]);
            }
        }
        TestOrigin first = servers.getFirst();
        first.alsoServedBy.add(servers.get(1).base());
        first.alsoServedBy.add(servers.get(2).base());
        try (Agent agent = new Agent(AgentConfig.builder().manifestServer(first.base()).playerPort(0).peerHost("127.0.0.1")
                .downloadStrategy("multi-source").maxSources(3).deadlinePolicy("fixed:4s").seed(3).build()).start();
             HttpClient client = HttpClient.newHttpClient()) {
            for (int i = 0; i < OBJECTS; i++) {
                HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(agent.playerBase().resolve(first.content + "/seg-" + i + ".m4s")).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.body()).isEqualTo(objects[i]);
                assertThat(Split.of(r).serverBytes()).isEqualTo(SIZE);
            }
        } finally {
            servers.forEach(TestOrigin::close);
        }
        long total = servers.stream().mapToLong(s -> s.bytesServed.get()).sum();
        double capTotal = caps.stream().mapToDouble(Bandwidth::bitsPerSecond).sum();
        for (int i = 0; i < servers.size(); i++) {
            double share = (double) servers.get(i).bytesServed.get() / total;
            double expected = caps.get(i).bitsPerSecond() / capTotal;
            assertThat(share).as("share of server %d (cap %s)", i, caps.get(i)).isCloseTo(expected, within(0.2 * expected));
        }
        // Every byte the player got came from a server once; work stealing cuts a transfer short
        // now and then, and what was already in flight is wasted, but only a little.
        assertThat(total).isBetween((long) OBJECTS * SIZE, (long) (OBJECTS * SIZE * 1.05));
    }
}
