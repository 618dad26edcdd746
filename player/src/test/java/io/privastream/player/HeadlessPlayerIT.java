package io.privastream.player;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.privastream.core.playback.PlaybackState;
import io.privastream.core.rate.Bandwidth;
import io.privastream.manifest.ManifestKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The player against a real HTTP server on loopback, with short (0.5 s) segments so that each
 * session lasts seconds.
 */
class HeadlessPlayerIT {
    /** 6 x 0.5 s, video at 400k/800k/1600k, audio at 64k. */
    private static final Synthetic CONTENT = new Synthetic(6, Duration.ofMillis(500), List.of(400_000L, 800_000L, 1_600_000L), 64_000);

    private TestOrigin origin;

    @BeforeEach
    void startOrigin() throws Exception {
        origin = TestOrigin.start();
    }

    @AfterEach
    void stopOrigin() {
        origin.close();
    }

    private static PlayerConfig quick() {
        return PlayerConfig.defaults().withRequests(Duration.ofSeconds(5), 2, Duration.ofMillis(50));
    }

    private List<String> videoSegmentsRequested() {
        return origin.requests().stream().map(TestOrigin.Request::path)
                .filter(p -> p.contains("chunk-stream") && !p.contains("chunk-stream3")).toList();
    }

    @Test
    void dashVod_playsToTheEnd_atTheTopBitrateOnAFastLink() {
        CONTENT.publishVod(origin, "vod");
        origin.throttle(Bandwidth.mbps(20));

        PlayerReport report = new HeadlessPlayer(quick()).play(origin.url("vod/manifest.mpd"));

        assertThat(report.end()).isEqualTo(PlayerReport.End.ENDED);
        assertThat(report.kind()).contains(ManifestKind.DASH);
        assertThat(report.failure()).isEmpty();
        assertThat(report.qoe().ended()).isTrue();
        assertThat(report.qoe().startupDelayMillis()).isBetween(1L, 1000L);
        assertThat(report.qoe().playedMillis()).isEqualTo(3000);
        assertThat(report.qoe().rebufferCount()).isZero();
        // the first segment at the lowest (no estimate yet), then up to the top
        assertThat(report.qoe().averageBitrateKbps()).isBetween(1000.0, 1600.0);
        assertThat(report.qoe().sessionMillis()).isBetween(3000L, 4000L);
        assertThat(report.failedRequests()).isZero();
        // manifest + 1 + 1 inits for the first video rep and audio + 1 more init after the switch + 12 segments
        assertThat(report.requests()).isEqualTo(1 + 3 + 12);
        assertThat(report.qoe().peerBytes()).as("a plain origin: everything from servers").isZero();
        assertThat(report.qoe().serverBytes()).isEqualTo(origin.requests().stream()
                .filter(r -> r.path().contains("chunk-stream")).mapToLong(TestOrigin.Request::bytes).sum());
        assertThat(report.qoe().timeline()).isNotEmpty();
    }

    @Test
    void throttledBelowTheTop_abrSettlesOnALowerRepresentation() {
        new Synthetic(8, Duration.ofMillis(500), CONTENT.videoBitrates(), 64_000).publishVod(origin, "vod");
        origin.throttle(Bandwidth.mbps(1.4)); // 0.9 x ~1.35 Mbit/s sustains 800k, not 1600k

        PlayerReport report = new HeadlessPlayer(quick()).play(origin.url("vod/manifest.mpd"));

        assertThat(report.end()).isEqualTo(PlayerReport.End.ENDED);
        List<String> video = videoSegmentsRequested();
        assertThat(video).hasSize(8);
        assertThat(video.subList(4, 8)).allMatch(p -> p.contains("chunk-stream1-"));
        assertThat(video).noneMatch(p -> p.contains("chunk-stream2-"));
        assertThat(report.qoe().averageBitrateKbps()).isBetween(400.0, 800.0);
        assertThat(report.qoe().rebufferCount()).isZero();
    }

    @Test
    void serverPausingLongerThanTheBuffer_isMeasuredAsOneRebufferOfAboutThePause() {
        new Synthetic(6, Duration.ofMillis(500), List.of(400_000L), 0).publishVod(origin, "vod");
        origin.throttle(Bandwidth.mbps(20));
        Duration pause = Duration.ofMillis(1500);
        origin.pauseOnce("vod/chunk-stream0-00004.m4s", pause);
        Duration maxBuffer = Duration.ofMillis(1000);

        PlayerReport report = new HeadlessPlayer(quick().withMaxBuffer(maxBuffer)).play(origin.url("vod/manifest.mpd"));

        assertThat(report.end()).isEqualTo(PlayerReport.End.ENDED);
        assertThat(report.qoe().rebufferCount()).isEqualTo(1);
        // at most one segment less than the buffer cap was buffered when the pause began
        assertThat(report.qoe().rebufferMillis()).isBetween(pause.minus(maxBuffer).toMillis() - 50, pause.toMillis() + 300);
        assertThat(report.qoe().playedMillis()).isEqualTo(3000);
    }

