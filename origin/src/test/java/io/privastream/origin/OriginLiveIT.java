package io.privastream.origin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.privastream.core.media.ContentId;
import io.privastream.media.Ffmpeg;
import io.privastream.media.FfmpegLocator;
import io.privastream.media.Ladder;
import io.privastream.media.PackagerSettings;
import io.privastream.protocol.ContentDescriptor;
import io.privastream.protocol.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OriginLiveIT {
    private static final Pattern SEGMENT = Pattern.compile("chunk-stream1-(\\d{5})\\.m4s");
    private final HttpClient client = HttpClient.newHttpClient();

    private String text(URI u) throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(u).build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 ? r.body() : "";
    }

    private HttpResponse<byte[]> bytes(URI u) throws Exception {
        return client.send(HttpRequest.newBuilder(u).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Declares a body of {@code declared} bytes, sends a few, and returns the status line. */
    private static String rawPut(URI root, String path, long declared) throws Exception {
        try (java.net.Socket s = new java.net.Socket(root.getHost(), root.getPort())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("PUT " + path + " HTTP/1.1\r\nHost: x\r\nContent-Length: " + declared + "\r\n\r\nabc")
                    .getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            return new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
        }
    }

    private static List<Integer> segments(String playlist) {
        Matcher m = SEGMENT.matcher(playlist);
        List<Integer> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(Integer.parseInt(m.group(1)));
        }
        return out;
    }

    @Test
    void builtInLiveStream_slidingDashAndHlsOverTheSameSegments(@TempDir Path dir) throws Exception {
        PackagerSettings settings = PackagerSettings.defaults().withSegmentDuration(Duration.ofSeconds(1)).withWindowSegments(4);
        try (OriginServer origin = new OriginServer(OriginConfig.builder().host("127.0.0.1").port(0).dataDir(dir)
                .live("tv", Ladder.tiny(), settings).build()).start()) {
            ContentId id = origin.awaitLive("tv", Duration.ofSeconds(30));
            URI base = origin.baseUrls().getFirst().resolve("content/" + id + "/");

            await().atMost(Duration.ofSeconds(30)).until(() -> segments(text(base.resolve("media_1.m3u8"))).size() >= 3);
            String mpd = text(base.resolve("manifest.mpd"));
            assertThat(mpd).contains("type=\"dynamic\"").contains("SegmentTimeline");
            assertThat(text(base.resolve("master.m3u8"))).contains("media_1.m3u8").contains("RESOLUTION=320x180");
            int first = segments(text(base.resolve("media_1.m3u8"))).getFirst();
            String name = "chunk-stream1-%05d.m4s".formatted(first);
            HttpResponse<byte[]> seg = bytes(base.resolve(name));
            assertThat(seg.statusCode()).isEqualTo(200);
            assertThat(bytes(base.resolve("manifest.mpd")).headers().firstValue("Cache-Control")).hasValue("no-cache");

            ContentDescriptor d = Json.read(bytes(base.resolve("descriptor.json")).body(), ContentDescriptor.class);
            assertThat(d.live()).isTrue();
            assertThat(d.segmentDurationMs()).isEqualTo(1000);
            assertThat(d.liveWindowMs()).isGreaterThan(0);

            // An unmodified ffprobe reads init + a live segment: real H.264 at the rung's size.
            Ffmpeg f = FfmpegLocator.locate();
            Path joined = dir.resolve("live.mp4");
            Files.write(joined, bytes(base.resolve("init-stream1.m4s")).body());
            Files.write(joined, seg.body(), java.nio.file.StandardOpenOption.APPEND);
            Process p = new ProcessBuilder(f.ffprobe().toString(), "-v", "error", "-show_streams", joined.toString()).redirectErrorStream(true).start();
            String probe = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(20, TimeUnit.SECONDS);
            assertThat(probe).contains("codec_name=h264").contains("width=320");

            // The window slides: the first segment leaves the playlist and is deleted by the encoder.
            await().atMost(Duration.ofSeconds(30)).until(() -> !segments(text(base.resolve("media_1.m3u8"))).contains(first)
                    && bytes(base.resolve(name)).statusCode() == 404);
            assertThat(origin.packagers().getFirst().isRunning()).isTrue();
        }
    }

    @Test
    void externalEncoder_pushesByPut_andTheTokenIsEnforced(@TempDir Path dir) throws Exception {
        String token = "s3cret-token-0123456789";
        try (OriginServer origin = new OriginServer(OriginConfig.builder().host("127.0.0.1").port(0).dataDir(dir).ingestToken(token).build()).start()) {
            URI root = origin.baseUrls().getFirst();
            // Without the token: refused, nothing created.
            HttpResponse<String> refused = client.send(HttpRequest.newBuilder(root.resolve("ingest/cam1/manifest.mpd"))
                    .PUT(HttpRequest.BodyPublishers.ofString("<MPD/>")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.body()).contains("token");
            assertThat(origin.contentId("cam1")).isEmpty();

            // An unmodified ffmpeg pushing DASH+HLS to the token URL.
            Ffmpeg f = FfmpegLocator.locate();
            Process ffmpeg = new ProcessBuilder(f.ffmpeg().toString(), "-hide_banner", "-loglevel", "error", "-nostdin", "-re",
                    "-f", "lavfi", "-i", "testsrc=size=160x90:rate=25", "-t", "4", "-c:v", "libopenh264", "-g", "25",
                    "-f", "dash", "-seg_duration", "1", "-use_timeline", "1", "-hls_playlist", "1", "-method", "PUT",
                    root + "ingest/" + token + "/cam1/manifest.mpd").redirectErrorStream(true).start();
            try {
                await().atMost(Duration.ofSeconds(20)).until(() -> origin.contentId("cam1").isPresent());
                ContentId id = origin.contentId("cam1").orElseThrow();
                URI base = root.resolve("content/" + id + "/");
                await().atMost(Duration.ofSeconds(20)).until(() -> text(base.resolve("manifest.mpd")).contains("chunk-stream0-00002.m4s")
                        || text(base.resolve("manifest.mpd")).contains("SegmentTimeline"));
                assertThat(bytes(base.resolve("init-stream0.m4s")).statusCode()).isEqualTo(200);
                assertThat(ffmpeg.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(ffmpeg.exitValue()).as(new String(ffmpeg.getInputStream().readAllBytes())).isZero();
            } finally {
                ffmpeg.destroyForcibly();
            }

            // The header form works too; oversized, unknown and malformed ingest requests fail cleanly.
            HttpResponse<String> bearer = client.send(HttpRequest.newBuilder(root.resolve("ingest/cam2/x.m4s")).header("Authorization", "Bearer " + token)
                    .PUT(HttpRequest.BodyPublishers.ofString("abc")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(bearer.statusCode()).isEqualTo(201);
            assertThat(rawPut(root, "/ingest/" + token + "/cam2/huge.m4s", 100L * 1024 * 1024)).startsWith("HTTP/1.1 413");
            assertThat(client.send(HttpRequest.newBuilder(root.resolve("ingest/" + token + "/cam2/nothere.m4s")).DELETE().build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
            assertThat(client.send(HttpRequest.newBuilder(root.resolve("ingest/" + token + "/..%2f/x.m4s")).PUT(HttpRequest.BodyPublishers.ofString("a")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isBetween(400, 404);
            assertThat(client.send(HttpRequest.newBuilder(root.resolve("ingest/" + token + "/cam2")).PUT(HttpRequest.BodyPublishers.ofString("a")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(400);
        }
    }
}
