package io.privastream.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.privastream.agent.Privacy;
import io.privastream.experiments.cluster.LocalCluster;
import io.privastream.experiments.cluster.Viewer;
import io.privastream.media.Ladder;
import io.privastream.media.PackagerSettings;
import io.privastream.player.PlayerConfig;
import io.privastream.relay.RelayServer;
import io.privastream.testkit.Cleartext;
import io.privastream.testkit.RecordingForwarder;
import io.privastream.tracker.TrackerServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a network observer of the swarm's links sees, with the privacy defaults: every
 * agent↔tracker, agent↔agent, agent↔relay and relay↔agent link of a live run on real ffmpeg
 * video crosses a recording hop, and the recordings hold no 64-byte run of any segment, no
 * content id, no title and no request path. (Agent↔origin traffic is plain HTTP here, as to any
 * unmodified HTTP origin; a real CDN is reached over HTTPS.)
 */
class LinkCaptureIT {
    static LocalCluster cluster;
    static final List<RecordingForwarder> hops = new ArrayList<>();
    static final Map<String, byte[]> segments = new TreeMap<>();
    static List<Viewer> viewers;
    static RelayServer relay;

    @BeforeAll
    static void run() throws Exception {
        cluster = new LocalCluster(LocalCluster.Settings.defaults().withLadder(Ladder.tiny())
                .withPackager(PackagerSettings.defaults().withSegmentDuration(Duration.ofSeconds(1)).withWindowSegments(60)));
        cluster.start(Duration.ofSeconds(60));
        cluster.awaitSegments(3, Duration.ofSeconds(60));
        TrackerServer tracker = cluster.tracker().orElseThrow();
        relay = cluster.relay().orElseThrow();
        RecordingForwarder trackerHop = hop(tracker.port());
        RecordingForwarder relayHop = hop(relay.port());
        URI trackerUrl = URI.create("https://127.0.0.1:" + trackerHop.port() + "/");
        Privacy direct = Privacy.defaults().withTrackerPin(tracker.pin());
        Privacy relayed = direct.relayedVia("127.0.0.1:" + relayHop.port());
        List<Viewer> joined = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            int peerPort = freePort();
            RecordingForwarder peerHop = hop(peerPort);
            Privacy privacy = i % 2 == 0 ? relayed : direct;
            Viewer v = cluster.addViewer("v" + i, a -> a.tracker(trackerUrl).privacy(privacy).peerPort(peerPort).advertisedPort(peerHop.port()),
                    PlayerConfig.defaults());
            joined.add(v);
            await().atMost(Duration.ofSeconds(30)).until(() -> v.agentStats().objectsFetched() >= 4);
        }
        viewers = List.copyOf(joined);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> viewers.stream().skip(1).allMatch(v -> v.agentStats().bytesFromPeers() > 50_000) && relay.stats().tunnelsOpened() > 0);
        // Long enough that the scan covers a fair amount of video whatever the machine's pace (8 s of segments per stream).
        cluster.awaitSegments(8, Duration.ofSeconds(60));
        viewers.forEach(Viewer::stop);
        collectSegments();
    }

    @AfterAll
    static void stop() {
        hops.forEach(RecordingForwarder::close);
        cluster.close();
    }

    private static RecordingForwarder hop(int targetPort) {
        RecordingForwarder f = new RecordingForwarder("127.0.0.1", targetPort);
        hops.add(f);
        return f;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /**
     * Every init and media segment the origin published in the run, fetched from it (the live
     * window is kept longer than the run, so none has left it).
     */
    private static void collectSegments() throws Exception {
        URI base = cluster.origin().baseUrls().getFirst().resolve("content/" + cluster.content() + "/");
        try (HttpClient http = HttpClient.newHttpClient()) {
            for (int stream = 0; stream < 8; stream++) {
                if (!fetch(http, base.resolve("init-stream" + stream + ".m4s"))) {
                    continue;
                }
                for (int n = 1; fetch(http, base.resolve(String.format("chunk-stream%d-%05d.m4s", stream, n))); n++) {
                    // fetch() keeps each segment
                }
            }
        }
    }

    private static boolean fetch(HttpClient http, URI url) throws Exception {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            return false;
        }
        segments.put(url.getPath(), r.body());
        return true;
    }

    private static List<byte[]> captures() {
        return hops.stream().flatMap(h -> h.recorded().stream()).toList();
    }

    @Test
    void theRecordedLinks_carriedThePeersTraffic() {
        long fromPeers = viewers.stream().mapToLong(v -> v.agentStats().bytesFromPeers()).sum();
        long recorded = hops.stream().mapToLong(RecordingForwarder::bytes).sum();
        assertThat(fromPeers).isGreaterThan(200_000);
        assertThat(recorded).isGreaterThan(fromPeers);
        assertThat(relay.stats().tunnelsOpened()).isPositive();
        assertThat(segments).hasSizeGreaterThan(20);
    }

    @Test
    void noSegmentBytes_crossALinkInClear() {
        Cleartext scanner = new Cleartext(List.copyOf(segments.values()));
        assertThat(scanner.find(captures())).isEmpty();
    }

    @Test
    void noContentId_titleOrPath_crossesALinkInClear() {
        List<byte[]> captures = captures();
        for (String secret : List.of(cluster.content().value(), LocalCluster.TITLE, "/peer/v1/", ".m4s", "manifest.mpd")) {
            assertThat(Cleartext.contains(captures, secret.getBytes(StandardCharsets.US_ASCII))).as(secret).isFalse();
        }
    }
}