    @Test
    void hlsVod_withAnAudioGroup_playsBothTracksToTheEnd() {
        CONTENT.publishVod(origin, "vod");
        origin.throttle(Bandwidth.mbps(20));

        PlayerReport report = new HeadlessPlayer(quick()).play(origin.url("vod/master.m3u8"));

        assertThat(report.end()).isEqualTo(PlayerReport.End.ENDED);
        assertThat(report.kind()).contains(ManifestKind.HLS);
        assertThat(report.qoe().playedMillis()).isEqualTo(3000);
        assertThat(report.qoe().rebufferCount()).isZero();
        List<String> paths = origin.requests().stream().map(TestOrigin.Request::path).toList();
        assertThat(paths).contains("vod/master.m3u8", "vod/media_3.m3u8", "vod/init-stream3.m4s");
        assertThat(paths.stream().filter(p -> p.startsWith("vod/chunk-stream3-"))).hasSize(6);
        // BANDWIDTH includes the audio: the top variant is 1664k
        assertThat(report.qoe().averageBitrateKbps()).isGreaterThan(1200.0);
    }

    @Test
    void agentHeaders_splitMediaBytesBetweenPeersAndServers() {
        new Synthetic(3, Duration.ofMillis(500), List.of(400_000L), 64_000).publishVod(origin, "vod");
        origin.throttle(Bandwidth.mbps(20));
        origin.agentHeaders(bytes -> new long[] {bytes * 3 / 4, bytes - bytes * 3 / 4});

        PlayerReport report = new HeadlessPlayer(quick()).play(origin.url("vod/manifest.mpd"));

        long video = 400_000 / 16;
        long audio = 64_000 / 16;
        assertThat(report.qoe().peerBytes()).isEqualTo(3 * (video * 3 / 4 + audio * 3 / 4));
        assertThat(report.qoe().serverBytes()).isEqualTo(3 * (video - video * 3 / 4 + audio - audio * 3 / 4));
        assertThat(report.qoe().offload()).isCloseTo(0.75, within(0.01));
    }

    @Test
    void liveDash_startsNearTheEdge_neverAsksEarly_andEndsAtTheSessionLimit() {
        Instant began = Instant.now().minusSeconds(10);
        new Synthetic(0, Duration.ofMillis(500), List.of(400_000L, 800_000L), 64_000)
                .publishLive(origin, "live", began, 10, Instant::now);
        origin.throttle(Bandwidth.mbps(20));

        PlayerReport report = new HeadlessPlayer(quick().withSessionLimit(Duration.ofMillis(2500))).play(origin.url("live/manifest.mpd"));

        assertThat(report.end()).isEqualTo(PlayerReport.End.DURATION_LIMIT);
        assertThat(report.live()).isTrue();
        assertThat(report.failedRequests()).as("no segment requested before it was available").isZero();
        assertThat(origin.requests()).noneMatch(r -> r.status() == 404);
        assertThat(report.qoe().sessionMillis()).isBetween(2499L, 2501L);
        assertThat(report.qoe().started()).isTrue();
        assertThat(report.qoe().rebufferCount()).isZero();
        // 3 segments behind the edge: the first segment played had been available for ~1 s
        assertThat(report.qoe().liveLatencyMillis()).isBetween(500L, 2500L);
        long firstNumber = Synthetic.chunk(videoSegmentsRequested().getFirst()).orElseThrow()[1];
        long edgeAtStart = new Synthetic(0, Duration.ofMillis(500), List.of(), 0).available(began, Instant.now().minusMillis(2500));
        assertThat(firstNumber).isBetween(edgeAtStart - 3, edgeAtStart);
    }

    @Test
    void liveHls_followsThePlaylist() {
        Instant began = Instant.now().minusSeconds(10);
        new Synthetic(0, Duration.ofMillis(500), List.of(400_000L), 64_000).publishLive(origin, "live", began, 6, Instant::now);
        origin.throttle(Bandwidth.mbps(20));

        PlayerReport report = new HeadlessPlayer(quick().withSessionLimit(Duration.ofMillis(2500))).play(origin.url("live/master.m3u8"));

        assertThat(report.end()).isEqualTo(PlayerReport.End.DURATION_LIMIT);
        assertThat(report.kind()).contains(ManifestKind.HLS);
        assertThat(report.failure()).isEmpty();
        assertThat(report.qoe().started()).isTrue();
        assertThat(report.qoe().playedMillis()).isGreaterThan(1000);
        assertThat(origin.requests().stream().filter(r -> r.path().equals("live/media_0.m3u8")).count()).isGreaterThan(1);
    }

