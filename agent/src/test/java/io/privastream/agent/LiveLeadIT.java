package io.privastream.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.privastream.core.rate.Bandwidth;
import io.privastream.manifest.DashReader;
import io.privastream.manifest.MediaSegment;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An agent with a live lead of one segment: the player sees the edge late, the agent fetches ahead. */
class LiveLeadIT {
    private final HttpClient client = HttpClient.newHttpClient();
    private TestOrigin origin;
    private Agent agent;

    @AfterEach
    void tearDown() {
        if (agent != null) {
            agent.close();
        }
        if (origin != null) {
            origin.close();
        }
        client.close();
    }

    private static String mpd(Instant ast) {
        return """
                <?xml version="1.0" encoding="utf-8"?>
                <MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="dynamic" availabilityStartTime="%s" minimumUpdatePeriod="PT2S"
                     minBufferTime="PT2S" profiles="urn:mpeg:dash:profile:isoff-live:2011">
                  <Period id="0" start="PT0S">
                    <AdaptationSet contentType="video" mimeType="video/mp4">
                      <SegmentTemplate timescale="1000" duration="2000" startNumber="1" media="chunk-$RepresentationID$-$Number%%05d$.m4s"/>
                      <Representation id="v0" bandwidth="400000" codecs="avc1.64001e"/>
                      <Representation id="v1" bandwidth="800000" codecs="avc1.64001f"/>
                    </AdaptationSet>
                  </Period>
                </MPD>
                """.formatted(ast);
    }

