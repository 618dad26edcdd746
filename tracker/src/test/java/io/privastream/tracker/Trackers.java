package io.privastream.tracker;

import io.privastream.core.media.ContentId;
import io.privastream.core.media.PeerId;
import io.privastream.core.swarm.SwarmPolicy;
import io.privastream.link.LinkProtocol;
import io.privastream.link.NodeIdentity;
import io.privastream.link.Pins;
import io.privastream.protocol.tracker.Holding;
import io.privastream.protocol.tracker.JoinRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** Helpers for the tracker's socket tests: a server on loopback port 0 and raw HTTP calls. */
final class Trackers {
    static final ContentId LIVE = ContentId.of("livechannel1");
    static final ContentId VOD = ContentId.of("vodtitle0001");

    private Trackers() {
    }

    static TrackerServer start(SwarmPolicy policy) {
        // The API tests read endpoints back as given: plain HTTP, clear addresses (TrackerPrivacyIT covers the defaults).
        return start(TrackerConfig.builder().host("127.0.0.1").port(0).policy(policy).tls(false).addresses(AddressMode.CLEAR).build());
    }

    static TrackerServer start(TrackerConfig config) {
        try {
            return new TrackerServer(config).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A client of {@code tracker} over its encrypted link, proving the key of {@code as}. */
    static TrackerClient client(TrackerServer tracker, NodeIdentity as) {
        Pins pins = new Pins();
        pins.put("127.0.0.1", tracker.port(), tracker.pin());
        return TrackerClient.of(tracker.baseUrl(), Duration.ofSeconds(5),
                Optional.of(LinkProtocol.configured().context(as, pins)));
    }

    static PeerId peer(int n) {
        return PeerId.of(String.format("peer-%04d", n));
    }

    static JoinRequest join(int n, boolean live) {
        return new JoinRequest(peer(n), "http://127.0.0.1:" + (9000 + n), live);
    }

    static Holding holding(String segment) {
        return new Holding(segment, 1000);
    }

    /** A plain HTTP client for requests the {@link TrackerClient} would never send. */
    static final class Raw implements AutoCloseable {
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        private final URI base;

        Raw(URI base) {
            this.base = base;
        }

        HttpResponse<String> get(String path) {
            return send(request(path).GET().build());
        }

        HttpResponse<String> post(String path, String contentType, String body) {
            return send(request(path).header("Content-Type", contentType)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        }

        HttpResponse<String> postJson(String path, String body) {
            return post(path, "application/json", body);
        }

        HttpResponse<String> method(String method, String path) {
            return send(request(path).method(method, HttpRequest.BodyPublishers.noBody()).build());
        }

        HttpRequest.Builder request(String path) {
            return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10));
        }

        HttpResponse<String> send(HttpRequest request) {
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            http.close();
        }
    }
}
