package io.privastream.origin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.privastream.core.media.ContentId;
import io.privastream.media.Ffmpeg;
import io.privastream.media.FfmpegLocator;
import io.privastream.media.Ladder;
import io.privastream.media.Mezzanine;
import io.privastream.media.PackagerSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pre-encoded test stream replayed live: real live DASH/HLS, the same bytes on every replay. */
class ReplayLiveIT {
    private static final PackagerSettings SETTINGS = PackagerSettings.defaults().withSegmentDuration(Duration.ofMillis(500)).withWindowSegments(6);
    private final HttpClient client = HttpClient.newHttpClient();

    private HttpResponse<byte[]> get(URI u) throws Exception {
        return client.send(HttpRequest.newBuilder(u).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private byte[] replayAndFetchSegment3(Path mezzanine, Path dataDir, String host) throws Exception {
        try (OriginServer origin = new OriginServer(OriginConfig.builder().host(host).port(0).dataDir(dataDir)
                .replay("tv", Ladder.tiny(), SETTINGS, mezzanine).build()).start()) {
            ContentId id = origin.awaitLive("tv", Duration.ofSeconds(30));
            URI base = origin.baseUrls().getFirst().resolve("content/" + id + "/");
            await().atMost(Duration.ofSeconds(20)).until(() -> get(base.resolve("chunk-stream2-00003.m4s")).statusCode() == 200);
            String mpd = new String(get(base.resolve("manifest.mpd")).body());
            assertThat(mpd).contains("type=\"dynamic\"");
            assertThat(new String(get(base.resolve("master.m3u8")).body())).contains("RESOLUTION=480x270");
            return get(base.resolve("chunk-stream2-00003.m4s")).body();
        }
    }

    @Test
    void mezzanineReplayedTwice_publishesTheSameSegmentBytes(@TempDir Path dir) throws Exception {
        Ffmpeg ffmpeg = FfmpegLocator.locate("auto");
        Path mezzanine = Mezzanine.prepare(ffmpeg, Ladder.tiny(), SETTINGS, Duration.ofSeconds(6), f -> { });
        assertThat(Files.size(mezzanine)).isGreaterThan(50_000);
        assertThat(Mezzanine.prepare(ffmpeg, Ladder.tiny(), SETTINGS, Duration.ofSeconds(6), f -> { })).isEqualTo(mezzanine);

        byte[] first = replayAndFetchSegment3(mezzanine, dir.resolve("a"), "127.0.0.1");
        // Bound to one address other than 127.0.0.1: the encoder must push to that address (it
        // once pushed to 127.0.0.1 whatever the origin listened on, and never went live).
        byte[] second = replayAndFetchSegment3(mezzanine, dir.resolve("b"), "127.0.0.2");

        assertThat(first.length).isGreaterThan(5_000);
        assertThat(second).isEqualTo(first);
    }
}
