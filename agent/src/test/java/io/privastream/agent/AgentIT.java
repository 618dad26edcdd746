package io.privastream.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class AgentIT {
    private static final String SEG = "chunk-stream0-00007.m4s";
    private static final String MPD = "<?xml version=\"1.0\"?><MPD type=\"static\"/>\n";

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<AutoCloseable> closing = new ArrayList<>();
    private TestOrigin origin;
    private StaticDirectory swarm;
    private byte[] segment;
    private int agents;

    @BeforeEach
    void setUp() {
        origin = new TestOrigin(Bandwidth.mbps(40), true);
        closing.add(origin);
        segment = new byte[400_000];
        new Random(7).nextBytes(segment);
        origin.objects.put(SEG, segment);
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
        Agent a = new Agent(config.privacy(Privacy.off()).manifestServer(origin.base()).playerPort(0).peerHost("127.0.0.1").seed(++agents).build(), swarm.factory());
        closing.add(a);
        return a.start();
    }

    private Agent agent() {
        return agent(AgentConfig.builder());
    }

    private HttpResponse<byte[]> get(URI url, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(20));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private URI url(Agent a, String path) {
        return a.playerBase().resolve(origin.content + "/" + path);
    }

    @Test
    void segment_comesFromServer_byteIdentical_attributed_thenCached() throws Exception {
        Agent a = agent();
        HttpResponse<byte[]> first = get(url(a, SEG));

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).isEqualTo(segment);
        assertThat(Split.of(first)).isEqualTo(new Split(0, segment.length));
        assertThat(first.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");

        HttpResponse<byte[]> again = get(url(a, SEG));
        assertThat(again.body()).isEqualTo(segment);
        assertThat(origin.requests.get()).isEqualTo(1);
        assertThat(a.stats().cacheHits()).isEqualTo(1);
    }

    @Test
    void manifest_passesThroughUncached() throws Exception {
        Agent a = agent();
        HttpResponse<byte[]> r = get(url(a, "manifest.mpd"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(MPD);
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/dash+xml"));
    }

    @Test
    void secondAgent_singleSource_getsTheWholeSegmentFromTheFirst() throws Exception {
        Agent a = agent(AgentConfig.builder().downloadStrategy("single-source"));
        Agent b = agent(AgentConfig.builder().downloadStrategy("single-source"));
        get(url(a, SEG));
        HttpResponse<byte[]> r = get(url(b, SEG));

        assertThat(r.body()).isEqualTo(segment);
        assertThat(Split.of(r).peerBytes()).isEqualTo(segment.length);
        assertThat(origin.requests.get()).isEqualTo(1);
        assertThat(a.stats().bytesToPeers()).isEqualTo(segment.length);
        assertThat(b.stats().bytesFromPeers()).isEqualTo(segment.length);
    }

    @Test
    void secondAgent_multiSource_splitsTheSegmentBetweenTheFirstAndTheServer() throws Exception {
        // 10 Mbit/s: the origin's token bucket lets at most a 50 ms burst (62.5 kB) run ahead of
        // its pace, so what it writes into the socket is close to what the agent reads.
        origin.close();
        origin = new TestOrigin(Bandwidth.mbps(10), true);
        closing.add(origin);
        origin.objects.put(SEG, segment);
        origin.objects.put("manifest.mpd", MPD.getBytes(StandardCharsets.UTF_8));
        Agent a = agent();
        Agent b = agent();
        get(url(a, SEG));
        long servedBefore = origin.bytesServed.get();
        HttpResponse<byte[]> r = get(url(b, SEG));

        assertThat(r.body()).isEqualTo(segment);
        long peer = Split.of(r).peerBytes();
        long server = Split.of(r).serverBytes();
        // An unmeasured peer is assumed at 2 Mbit/s, the server at 10: both get a part.
        assertThat(peer).isPositive();
        assertThat(peer + server).isEqualTo(segment.length);
        // When the fast source finishes first it steals the slow one's tail; the transfer it cuts
        // may have had bytes in flight (the origin's burst and socket buffers). Those are the only
        // bytes the origin sends in vain: without the cut it would send its whole range.
        long sent = origin.bytesServed.get() - servedBefore;
        assertThat(sent).isBetween(server, server + 62_500 + segment.length / 10);
        // The peer's side of a cut transfer also counts what was in flight when it was cut.
        assertThat(a.stats().bytesToPeers()).isBetween(peer, peer + 64 * 1024);
        assertThat(b.stats().bytesFromPeers()).isEqualTo(peer);
    }

    @ParameterizedTest
    @EnumSource(value = MisbehavingPeer.Behaviour.class, names = {"HALF_THEN_CLOSE", "TRUNCATED", "DRIP", "SILENT", "ERROR"})
    void misbehavingPeer_neverCostsThePlayerItsBytes(MisbehavingPeer.Behaviour behaviour) throws Exception {
        MisbehavingPeer bad = new MisbehavingPeer(behaviour).hold(origin.content.value(), SEG, segment);
        closing.add(bad);
        swarm.add(new SegmentKey(origin.content, SEG), "badpeer0001", bad.endpoint(), segment.length);
        Agent a = agent(AgentConfig.builder().deadlinePolicy("fixed:2s"));

        long began = System.nanoTime();
        HttpResponse<byte[]> r = get(url(a, SEG));
        Duration took = Duration.ofNanos(System.nanoTime() - began);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(segment);
        assertThat(bad.requests()).isEqualTo(1);
        long peer = Split.of(r).peerBytes();
        long server = Split.of(r).serverBytes();
        assertThat(peer + server).isEqualTo(segment.length);
        assertThat(server).isPositive();
        // Deadline 2 s; the fallback download itself takes ~0.1 s at 40 Mbit/s. Generous bound for a shared CI machine.
        assertThat(took).isLessThan(Duration.ofMillis(3500));
    }

    @ParameterizedTest
    @ValueSource(strings = {"single-source", "multi-source"})
    void peerDyingHalfway_serverSendsOnlyTheRest(String strategy) throws Exception {
        MisbehavingPeer bad = new MisbehavingPeer(MisbehavingPeer.Behaviour.HALF_THEN_CLOSE).hold(origin.content.value(), SEG, segment);
        closing.add(bad);
        swarm.add(new SegmentKey(origin.content, SEG), "badpeer0001", bad.endpoint(), segment.length);
        Agent a = agent(AgentConfig.builder().downloadStrategy(strategy));

        HttpResponse<byte[]> r = get(url(a, SEG));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(segment);
        // The peer sends (up to) half of what it was asked for and closes; a close with unread input
        // may reset the connection and lose the tail of that half.
        long fromPeer = Split.of(r).peerBytes();
        assertThat(fromPeer).isPositive().isLessThanOrEqualTo(segment.length / 2);
        // The server is asked for exactly the rest, by Range: no byte comes twice.
        assertThat(origin.bytesServed.get()).isEqualTo(segment.length - fromPeer);
    }

    @Test
    void objectStillDownloading_isRelayedToTheNextAgent_asItArrives() throws Exception {
        origin.close();
        origin = new TestOrigin(Bandwidth.mbps(2), true); // 400 kB takes ~1.6 s
        closing.add(origin);
        origin.objects.put(SEG, segment);
        swarm.claims = true;
        Agent a = agent(AgentConfig.builder().deadlinePolicy("fixed:6s"));
        Agent b = agent(AgentConfig.builder().deadlinePolicy("fixed:6s"));

        var first = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return get(url(a, SEG));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(3)).until(() -> origin.bytesServed.get() > 0 || origin.requests.get() > 0);
        long began = System.nanoTime();
        HttpResponse<byte[]> relayed = get(url(b, SEG));
        Duration took = Duration.ofNanos(System.nanoTime() - began);

        assertThat(relayed.body()).isEqualTo(segment);
        assertThat(Split.of(relayed).peerBytes()).isEqualTo(segment.length);
        assertThat(first.get().body()).isEqualTo(segment);
        assertThat(origin.requests.get()).isEqualTo(1);
        // B did not wait for A to finish before starting: it got the bytes as A did (< A's ~1.6 s download).
        assertThat(took).isLessThan(Duration.ofMillis(2500));
    }

    @Test
    void playerRange_isServedFromTheWholeObject() throws Exception {
        Agent a = agent();
        HttpResponse<byte[]> r = get(url(a, SEG), "Range", "bytes=100-199");
        assertThat(r.statusCode()).isEqualTo(206);
        assertThat(r.headers().firstValue("Content-Range")).hasValue("bytes 100-199/" + segment.length);
        assertThat(r.body()).isEqualTo(java.util.Arrays.copyOfRange(segment, 100, 200));
        assertThat(get(url(a, SEG), "Range", "bytes=999999-").statusCode()).isEqualTo(416);
        assertThat(get(url(a, SEG), "Range", "furlongs=1-2").statusCode()).isEqualTo(200);
    }

    @Test
    void liveObjects_leaveTheCacheAfterTheWindow_andAreDropped() throws Exception {
        Agent a = agent(AgentConfig.builder().liveWindow(Duration.ofMillis(500)));
        get(url(a, SEG));
        await().atMost(Duration.ofSeconds(5)).until(() -> swarm.drops.contains(new SegmentKey(origin.content, SEG)));
        assertThat(a.stats().cachedObjects()).isZero();
    }

    @Test
    void badRequests_getClearErrors_andTheAgentKeepsWorking() throws Exception {
        Agent a = agent();
        URI base = a.playerBase();
        assertThat(get(base.resolve("NOT-AN-ID/x.m4s")).statusCode()).isEqualTo(400);
        HttpResponse<byte[]> unknown = get(base.resolve("abcdef0123456789/x.m4s"));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(new String(unknown.body(), StandardCharsets.UTF_8)).contains("abcdef0123456789");
        assertThat(get(url(a, "no-such-segment-00001.m4s")).statusCode()).isEqualTo(404);
        assertThat(get(base.resolve(origin.content.value())).statusCode()).isEqualTo(404);
        // A small body: answered 405 without reading it, a large one may meet the closed connection first.
        assertThat(client.send(HttpRequest.newBuilder(url(a, SEG)).POST(HttpRequest.BodyPublishers.ofByteArray(new byte[4_000])).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(405);
        assertThat(get(base.resolve(origin.content + "/%2e%2e/%2e%2e/etc/passwd")).statusCode()).isBetween(400, 404);
        URI peer = URI.create("http://127.0.0.1:" + a.peerPort() + "/peer/v1/");
        assertThat(get(peer.resolve(origin.content + "/" + SEG)).statusCode()).isEqualTo(404);
        assertThat(get(peer.resolve("../../etc/passwd")).statusCode()).isBetween(400, 404);
        assertThat(get(peer.resolve("x")).statusCode()).isEqualTo(404);
        assertThat(get(base.resolve("_agent/stats")).statusCode()).isEqualTo(200);

        HttpResponse<byte[]> ok = get(url(a, SEG));
        assertThat(ok.body()).isEqualTo(segment);
    }

    @Test
    void uploadDisabled_refusesPeers() throws Exception {
        Agent a = agent(AgentConfig.builder().uploadEnabled(false));
        get(url(a, SEG));
        URI peer = URI.create("http://127.0.0.1:" + a.peerPort() + "/peer/v1/" + origin.content + "/" + SEG);
        assertThat(get(peer).statusCode()).isEqualTo(403);
    }

    @Test
    void backgroundRequests_useOnlyTheUplinkTheForegroundLeavesIdle() throws Exception {
        // 2 Mbit/s: the 400 kB segment takes 1.6 s up this link alone.
        Agent a = agent(AgentConfig.builder().uploadCap(Bandwidth.mbps(2)));
        get(url(a, SEG));
        URI peer = URI.create("http://127.0.0.1:" + a.peerPort() + "/peer/v1/" + origin.content + "/" + SEG);
        long t0 = System.nanoTime();
        var background = client.sendAsync(HttpRequest.newBuilder(peer).header(io.privastream.protocol.AgentHeaders.PRIORITY,
                io.privastream.protocol.AgentHeaders.BACKGROUND).build(), HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(r -> new Object[] {r, System.nanoTime()});
        var foreground = client.sendAsync(HttpRequest.newBuilder(peer).build(), HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(r -> new Object[] {r, System.nanoTime()});
        Object[] fg = foreground.get(20, java.util.concurrent.TimeUnit.SECONDS);
        Object[] bg = background.get(20, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(((HttpResponse<?>) fg[0]).body()).isEqualTo(segment);
        assertThat(((HttpResponse<?>) bg[0]).body()).isEqualTo(segment);
        double fgSeconds = ((long) fg[1] - t0) / 1e9;
        double bgSeconds = ((long) bg[1] - t0) / 1e9;
        // Shared evenly, both would end together near 3.2 s. The background trickles (one 16 kB
        // chunk per 2 s) until the foreground is done, then has most of its 400 kB to send.
        assertThat(bgSeconds - fgSeconds).as("background ends %.2f s, foreground %.2f s", bgSeconds, fgSeconds).isGreaterThan(0.6);
    }
}
