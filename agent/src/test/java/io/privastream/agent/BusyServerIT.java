package io.privastream.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.privastream.core.download.DownloadRequest;
import io.privastream.core.download.DownloadStrategy;
import io.privastream.core.download.DownloadTuning;
import io.privastream.core.download.PeerHealth;
import io.privastream.core.download.SegmentDownload;
import io.privastream.core.download.Source;
import io.privastream.core.download.ThroughputTracker;
import io.privastream.core.media.ContentId;
import io.privastream.core.media.SegmentKey;
import io.privastream.core.rate.TokenBucket;
import io.privastream.core.time.Ticker;
import io.privastream.http.HttpServers;
import io.privastream.http.Responses;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;

/**
 * Over real HTTP: a server that answers 503 (an origin at its transfer limit) is waited out as
 * busy, not counted as failed, and the download's second lookup ({@code FindPeers}) finds a peer
 * that holds the object; the bytes arrive exact, all from that peer.
 */
class BusyServerIT {
    private static final SegmentKey KEY = new SegmentKey(ContentId.of("feedc0de00000002"), "chunk-stream0-00007.m4s");

    @Test
    void busyOrigin_secondLookupFindsAHolder_bytesExactFromThePeer() throws Exception {
        byte[] object = new byte[300_000];
        new Random(5).nextBytes(object);
        AtomicInteger busyAnswers = new AtomicInteger();
        Server busy = HttpServers.create("busy-origin");
        ServerConnector connector = HttpServers.listen(busy, "busy", "127.0.0.1", 0);
        HttpServers.start(busy, new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                busyAnswers.incrementAndGet();
                response.getHeaders().put("Retry-After", "1");
                Responses.error(response, callback, 503, "busy: at the transfer limit");
                return true;
            }
        });
        try (StaticServer holder = new StaticServer(); HttpClient http = HttpClient.newHttpClient()) {
            holder.files.put("/held", object);
            Source server = Source.server("http://127.0.0.1:" + HttpServers.port(connector) + "/content/");
            Source peer = Source.peer("peer-holder1", holder.url("/").toString());
            AtomicInteger lookups = new AtomicInteger();
            Ticker ticker = Ticker.system();
            long deadline = ticker.nanos() + Duration.ofSeconds(3).toNanos();
            // No holder at first (the object is brand new); the second look finds one.
            SegmentDownload download = DownloadStrategy.multiSource(4, DownloadTuning.defaults())
                    .begin(new DownloadRequest(KEY, OptionalLong.of(object.length), deadline, List.of(), List.of(server)), ThroughputTracker.defaults());
            DownloadExecution.Locator locator = (source, key) -> source.isPeer() ? holder.url("/held") : URI.create(source.id() + key.path());
            DownloadExecution.Result result = new DownloadExecution(download, KEY, source -> http, locator, TokenBucket.unlimited(ticker),
                    ThroughputTracker.defaults(), PeerHealth.defaults(), ticker, Duration.ofSeconds(4), Duration.ZERO, Duration.ofSeconds(20),
                    new GrowingObject(), Optional.empty(), new LongAdder(), () -> {
                        lookups.incrementAndGet();
                        return List.of(peer);
                    }).run();

            assertThat(result.data()).isEqualTo(object);
            assertThat(result.peerBytes()).isEqualTo(object.length);
            assertThat(result.serverBytes()).isZero();
            assertThat(busyAnswers.get()).isPositive();
            assertThat(lookups.get()).isEqualTo(1);
        } finally {
            HttpServers.stopQuietly(busy);
        }
    }
}
