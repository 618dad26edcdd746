package io.privastream.origin;

import static org.assertj.core.api.Assertions.assertThat;

import io.privastream.core.media.ContentId;
import io.privastream.media.FfmpegLocator;
import io.privastream.media.Ladder;
import io.privastream.media.PackagerSettings;
import io.privastream.media.VodPackager;
import io.privastream.protocol.ContentDescriptor;
import io.privastream.protocol.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OriginVodIT {
    @TempDir
    static Path dir;
    static Path vod;
    static OriginServer origin;
    static ContentId id;
    static URI base;
    final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        vod = new VodPackager(FfmpegLocator.locate(), Ladder.tiny(), PackagerSettings.defaults().withSegmentDuration(Duration.ofSeconds(1)))
                .packageTestSource(Duration.ofSeconds(4), dir.resolve("vod"));
        origin = new OriginServer(OriginConfig.builder().host("127.0.0.1").port(0).servers(2).dataDir(dir.resolve("data"))
                .vod("clip", vod).build()).start();
        id = origin.contentId("clip").orElseThrow();
        base = origin.baseUrls().getFirst().resolve("content/" + id + "/");
    }

    @AfterAll
    static void stop() {
        origin.close();
    }

    private HttpResponse<byte[]> get(URI u, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(u);
        if (headers.length > 0) {
            b.headers(headers);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void everyMediaObject_hasASignedDigest_underTheDescriptorsKey_andTheKeySurvivesARestart() throws Exception {
        ContentDescriptor d = Json.read(get(base.resolve("descriptor.json")).body(), ContentDescriptor.class);
        java.security.PublicKey key = io.privastream.core.integrity.PublisherKeys.decodePublic(d.publisherKey().orElseThrow());
        for (String path : new String[] {"chunk-stream2-00002.m4s", "init-stream0.m4s"}) {
            byte[] file = Files.readAllBytes(vod.resolve(path));
            HttpResponse<byte[]> r = get(base.resolve(path + ".merkle"));
            assertThat(r.statusCode()).isEqualTo(200);
            var digest = io.privastream.core.integrity.SignedDigest.decode(r.body()).verify(key, id, path).digest();
            assertThat(digest.sizeBytes()).isEqualTo(file.length);
            for (int i = 0; i < digest.chunkCount(); i++) {
                assertThat(digest.matches(i, file, (int) digest.chunk(i).start())).isTrue();
            }
            assertThat(r.headers().firstValue("ETag").orElseThrow()).endsWith("-d\"");
        }
        assertThat(get(base.resolve("manifest.mpd.merkle")).statusCode()).isEqualTo(404);
        assertThat(get(base.resolve("nothing.m4s.merkle")).statusCode()).isEqualTo(404);

        // A second origin on the same data directory (a restart) signs with the same key.
        try (OriginServer again = new OriginServer(OriginConfig.builder().host("127.0.0.1").port(0).dataDir(dir.resolve("data"))
                .vod("clip", vod).build()).start()) {
            assertThat(again.publisherKey()).isEqualTo(d.publisherKey().orElseThrow());
            // ... and names the content's swarm with the same key, so agents of both find each other.
            assertThat(d.swarmKey()).isPresent();
            assertThat(again.descriptor(d.contentId()).orElseThrow().swarmKey()).isEqualTo(d.swarmKey());
        }
    }

    @Test
    void maxTransfers_refusesMediaBeyondTheLimitWith503_butAnObjectsFirstAnswer_keepsManifests_andServesAgainOnceFree() throws Exception {
        String path = "chunk-stream2-00002.m4s";
        String other = "chunk-stream1-00001.m4s";
        byte[] file = Files.readAllBytes(vod.resolve(path));
        // 1 answer at a time, paced so that one takes about four seconds.
        try (OriginServer limited = new OriginServer(OriginConfig.builder().host("127.0.0.1").port(0).dataDir(dir.resolve("limited"))
                .vod("clip", vod).uploadCap(io.privastream.core.rate.Bandwidth.bitsPerSecond(file.length * 2L)).maxTransfers(1).build()).start()) {
            URI at = limited.baseUrls().getFirst().resolve("content/" + limited.contentId("clip").orElseThrow() + "/");
            assertThat(get(at.resolve(other)).statusCode()).isEqualTo(200);
            var first = client.sendAsync(HttpRequest.newBuilder(at.resolve(path)).build(), HttpResponse.BodyHandlers.ofByteArray());
            // An object answered before is refused while the one slot is taken.
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> get(at.resolve(other)).statusCode() == 503);
            HttpResponse<byte[]> refused = get(at.resolve(other));
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(new String(refused.body(), java.nio.charset.StandardCharsets.UTF_8)).contains("busy");
            assertThat(get(at.resolve("manifest.mpd")).statusCode()).isEqualTo(200);
            assertThat(get(at.resolve(path + ".merkle")).statusCode()).isEqualTo(200);
            assertThat(limited.counters().transfersRefused()).isGreaterThanOrEqualTo(2);
            // An object never answered goes out beyond the limit: a new live segment must reach the swarm.
            String fresh = "chunk-stream0-00003.m4s";
            assertThat(first).isNotDone();
            HttpResponse<byte[]> seeded = get(at.resolve(fresh));
            assertThat(seeded.statusCode()).isEqualTo(200);
            assertThat(seeded.body()).isEqualTo(Files.readAllBytes(vod.resolve(fresh)));
            // A background answer (a decoy's) takes no slot: it waits for idle uplink instead.
            var background = client.sendAsync(HttpRequest.newBuilder(at.resolve(other))
                    .header(io.privastream.protocol.AgentHeaders.PRIORITY, io.privastream.protocol.AgentHeaders.BACKGROUND).build(),
                    HttpResponse.BodyHandlers.ofByteArray());

            assertThat(first.get().statusCode()).isEqualTo(200);
            assertThat(background.get().statusCode()).isEqualTo(200);
            assertThat(background.get().body()).isEqualTo(Files.readAllBytes(vod.resolve(other)));
            assertThat(first.get().body()).isEqualTo(file);
            HttpResponse<byte[]> again = get(at.resolve(path), "Range", "bytes=0-99");
            assertThat(again.statusCode()).isEqualTo(206);
            assertThat(again.body()).isEqualTo(Arrays.copyOf(file, 100));
        }
    }

    @Test
    void damagedKeyFile_isReported_neverReplaced() throws Exception {
        Path data = dir.resolve("damaged");
        Files.createDirectories(data);
        Files.writeString(data.resolve(Publisher.KEY_FILE), "privastream-publisher-key/1\npublic: AAAA\nprivate: AAAA\n");
        OriginServer broken = new OriginServer(OriginConfig.builder().host("127.0.0.1").port(0).dataDir(data).vod("clip", vod).build());
        org.assertj.core.api.Assertions.assertThatThrownBy(broken::start)
                .isInstanceOf(io.privastream.core.integrity.IntegrityException.class).hasMessageContaining("damaged");
        broken.close();
        assertThat(Files.readString(data.resolve(Publisher.KEY_FILE))).contains("public: AAAA");
    }

    @Test
    void files_areServedByteExact_withRangeAndValidators() throws Exception {
        byte[] file = Files.readAllBytes(vod.resolve("chunk-stream2-00002.m4s"));
        HttpResponse<byte[]> whole = get(base.resolve("chunk-stream2-00002.m4s"));
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(file);
        assertThat(whole.headers().firstValue("Content-Type")).hasValue("video/iso.segment");
        assertThat(whole.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(whole.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        String etag = whole.headers().firstValue("ETag").orElseThrow();
        String modified = whole.headers().firstValue("Last-Modified").orElseThrow();

        HttpResponse<byte[]> part = get(base.resolve("chunk-stream2-00002.m4s"), "Range", "bytes=10-109");
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 10-109/" + file.length);
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(file, 10, 110));
        assertThat(get(base.resolve("chunk-stream2-00002.m4s"), "Range", "bytes=-50").body()).isEqualTo(Arrays.copyOfRange(file, file.length - 50, file.length));
        assertThat(get(base.resolve("chunk-stream2-00002.m4s"), "Range", "bytes=100-").body()).isEqualTo(Arrays.copyOfRange(file, 100, file.length));

        HttpResponse<byte[]> beyond = get(base.resolve("chunk-stream2-00002.m4s"), "Range", "bytes=" + file.length + "-");
        assertThat(beyond.statusCode()).isEqualTo(416);
        assertThat(beyond.headers().firstValue("Content-Range")).hasValue("bytes */" + file.length);
        for (String junk : new String[] {"bytes=abc", "bytes=5-2", "items=0-1", "bytes=0-1,5-6", "bytes="}) {
            HttpResponse<byte[]> r = get(base.resolve("chunk-stream2-00002.m4s"), "Range", junk);
            assertThat(r.statusCode()).as(junk).isEqualTo(200);
            assertThat(r.body()).as(junk).isEqualTo(file);
        }

        assertThat(get(base.resolve("chunk-stream2-00002.m4s"), "If-None-Match", etag).statusCode()).isEqualTo(304);
        assertThat(get(base.resolve("chunk-stream2-00002.m4s"), "If-Modified-Since", modified).statusCode()).isEqualTo(304);
        assertThat(get(base.resolve("chunk-stream2-00002.m4s"), "Range", "bytes=0-9", "If-Range", etag).statusCode()).isEqualTo(206);
        assertThat(get(base.resolve("chunk-stream2-00002.m4s"), "Range", "bytes=0-9", "If-Range", "\"stale\"").statusCode()).isEqualTo(200);

        HttpResponse<Void> head = client.send(HttpRequest.newBuilder(base.resolve("chunk-stream2-00002.m4s")).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(file.length);
    }

    @Test
    void manifests_haveTheirTypes_andCorsPreflightAllowsRange() throws Exception {
        assertThat(get(base.resolve("manifest.mpd")).headers().firstValue("Content-Type")).hasValue("application/dash+xml");
        assertThat(get(base.resolve("master.m3u8")).headers().firstValue("Content-Type")).hasValue("application/vnd.apple.mpegurl");
        HttpResponse<Void> pre = client.send(HttpRequest.newBuilder(base.resolve("manifest.mpd")).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://player.example").header("Access-Control-Request-Headers", "range").build(), HttpResponse.BodyHandlers.discarding());
        assertThat(pre.statusCode()).isEqualTo(204);
        assertThat(pre.headers().firstValue("Access-Control-Allow-Headers").orElse("")).contains("Range");
    }

    @Test
    void descriptor_describesTheContent_andListsEveryListener() throws Exception {
        ContentDescriptor d = Json.read(get(base.resolve("descriptor.json")).body(), ContentDescriptor.class);
        assertThat(d.contentId()).isEqualTo(id);
        assertThat(d.live()).isFalse();
        assertThat(d.segmentDurationMs()).isEqualTo(1000);
        assertThat(d.servers()).hasSize(2).allSatisfy(u -> assertThat(u.getPath()).isEqualTo("/content/" + id + "/"));
        assertThat(d.dashManifest()).contains("manifest.mpd");
        assertThat(d.hlsManifest()).contains("master.m3u8");
        assertThat(d.renditions()).extracting(ContentDescriptor.Rendition::height).contains(90, 180, 270);
        assertThat(d.segmentTemplate()).hasValueSatisfying(t -> assertThat(t.media()).contains("$Number%05d$"));
        // Every listener serves the same bytes.
        assertThat(get(d.servers().get(1).resolve("chunk-stream0-00001.m4s")).body())
                .isEqualTo(Files.readAllBytes(vod.resolve("chunk-stream0-00001.m4s")));
        assertThat(new String(get(origin.baseUrls().getFirst().resolve("content")).body())).contains("\"title\":\"clip\"");
    }

    @Test
    void badRequests_getClearErrors() throws Exception {
        URI root = origin.baseUrls().getFirst();
        assertThat(get(root.resolve("content/" + id + "/../../../etc/passwd")).statusCode()).isBetween(400, 404);
        assertThat(get(URI.create(root + "content/" + id + "/%2e%2e/%2e%2e/etc/passwd")).statusCode()).isBetween(400, 404);
        assertThat(get(root.resolve("content/0123456789abcdef/manifest.mpd")).statusCode()).isEqualTo(404);
        assertThat(get(root.resolve("content/NOT-AN-ID/manifest.mpd")).statusCode()).isEqualTo(400);
        assertThat(get(base.resolve("no-such.m4s")).statusCode()).isEqualTo(404);
        assertThat(get(root.resolve("elsewhere")).statusCode()).isEqualTo(404);
        assertThat(client.send(HttpRequest.newBuilder(base.resolve("manifest.mpd")).DELETE().build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(405);
        HttpResponse<String> err = client.send(HttpRequest.newBuilder(root.resolve("content/0123456789abcdef/x.m4s")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(err.body()).startsWith("{\"error\":").contains("0123456789abcdef");
        assertThat(get(base.resolve("chunk-stream0-00001.m4s")).statusCode()).isEqualTo(200);
    }
}
