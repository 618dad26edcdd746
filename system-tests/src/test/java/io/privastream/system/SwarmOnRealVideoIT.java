package io.privastream.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.privastream.core.playback.QoeReport;
import io.privastream.experiments.cluster.LocalCluster;
import io.privastream.experiments.cluster.Viewer;
import io.privastream.media.Ladder;
import io.privastream.media.PackagerSettings;
import io.privastream.player.PlayerConfig;
import io.privastream.player.PlayerReport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Origin (ffmpeg live encoder) + tracker + five agents with headless players on loopback: the
 * swarm feeds the later viewers, a killed peer costs nobody a stall, and every byte any agent
 * serves equals the origin's.
 */
class SwarmOnRealVideoIT {
    private static final Pattern SEGMENT = Pattern.compile("chunk-stream\\d-\\d{5}\\.m4s");
    static LocalCluster cluster;
    static List<PlayerReport> reports;
    static Viewer first;
    static List<Viewer> later;
    final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    static void run() throws Exception {
        cluster = new LocalCluster(LocalCluster.Settings.defaults().withLadder(Ladder.tiny())
                .withPackager(PackagerSettings.defaults().withSegmentDuration(Duration.ofSeconds(1)).withWindowSegments(10)));
        cluster.start(Duration.ofSeconds(60));
        cluster.awaitSegments(4, Duration.ofSeconds(60));
        PlayerConfig player = PlayerConfig.defaults();
        first = cluster.addViewer("v1", a -> { }, player);
        // The first viewer warms the swarm: a few seconds of video (audio + video objects).
        await().atMost(Duration.ofSeconds(30)).until(() -> first.agentStats().objectsFetched() >= 8);
        java.util.ArrayList<Viewer> joined = new java.util.ArrayList<>();
        for (int i = 2; i <= 5; i++) {
            Viewer v = cluster.addViewer("v" + i, a -> { }, player);
            joined.add(v);
            await().atMost(Duration.ofSeconds(30)).until(() -> v.progress().map(p -> p.playingBitrateBitsPerSecond() > 0).orElse(false));
        }
        later = List.copyOf(joined);
        await().atMost(Duration.ofSeconds(30)).until(() -> later.stream().allMatch(v -> v.agentStats().objectsFetched() >= 10));
        // Kill the first viewer's agent while the others are fetching from it; they play on.
        first.agent().close();
        long[] atKill = later.stream().mapToLong(v -> v.agentStats().objectsFetched()).toArray();
        await().atMost(Duration.ofSeconds(40)).until(() -> {
            for (int i = 0; i < atKill.length; i++) {
                if (later.get(i).agentStats().objectsFetched() < atKill[i] + 10) {
                    return false;
                }
            }
            return true;
        });
        later.forEach(Viewer::stop);
        first.stop();
        reports = later.stream().map(v -> v.report(Duration.ofSeconds(20))).toList();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void laterViewers_getMostOfTheirMediaFromPeers() {
        long peers = 0;
        long all = 0;
        for (PlayerReport r : reports) {
            QoeReport q = r.qoe();
            assertThat(q.started()).isTrue();
            assertThat(q.peerBytes()).as("media bytes from peers for %s", r.manifest()).isPositive();
            peers += q.peerBytes();
            all += q.peerBytes() + q.serverBytes();
        }
        // Each new segment is fetched from the origin by one agent (the first to ask claims it)
        // and relayed to the others: with four later viewers at least 3/4 come from peers
        // whoever claims; allow for segments several agents fetched before the claim existed.
        assertThat((double) peers / all).as("share of the later viewers' media bytes from peers").isGreaterThan(0.5);
    }

    @Test
    void killedPeer_stallsNobody() {
        for (PlayerReport r : reports) {
            assertThat(r.end()).isEqualTo(PlayerReport.End.STOPPED);
            assertThat(r.qoe().rebufferCount()).as("stalls of %s", r.manifest()).isZero();
            assertThat(r.failedRequests()).as("failed requests of %s", r.manifest()).isZero();
        }
    }

    @Test
    void everyByteAnAgentServes_isTheOrigins() throws Exception {
        URI origin = cluster.origin().baseUrls().getFirst().resolve("content/" + cluster.content() + "/");
        String playlist = text(origin.resolve("media_2.m3u8")) + text(origin.resolve("media_0.m3u8")) + text(origin.resolve("media_3.m3u8"));
        Matcher m = SEGMENT.matcher(playlist);
        int compared = 0;
        while (m.find()) {
            String path = m.group();
            byte[] expected = bytes(origin.resolve(path));
            if (expected == null) {
                continue; // left the window meanwhile
            }
            for (Viewer v : later) {
                assertThat(bytes(v.agent().playerBase().resolve(cluster.content() + "/" + path))).as(path).isEqualTo(expected);
            }
            compared++;
        }
        for (String init : List.of("init-stream0.m4s", "init-stream2.m4s", "init-stream3.m4s")) {
            assertThat(bytes(later.getFirst().agent().playerBase().resolve(cluster.content() + "/" + init))).isEqualTo(bytes(origin.resolve(init)));
        }
        assertThat(compared).isGreaterThanOrEqualTo(10);
    }

    private String text(URI u) throws Exception {
        return client.send(HttpRequest.newBuilder(u).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private byte[] bytes(URI u) throws Exception {
        HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(u).build(), HttpResponse.BodyHandlers.ofByteArray());
        return r.statusCode() == 200 ? r.body() : null;
    }
}