    @Test
    void stop_fromAnotherThread_endsALiveSessionPromptly() throws Exception {
        // a number template without timeline: segments follow from the clock, the MPD is never reloaded
        new Synthetic(0, Duration.ofMillis(500), List.of(400_000L), 0).publishLiveNumbered(origin, "live", Instant.now().minusSeconds(5), Instant::now);
        HeadlessPlayer player = new HeadlessPlayer(quick().withIntervals(Duration.ofMillis(100), Duration.ofSeconds(1)));
        AtomicReference<PlayerProgress> last = new AtomicReference<>();
        CompletableFuture<PlayerReport> session = CompletableFuture.supplyAsync(() -> player.play(origin.url("live/manifest.mpd"), last::set));

        await().atMost(5, TimeUnit.SECONDS).until(() -> last.get() != null && last.get().state() == PlaybackState.PLAYING);
        player.stop();
        PlayerReport report = session.get(2, TimeUnit.SECONDS);

        assertThat(report.end()).isEqualTo(PlayerReport.End.STOPPED);
        assertThat(report.qoe().started()).isTrue();
        assertThat(report.failedRequests()).isZero();
        assertThat(origin.requests().stream().filter(r -> r.path().endsWith(".mpd"))).hasSize(1);
    }

    @Test
    void dashVod_multiplePeriods_playInOrder() {
        new Synthetic(4, Duration.ofMillis(500), List.of(400_000L), 0).publishSegments(origin, "mp");
        origin.put("mp/manifest.mpd", """
                <MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="static" mediaPresentationDuration="PT2S" minBufferTime="PT1S">
                  <Period id="a" duration="PT1S">
                    <AdaptationSet contentType="video"><Representation id="0" bandwidth="400000">
                      <SegmentTemplate timescale="1000" duration="500" initialization="init-stream0.m4s"
                          media="chunk-stream0-$Number%05d$.m4s"/></Representation></AdaptationSet>
                  </Period>
                  <Period id="b">
                    <AdaptationSet contentType="video"><Representation id="0" bandwidth="400000">
                      <SegmentTemplate timescale="1000" duration="500" startNumber="3" initialization="init-stream0.m4s"
                          media="chunk-stream0-$Number%05d$.m4s"/></Representation></AdaptationSet>
                  </Period>
                </MPD>""");
        origin.throttle(Bandwidth.mbps(20));

        PlayerReport report = new HeadlessPlayer(quick()).play(origin.url("mp/manifest.mpd"));

        assertThat(report.end()).isEqualTo(PlayerReport.End.ENDED);
        assertThat(report.qoe().playedMillis()).isEqualTo(2000);
        assertThat(videoSegmentsRequested()).containsExactly("mp/chunk-stream0-00001.m4s", "mp/chunk-stream0-00002.m4s",
                "mp/chunk-stream0-00003.m4s", "mp/chunk-stream0-00004.m4s");
    }

    @Test
    void hlsByteRanges_areRequestedWithRangeHeaders() {
        origin.put("br/all.mp4", new byte[100_000]);
        origin.put("br/master.m3u8", """
                #EXTM3U
                #EXT-X-TARGETDURATION:1
                #EXT-X-MAP:URI="all.mp4",BYTERANGE="1000@0"
                #EXTINF:0.5,
                #EXT-X-BYTERANGE:30000@1000
                all.mp4
                #EXTINF:0.5,
                #EXT-X-BYTERANGE:30000
                all.mp4
                #EXT-X-ENDLIST
                """);
        origin.throttle(Bandwidth.mbps(20));

        PlayerReport report = new HeadlessPlayer(quick()).play(origin.url("br/master.m3u8"));

        assertThat(report.end()).isEqualTo(PlayerReport.End.ENDED);
        assertThat(origin.requests()).filteredOn(r -> r.path().equals("br/all.mp4"))
                .extracting(TestOrigin.Request::status, TestOrigin.Request::bytes)
                .containsExactly(Tuple.tuple(206, 1000L), Tuple.tuple(206, 30000L),
                        Tuple.tuple(206, 30000L));
        assertThat(report.qoe().serverBytes()).isEqualTo(60_000);
    }

    @Test
    void missingManifest_endsTheSessionWithAClearReason() {
        PlayerReport report = new HeadlessPlayer(quick()).play(origin.url("nothing/manifest.mpd"));

        assertThat(report.end()).isEqualTo(PlayerReport.End.FAILED);
        assertThat(report.failure()).hasValueSatisfying(f -> assertThat(f).contains("nothing/manifest.mpd").contains("HTTP 404")
                .contains("3 attempts"));
        assertThat(report.failedRequests()).isEqualTo(3);
        assertThat(report.qoe().started()).isFalse();
    }

    @Test
    void garbageManifest_endsTheSessionWithAClearReason() {
        origin.put("bad/manifest", "hello, world");
        origin.put("bad/manifest.mpd", "<MPD type=\"static\"><Period>");

        PlayerReport neither = new HeadlessPlayer(quick()).play(origin.url("bad/manifest"));
        PlayerReport truncated = new HeadlessPlayer(quick()).play(origin.url("bad/manifest.mpd"));

        assertThat(neither.failure()).hasValueSatisfying(f -> assertThat(f).contains("neither an MPD nor an HLS playlist"));
        assertThat(truncated.failure()).hasValueSatisfying(f -> assertThat(f).startsWith("bad manifest: MPD is not well-formed XML"));
    }
}
