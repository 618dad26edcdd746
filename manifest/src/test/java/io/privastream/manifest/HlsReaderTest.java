package io.privastream.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.privastream.core.media.ByteRange;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HlsReaderTest {
    private static final URI MASTER = URI.create("http://origin.example/content/abc/master.m3u8");

    private static String ffmpegPlaylist(URI uri) {
        return Fixtures.text("ffmpeg/" + uri.getPath().substring(uri.getPath().lastIndexOf('/') + 1));
    }

    @Test
    void ffmpegMaster_variantsAndAudioGroup() {
        MasterPlaylist master = HlsReader.parseMaster(Fixtures.text("ffmpeg/master.m3u8"), MASTER);

        assertThat(master.variants()).extracting(Variant::bandwidthBitsPerSecond).containsExactly(931_786L, 1_697_186L, 3_328_186L);
        Variant first = master.variants().getFirst();
        assertThat(first.uri()).hasToString("http://origin.example/content/abc/media_0.m3u8");
        assertThat(first.width()).isEqualTo(640);
        assertThat(first.height()).isEqualTo(360);
        assertThat(first.codecs()).isEqualTo("avc1.42c01e,mp4a.40.2");
        assertThat(first.audioGroup()).contains("group_A1");
        assertThat(master.renditions()).singleElement().satisfies(r -> {
            assertThat(r.type()).isEqualTo("AUDIO");
            assertThat(r.groupId()).isEqualTo("group_A1");
            assertThat(r.name()).isEqualTo("audio_3");
            assertThat(r.isDefault()).isTrue();
            assertThat(r.uri()).contains(URI.create("http://origin.example/content/abc/media_3.m3u8"));
        });
    }

    @Test
    void ffmpegPresentation_tracksSegmentsAndInit() {
        Presentation p = HlsReader.read(Fixtures.text("ffmpeg/master.m3u8"), MASTER, HlsReaderTest::ffmpegPlaylist);

        assertThat(p.kind()).isEqualTo(ManifestKind.HLS);
        assertThat(p.live()).isFalse();
        assertThat(p.duration()).contains(Duration.ofSeconds(20));
        Track video = p.periods().getFirst().firstTrack(TrackKind.VIDEO).orElseThrow();
        assertThat(video.representations()).extracting(Representation::id).containsExactly("v0", "v1", "v2");
        Representation v0 = video.representations().getFirst();
        assertThat(v0.playlist()).contains(URI.create("http://origin.example/content/abc/media_0.m3u8"));
        assertThat(v0.init()).contains(InitSegment.of(URI.create("http://origin.example/content/abc/init-stream0.m4s")));
        List<MediaSegment> segments = v0.segments().available(Instant.EPOCH);
        assertThat(segments).hasSize(10);
        assertThat(segments.getFirst().number()).isEqualTo(1);
        assertThat(segments.getFirst().url()).hasToString("http://origin.example/content/abc/chunk-stream0-00001.m4s");
        assertThat(segments.get(4).start()).isEqualTo(Duration.ofSeconds(8));
        assertThat(segments).allSatisfy(s -> assertThat(s.availableAt()).isEmpty());

        Track audio = p.periods().getFirst().firstTrack(TrackKind.AUDIO).orElseThrow();
        assertThat(audio.id()).isEqualTo("group_A1");
        Representation a = audio.representations().getFirst();
        assertThat(a.id()).isEqualTo("a0");
        assertThat(a.segments().available(Instant.EPOCH)).hasSize(8)
                .first().satisfies(s -> assertThat(s.duration()).isEqualTo(Duration.ofMillis(1984)));
    }

    @Test
    void twoStep_unloadedRepresentationsHaveNoSegmentsYet() {
        MasterPlaylist master = HlsReader.parseMaster(Fixtures.text("ffmpeg/master.m3u8"), MASTER);
        URI media0 = master.variants().getFirst().uri();
        Presentation p = HlsReader.presentation(master, Map.of(media0, HlsReader.parseMedia(ffmpegPlaylist(media0), media0)));

        List<Representation> reps = p.periods().getFirst().firstTrack(TrackKind.VIDEO).orElseThrow().representations();
        assertThat(reps.get(0).segments().loaded()).isTrue();
        assertThat(reps.get(1).segments().loaded()).isFalse();
        assertThat(reps.get(1).segments().available(Instant.EPOCH)).isEmpty();
        assertThat(reps.get(1).playlist()).contains(master.variants().get(1).uri());
        assertThatThrownBy(() -> HlsReader.presentation(master, Map.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void livePlaylist_sequenceNumbersProgramDatesAndLiveTiming() {
        URI url = URI.create("http://origin.example/content/abc/media_0.m3u8");
        MediaPlaylist media = HlsReader.parseMedia(Fixtures.text("ffmpeg/live_media_0.m3u8"), url);

        assertThat(media.ended()).isFalse();
        assertThat(media.mediaSequence()).isEqualTo(21);
        assertThat(media.targetDuration()).isEqualTo(Duration.ofSeconds(2));
        assertThat(media.segments()).extracting(MediaSegment::number).containsExactly(21L, 22L, 23L, 24L, 25L);
        // EXT-X-PROGRAM-DATE-TIME (ffmpeg writes "+0000") plus the duration
        assertThat(media.segments().getFirst().availableAt()).contains(Instant.parse("2024-05-01T12:00:42Z"));

        Presentation p = HlsReader.presentation(HlsReader.parseMaster(Fixtures.text("ffmpeg/live_media_0.m3u8"), url), Map.of(url, media));
        assertThat(p.live()).isTrue();
        assertThat(p.minimumUpdatePeriod()).contains(Duration.ofSeconds(2));
        assertThat(p.suggestedPresentationDelay()).contains(Duration.ofSeconds(6));
        assertThat(p.duration()).isEmpty();
    }

    @Test
    void loneMediaPlaylist_becomesOneVariant() {
        URI url = URI.create("http://origin.example/x/media_0.m3u8");
        Presentation p = HlsReader.read(Fixtures.text("ffmpeg/media_0.m3u8"), url, u -> {
            throw new AssertionError("nothing to fetch, got " + u);
        });
        assertThat(p.periods().getFirst().tracks()).singleElement().satisfies(t -> {
            assertThat(t.kind()).isEqualTo(TrackKind.VIDEO);
            assertThat(t.representations().getFirst().segments().available(Instant.EPOCH)).hasSize(10);
        });
    }

    @Test
    void muxedMaster_withoutAudioGroups_hasOnlyAVideoTrack_andAbsoluteUris() {
        String master = """
                #EXTM3U
                #EXT-X-STREAM-INF:BANDWIDTH=1280000,AVERAGE-BANDWIDTH=1000000
                http://cdn.example/low/index.m3u8
                #EXT-X-STREAM-INF:BANDWIDTH=2560000,RESOLUTION=1280x720
                /hi/index.m3u8
                """;
        String media = """
                #EXTM3U
                #EXT-X-TARGETDURATION:10
                #EXTINF:9.009,
                http://media.example.com/first.ts
                #EXTINF:9.009,
                second.ts
                #EXT-X-ENDLIST
                """;
        Presentation p = HlsReader.read(master, MASTER, u -> media);

        assertThat(p.periods().getFirst().tracks()).singleElement().satisfies(t -> assertThat(t.kind()).isEqualTo(TrackKind.VIDEO));
        List<Representation> reps = p.periods().getFirst().tracks().getFirst().representations();
        assertThat(reps.get(0).playlist()).contains(URI.create("http://cdn.example/low/index.m3u8"));
        assertThat(reps.get(1).playlist()).contains(URI.create("http://origin.example/hi/index.m3u8"));
        List<MediaSegment> low = reps.get(0).segments().available(Instant.EPOCH);
        assertThat(low).extracting(s -> s.url().toString()).containsExactly("http://media.example.com/first.ts", "http://cdn.example/low/second.ts");
        assertThat(low.get(1).start()).isEqualTo(Duration.ofMillis(9009));
        assertThat(reps.get(0).init()).isEmpty();
    }

    @Test
    void byteRanges_withAndWithoutOffsets_andMapByteRange() {
        String media = """
                #EXTM3U
                #EXT-X-TARGETDURATION:2
                #EXT-X-MAP:URI="all.mp4",BYTERANGE="700@0"
                #EXTINF:2.0,
                #EXT-X-BYTERANGE:1000@700
                all.mp4
                #EXTINF:2.0,
                #EXT-X-BYTERANGE:500
                all.mp4
                #EXT-X-ENDLIST
                """;
        MediaPlaylist p = HlsReader.parseMedia(media, URI.create("http://h.example/v/p.m3u8"));

        assertThat(p.init()).contains(new InitSegment(URI.create("http://h.example/v/all.mp4"), Optional.of(new ByteRange(0, 700))));
        assertThat(p.segments()).extracting(MediaSegment::range)
                .containsExactly(Optional.of(new ByteRange(700, 1700)), Optional.of(new ByteRange(1700, 2200)));
    }

    @Test
    void malformedPlaylists_failWithLineNumbers() {
        URI url = URI.create("http://h.example/p.m3u8");
        assertThatThrownBy(() -> HlsReader.parseMedia("<html>not a playlist</html>", url))
                .isInstanceOf(ManifestException.class).hasMessageContaining("line 1: expected #EXTM3U");
        assertThatThrownBy(() -> HlsReader.parseMedia("#EXTM3U\n#EXT-X-TARGETDURATION:2\nseg.ts\n", url))
                .isInstanceOf(ManifestException.class).hasMessage("playlist line 3: URI line 'seg.ts' without a preceding #EXTINF");
        assertThatThrownBy(() -> HlsReader.parseMedia("#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2.0,\n", url))
                .isInstanceOf(ManifestException.class).hasMessageContaining("line 3: #EXTINF has no URI line after it (truncated?)");
        assertThatThrownBy(() -> HlsReader.parseMedia("#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:-2.0,\na.ts\n", url))
                .isInstanceOf(ManifestException.class).hasMessageContaining("line 3").hasMessageContaining("'-2.0'");
        assertThatThrownBy(() -> HlsReader.parseMedia("#EXTM3U\n#EXTINF:2.0,\na.ts\n#EXT-X-ENDLIST\n", url))
                .isInstanceOf(ManifestException.class).hasMessageContaining("no #EXT-X-TARGETDURATION");
        assertThatThrownBy(() -> HlsReader.parseMedia("#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\n#EXT-X-BYTERANGE:100\na.ts\n", url))
                .isInstanceOf(ManifestException.class).hasMessageContaining("no offset");
        assertThatThrownBy(() -> HlsReader.parseMaster("#EXTM3U\n#EXT-X-STREAM-INF:RESOLUTION=1x1\na.m3u8\n", url))
                .isInstanceOf(ManifestException.class).hasMessage("playlist line 2: missing BANDWIDTH");
        assertThatThrownBy(() -> HlsReader.parseMaster("#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1,CODECS=\"avc1\n", url))
                .isInstanceOf(ManifestException.class).hasMessageContaining("unterminated quoted string");
        assertThatThrownBy(() -> HlsReader.parseMaster("#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\n", url))
                .isInstanceOf(ManifestException.class).hasMessageContaining("has no URI line");
        assertThatThrownBy(() -> HlsReader.parseMaster("#EXTM3U\n#EXT-X-VERSION:3\n", url))
                .isInstanceOf(ManifestException.class).hasMessageContaining("has no #EXT-X-STREAM-INF");
        assertThatThrownBy(() -> HlsReader.parseMaster("", url)).isInstanceOf(ManifestException.class);
    }
}