    private HttpResponse<byte[]> get(String path) throws Exception {
        URI url = agent.playerBase().resolve(origin.content + "/" + path);
        return client.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private long requested(String path) {
        return origin.requestsByPath.getOrDefault(path, new AtomicLong()).get();
    }

    @Test
    void playerSeesTheEdgeOneSegmentLate_andTheAgentFetchesTheNextSegmentOfItsTrackAhead() throws Exception {
        // 4 Mbit/s: a 50 kB segment takes ~100 ms to fetch.
        origin = new TestOrigin(Bandwidth.mbps(4), true);
        // Segment n (from 1) appears at AST + 2n s: 10.5 s in, 1..5 are out.
        Instant ast = Instant.now().minusMillis(10_500).truncatedTo(ChronoUnit.MILLIS);
        origin.objects.put("manifest.mpd", mpd(ast).getBytes(StandardCharsets.UTF_8));
        Random random = new Random(5);
        for (String rep : List.of("v0", "v1")) {
            for (int n = 1; n <= 9; n++) {
                byte[] segment = new byte[50_000];
                random.nextBytes(segment);
                origin.objects.put("chunk-%s-%05d.m4s".formatted(rep, n), segment);
            }
        }
        agent = new Agent(AgentConfig.builder().manifestServer(origin.base()).playerPort(0).peerHost("127.0.0.1")
                .liveLeadSegments(1).seed(1).build()).start();

        String shown = new String(get("manifest.mpd").body(), StandardCharsets.UTF_8);
        List<MediaSegment> visible = DashReader.read(shown, URI.create("http://agent/manifest.mpd")).periods().getFirst().tracks()
                .getFirst().representations().getFirst().segments().available(Instant.now());
        assertThat(visible.getLast().number()).as("newest segment the player is shown").isEqualTo(4);
        assertThat(shown).contains("availabilityStartTime=\"" + ast.plusSeconds(2) + "\"");

        HttpResponse<byte[]> fourth = get("chunk-v1-00004.m4s");
        assertThat(fourth.body()).isEqualTo(origin.objects.get("chunk-v1-00004.m4s"));
        // Segment 5 of the player's track is really out: the agent fetches it now, not the other track's.
        await().atMost(Duration.ofSeconds(3)).until(() -> requested("chunk-v1-00005.m4s") == 1);
        await().atMost(Duration.ofSeconds(3)).until(() -> agent.stats().objectsFetched() >= 2);
        long hits = agent.stats().cacheHits();
        long began = System.nanoTime();
        HttpResponse<byte[]> fifth = get("chunk-v1-00005.m4s");
        Duration took = Duration.ofNanos(System.nanoTime() - began);
        assertThat(fifth.body()).isEqualTo(origin.objects.get("chunk-v1-00005.m4s"));
        assertThat(agent.stats().cacheHits()).isEqualTo(hits + 1);
        // From the cache, yet handed over at the rate it arrived (~100 ms), not at loopback speed:
        // the player's throughput estimate must follow the sources.
        assertThat(took).isGreaterThan(Duration.ofMillis(60));
        assertThat(requested("chunk-v1-00005.m4s")).isEqualTo(1);
        assertThat(requested("chunk-v0-00005.m4s")).isZero();
        // Segment 6 appears 1.5 s after the start: the prefetch planned after 5 waits for it.
        assertThat(requested("chunk-v1-00006.m4s")).isZero();
        await().atMost(Duration.ofSeconds(4)).until(() -> requested("chunk-v1-00006.m4s") == 1);
    }

    @Test
    void phase_eachAgentShowsTheEdgeItsOwnShareOfASegmentLate_andFetchesNothingAhead() throws Exception {
        origin = new TestOrigin(Bandwidth.mbps(40), true);
        Instant ast = Instant.now().minusMillis(10_500).truncatedTo(ChronoUnit.MILLIS);
        origin.objects.put("manifest.mpd", mpd(ast).getBytes(StandardCharsets.UTF_8));
        origin.objects.put("chunk-v1-00004.m4s", new byte[1000]);
        origin.objects.put("chunk-v1-00005.m4s", new byte[1000]);
        java.util.Set<Duration> shifts = new java.util.HashSet<>();
        for (long seed = 1; seed <= 3; seed++) {
            agent = new Agent(AgentConfig.builder().manifestServer(origin.base()).playerPort(0).peerHost("127.0.0.1")
                    .livePhase(0.5).seed(seed).build()).start();
            String shown = new String(get("manifest.mpd").body(), StandardCharsets.UTF_8);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("availabilityStartTime=\"([^\"]+)\"").matcher(shown);
            assertThat(m.find()).isTrue();
            Duration shift = Duration.between(ast, Instant.parse(m.group(1)));
            // Below half of the 2 s segment, and only the start time moved.
            assertThat(shift).isPositive().isLessThan(Duration.ofSeconds(1));
            assertThat(shown.replace(m.group(1), ast.toString())).isEqualTo(mpd(ast));
            shifts.add(shift);
            assertThat(get("chunk-v1-00004.m4s").statusCode()).isEqualTo(200);
            agent.close();
            agent = null;
        }
        // Drawn per agent: three seeds, three phases (what spreads a swarm's requests).
        assertThat(shifts).hasSize(3);
        // A phase alone prefetches nothing: segment 5 stays unrequested.
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> requested("chunk-v1-00005.m4s") == 0);
    }

    @Test
    void noLead_manifestUntouched_nothingFetchedAhead() throws Exception {
        origin = new TestOrigin(Bandwidth.mbps(40), true);
        String text = mpd(Instant.now().minusMillis(10_500).truncatedTo(ChronoUnit.MILLIS));
        origin.objects.put("manifest.mpd", text.getBytes(StandardCharsets.UTF_8));
        origin.objects.put("chunk-v1-00004.m4s", new byte[1000]);
        origin.objects.put("chunk-v1-00005.m4s", new byte[1000]);
        agent = new Agent(AgentConfig.builder().manifestServer(origin.base()).playerPort(0).peerHost("127.0.0.1").seed(1).build()).start();

        assertThat(new String(get("manifest.mpd").body(), StandardCharsets.UTF_8)).isEqualTo(text);
        assertThat(get("chunk-v1-00004.m4s").statusCode()).isEqualTo(200);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> requested("chunk-v1-00005.m4s") == 0);
    }
}
