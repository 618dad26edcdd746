package io.privastream.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import io.privastream.core.media.ByteRange;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DashReaderTest {
    private static final URI MPD_URL = URI.create("http://origin.example/content/abc/manifest.mpd");

    private static Presentation read(String mpd) {
        return DashReader.read(mpd, MPD_URL);
    }

    /** A minimal MPD around {@code periodBody}, with extra MPD attributes. */
    private static String mpd(String attributes, String periodBody) {
        return """
                <?xml version="1.0"?>
                <MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="static" minBufferTime="PT2S" %s>
                  <Period id="p0">%s</Period>
                </MPD>
                """.formatted(attributes, periodBody);
    }

    @Test
    void ffmpegStaticMpd_readsPresentationTracksAndRepresentations() {
        Presentation p = read(Fixtures.text("ffmpeg/vod.mpd"));

        assertThat(p.kind()).isEqualTo(ManifestKind.DASH);
        assertThat(p.live()).isFalse();
        assertThat(p.duration()).contains(Duration.ofSeconds(20));
        assertThat(p.minBufferTime()).isEqualTo(Duration.ofSeconds(4));
        assertThat(p.maxSegmentDuration()).contains(Duration.ofSeconds(2));
        assertThat(p.minimumUpdatePeriod()).isEmpty();
        assertThat(p.periods()).hasSize(1);
        Period period = p.periods().getFirst();
        assertThat(period.duration()).contains(Duration.ofSeconds(20));
        Track video = period.firstTrack(TrackKind.VIDEO).orElseThrow();
        assertThat(video.representations()).extracting(Representation::id).containsExactly("0", "1", "2");
        assertThat(video.representations()).extracting(Representation::bandwidthBitsPerSecond)
                .containsExactly(800_000L, 1_500_000L, 3_000_000L);
        Representation top = video.representations().get(2);
        assertThat(top.width()).isEqualTo(1280);
        assertThat(top.height()).isEqualTo(720);
        assertThat(top.codecs()).isEqualTo("avc1.64001f");
        Track audio = period.firstTrack(TrackKind.AUDIO).orElseThrow();
        assertThat(audio.representations()).extracting(Representation::id).containsExactly("3");
    }

    @Test
    void ffmpegStaticMpd_enumeratesVideoSegmentsFromTheTimeline() {
        Representation r = read(Fixtures.text("ffmpeg/vod.mpd")).periods().getFirst().firstTrack(TrackKind.VIDEO).orElseThrow()
                .representations().getFirst();

        assertThat(r.init()).contains(InitSegment.of(URI.create("http://origin.example/content/abc/init-stream0.m4s")));
        List<MediaSegment> segments = r.segments().available(Instant.EPOCH);
        assertThat(segments).hasSize(10);
        assertThat(segments).extracting(MediaSegment::number).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(segments.get(3).start()).isEqualTo(Duration.ofSeconds(6));
        assertThat(segments).allSatisfy(s -> assertThat(s.duration()).isEqualTo(Duration.ofSeconds(2)));
        assertThat(segments.getFirst().url()).hasToString("http://origin.example/content/abc/chunk-stream0-00001.m4s");
        assertThat(segments.getLast().url()).hasToString("http://origin.example/content/abc/chunk-stream0-00010.m4s");
        assertThat(segments).allSatisfy(s -> {
            assertThat(s.range()).isEmpty();
            assertThat(s.availableAt()).isEmpty();
        });
        assertThat(r.segments().segment(7)).contains(segments.get(6));
        assertThat(r.segments().segment(11)).isEmpty();
        assertThat(r.segments().segment(0)).isEmpty();
    }

    @Test
    void ffmpegStaticMpd_audioTimelineWithRepeatsAndImplicitTimes() {
        Representation r = read(Fixtures.text("ffmpeg/vod.mpd")).periods().getFirst().firstTrack(TrackKind.AUDIO).orElseThrow()
                .representations().getFirst();

        List<MediaSegment> segments = r.segments().available(Instant.EPOCH);
        assertThat(segments).hasSize(8);
        assertThat(segments.getFirst().duration()).isEqualTo(Duration.ofMillis(1984));
        assertThat(segments.get(1).start()).isEqualTo(Duration.ofMillis(1984));
        assertThat(segments.get(1).duration()).isEqualTo(Duration.ofNanos(2_005_333_333L));
        // 95232 + 6 x 96256 + 95232 ticks at 48 kHz = 16 s
        assertThat(segments.getLast().end()).isEqualTo(Duration.ofSeconds(16));
        assertThat(segments.getLast().url()).hasToString("http://origin.example/content/abc/chunk-stream3-00008.m4s");
    }

    @Test
    void ffmpegDynamicMpd_liveTimingAndAvailability() {
        Presentation p = read(Fixtures.text("ffmpeg/live.mpd"));

        assertThat(p.live()).isTrue();
        assertThat(p.duration()).isEmpty();
        assertThat(p.minimumUpdatePeriod()).contains(Duration.ofSeconds(2));
        assertThat(p.suggestedPresentationDelay()).contains(Duration.ofSeconds(2));
        assertThat(p.timeShiftBufferDepth()).contains(Duration.ofSeconds(20));
        Instant ast = Instant.parse("2024-05-01T12:00:00Z");
        assertThat(p.availabilityStartTime()).contains(ast);

        SegmentIndex index = p.periods().getFirst().firstTrack(TrackKind.VIDEO).orElseThrow().representations().getFirst().segments();
        MediaSegment first = index.segment(21).orElseThrow();
        assertThat(first.start()).isEqualTo(Duration.ofSeconds(40));
        assertThat(first.url()).hasToString("http://origin.example/content/abc/chunk-stream0-00021.m4s");
        // ISO/IEC 23009-1 §5.3.9.5.3: available at AST + start + duration
        assertThat(first.availableAt()).contains(ast.plusSeconds(42));
        assertThat(index.available(ast.plusSeconds(60))).extracting(MediaSegment::number).containsExactly(21L, 22L, 23L, 24L, 25L, 26L, 27L, 28L, 29L, 30L);
        assertThat(index.available(ast.plusSeconds(59))).extracting(MediaSegment::number).endsWith(29L).hasSize(9);
        assertThat(index.available(ast.plusSeconds(41))).isEmpty();
        // time-shift buffer of 20 s: segment 21 (ends at 42 s) is gone after 42 + 20 + 2 s
        assertThat(index.available(ast.plusSeconds(65))).extracting(MediaSegment::number).startsWith(22L);
    }

    @Test
    void templateWithDuration_staticCountsSegmentsAndShortensTheLast() {
        Presentation p = read(mpd("mediaPresentationDuration=\"PT9S\"", """
                <AdaptationSet mimeType="video/mp4">
                  <SegmentTemplate timescale="1000" duration="2000" media="$RepresentationID$/seg-$Number$.m4s" initialization="$RepresentationID$/init.mp4"/>
                  <Representation id="hd" bandwidth="1000000"/>
                </AdaptationSet>"""));

        Representation r = p.periods().getFirst().tracks().getFirst().representations().getFirst();
        List<MediaSegment> segments = r.segments().available(Instant.EPOCH);
        assertThat(segments).extracting(MediaSegment::number).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(segments.getLast().start()).isEqualTo(Duration.ofSeconds(8));
        assertThat(segments.getLast().duration()).isEqualTo(Duration.ofSeconds(1));
        assertThat(segments.get(2).url()).hasToString("http://origin.example/content/abc/hd/seg-3.m4s");
        assertThat(r.init().orElseThrow().url()).hasToString("http://origin.example/content/abc/hd/init.mp4");
        assertThat(r.segments().segment(6)).isEmpty();
    }

    @Test
    void templateWithDuration_liveComputesTheWindowFromTheClock() {
        Presentation p = read("""
                <MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="dynamic" availabilityStartTime="2024-01-01T00:00:00Z"
                     timeShiftBufferDepth="PT4S" minimumUpdatePeriod="PT10S" minBufferTime="PT2S">
                  <Period id="1" start="PT0S">
                    <AdaptationSet contentType="video">
                      <Representation id="v" bandwidth="500000">
                        <SegmentTemplate timescale="1000" duration="2000" startNumber="1" media="seg-$Number$.m4s"/>
                      </Representation>
                    </AdaptationSet>
                  </Period>
                </MPD>""");

        SegmentIndex index = p.periods().getFirst().tracks().getFirst().representations().getFirst().segments();
        Instant ast = Instant.parse("2024-01-01T00:00:00Z");
        // segment k (number k+1) is available from ast + (k+1) * 2 s until 4 s + 2 s after its end
        assertThat(index.available(ast.plusMillis(10_500))).extracting(MediaSegment::number).containsExactly(3L, 4L, 5L);
        assertThat(index.available(ast.plusMillis(1_999))).isEmpty();
        MediaSegment future = index.segment(100).orElseThrow();
        assertThat(future.availableAt()).contains(ast.plusSeconds(200));
        assertThat(future.url()).hasToString("http://origin.example/content/abc/seg-100.m4s");
    }

    @Test
    void templateIdentifiers_timeBandwidthAndFormatTags() {
        Presentation p = read(mpd("mediaPresentationDuration=\"PT4S\"", """
                <AdaptationSet contentType="audio">
                  <Representation id="a" bandwidth="64000">
                    <SegmentTemplate timescale="10" presentationTimeOffset="100" startNumber="7"
                        media="$Bandwidth$/t$Time%08d$-n$Number%03d$-$$.m4s">
                      <SegmentTimeline><S t="100" d="20" r="1"/></SegmentTimeline>
                    </SegmentTemplate>
                  </Representation>
                </AdaptationSet>"""));

        List<MediaSegment> segments = p.periods().getFirst().tracks().getFirst().representations().getFirst().segments().available(Instant.EPOCH);
        assertThat(segments).extracting(s -> s.url().toString()).containsExactly(
                "http://origin.example/content/abc/64000/t00000100-n007-$.m4s",
                "http://origin.example/content/abc/64000/t00000120-n008-$.m4s");
        // presentationTimeOffset maps t=100 to the Period start
        assertThat(segments).extracting(MediaSegment::start).containsExactly(Duration.ZERO, Duration.ofSeconds(2));
    }

    @Test
    void baseUrls_resolveLevelByLevel_andAbsoluteOnesReplaceTheChain() {
        Presentation p = read("""
                <MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="static" mediaPresentationDuration="PT2S" minBufferTime="PT2S">
                  <BaseURL>http://cdn.example/root/</BaseURL>
                  <Period>
                    <BaseURL>p1/</BaseURL>
                    <AdaptationSet contentType="video">
                      <BaseURL>video/</BaseURL>
                      <SegmentTemplate timescale="1" duration="2" media="seg-$Number$.m4s" initialization="init.m4s"/>
                      <Representation id="r0" bandwidth="1"><BaseURL>r0/</BaseURL></Representation>
                      <Representation id="r1" bandwidth="2"><BaseURL>https://other.example/r1/</BaseURL></Representation>
                      <Representation id="r2" bandwidth="3"><BaseURL>/abs/path/</BaseURL></Representation>
                    </AdaptationSet>
                  </Period>
                </MPD>""");

        List<Representation> reps = p.periods().getFirst().tracks().getFirst().representations();
        assertThat(reps.get(0).segments().segment(1).orElseThrow().url()).hasToString("http://cdn.example/root/p1/video/r0/seg-1.m4s");
        assertThat(reps.get(0).init().orElseThrow().url()).hasToString("http://cdn.example/root/p1/video/r0/init.m4s");
        assertThat(reps.get(1).segments().segment(1).orElseThrow().url()).hasToString("https://other.example/r1/seg-1.m4s");
        assertThat(reps.get(2).segments().segment(1).orElseThrow().url()).hasToString("http://cdn.example/abs/path/seg-1.m4s");
    }

    @Test
    void segmentTemplate_inheritedFromAdaptationSet_attributesOverriddenPerRepresentation() {
        Presentation p = read(mpd("mediaPresentationDuration=\"PT6S\"", """
                <AdaptationSet contentType="video" codecs="avc1.640028" width="1920" height="1080">
                  <SegmentTemplate timescale="1000" duration="2000" startNumber="1" media="$RepresentationID$-$Number$.m4s"/>
                  <Representation id="a" bandwidth="100"/>
                  <Representation id="b" bandwidth="200" width="640" height="360">
                    <SegmentTemplate startNumber="10"/>
                  </Representation>
                </AdaptationSet>"""));

        List<Representation> reps = p.periods().getFirst().tracks().getFirst().representations();
        assertThat(reps.get(0).segments().available(Instant.EPOCH)).extracting(s -> s.url().getPath())
                .containsExactly("/content/abc/a-1.m4s", "/content/abc/a-2.m4s", "/content/abc/a-3.m4s");
        assertThat(reps.get(1).segments().available(Instant.EPOCH)).extracting(MediaSegment::number).containsExactly(10L, 11L, 12L);
        assertThat(reps.get(1).segments().segment(10).orElseThrow().url().getPath()).isEqualTo("/content/abc/b-10.m4s");
        assertThat(reps.get(0).codecs()).isEqualTo("avc1.640028");
        assertThat(reps.get(0).width()).isEqualTo(1920);
        assertThat(reps.get(1).width()).isEqualTo(640);
    }

    @Test
    void segmentList_withMediaRangesAndInitializationRange() {
        Presentation p = read(mpd("mediaPresentationDuration=\"PT4S\"", """
                <AdaptationSet mimeType="video/mp4">
                  <Representation id="v" bandwidth="1000">
                    <BaseURL>movie.mp4</BaseURL>
                    <SegmentList timescale="1000" duration="2000">
                      <Initialization range="0-861"/>
                      <SegmentURL mediaRange="862-50000"/>
                      <SegmentURL media="second.mp4" mediaRange="50001-99999"/>
                    </SegmentList>
                  </Representation>
                </AdaptationSet>"""));

        Representation r = p.periods().getFirst().tracks().getFirst().representations().getFirst();
        assertThat(r.init()).contains(new InitSegment(URI.create("http://origin.example/content/abc/movie.mp4"),
                Optional.of(new ByteRange(0, 862))));
        List<MediaSegment> segments = r.segments().available(Instant.EPOCH);
        assertThat(segments).hasSize(2);
        assertThat(segments.get(0).url()).hasToString("http://origin.example/content/abc/movie.mp4");
        assertThat(segments.get(0).range()).contains(new ByteRange(862, 50001));
        assertThat(segments.get(1).url()).hasToString("http://origin.example/content/abc/second.mp4");
        assertThat(segments.get(1).start()).isEqualTo(Duration.ofSeconds(2));
        assertThat(segments).extracting(MediaSegment::number).containsExactly(1L, 2L);
    }

    @Test
    void multiplePeriods_startsAndDurationsChainAndSegmentTimesAreInThePresentation() {
        Presentation p = read("""
                <MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="static" mediaPresentationDuration="PT10S" minBufferTime="PT2S">
                  <Period id="ad" duration="PT4S">
                    <AdaptationSet contentType="video"><Representation id="x" bandwidth="1">
                      <SegmentTemplate duration="2" media="ad-$Number$.m4s"/></Representation></AdaptationSet>
                  </Period>
                  <Period id="main">
                    <AdaptationSet contentType="video"><Representation id="y" bandwidth="1">
                      <SegmentTemplate duration="2" media="main-$Number$.m4s"/></Representation></AdaptationSet>
                  </Period>
                </MPD>""");

        assertThat(p.periods()).extracting(Period::id).containsExactly("ad", "main");
        assertThat(p.periods().get(1).start()).isEqualTo(Duration.ofSeconds(4));
        assertThat(p.periods().get(1).duration()).contains(Duration.ofSeconds(6));
        List<MediaSegment> main = p.periods().get(1).tracks().getFirst().representations().getFirst().segments().available(Instant.EPOCH);
        assertThat(main).extracting(MediaSegment::start).containsExactly(Duration.ofSeconds(4), Duration.ofSeconds(6), Duration.ofSeconds(8));
    }

    @Test
    void segmentBase_isOneSegmentCoveringThePeriod() {
        Presentation p = read(mpd("mediaPresentationDuration=\"PT30S\"", """
                <AdaptationSet mimeType="audio/mp4">
                  <Representation id="a" bandwidth="1000"><BaseURL>audio.mp4</BaseURL>
                    <SegmentBase indexRange="700-900"><Initialization range="0-699"/></SegmentBase>
                  </Representation>
                </AdaptationSet>"""));

        Representation r = p.periods().getFirst().firstTrack(TrackKind.AUDIO).orElseThrow().representations().getFirst();
        assertThat(r.init().orElseThrow().range()).contains(new ByteRange(0, 700));
        assertThat(r.segments().available(Instant.EPOCH)).singleElement()
                .satisfies(s -> assertThat(s.duration()).isEqualTo(Duration.ofSeconds(30)))
                .satisfies(s -> assertThat(s.url()).hasToString("http://origin.example/content/abc/audio.mp4"));
    }

    @Test
    void location_isResolvedAndBecomesTheRefreshUrl() {
        Presentation p = read("""
                <MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="dynamic" availabilityStartTime="2024-01-01T00:00:00Z" minBufferTime="PT2S">
                  <Location>live/next.mpd</Location>
                  <Period start="PT0S"><AdaptationSet contentType="video"><Representation id="v" bandwidth="1">
                    <SegmentTemplate duration="2" media="s-$Number$.m4s"/></Representation></AdaptationSet></Period>
                </MPD>""");

        assertThat(p.refreshUrl()).hasToString("http://origin.example/content/abc/live/next.mpd");
    }
}
