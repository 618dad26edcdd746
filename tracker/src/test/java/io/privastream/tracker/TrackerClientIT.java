package io.privastream.tracker;

import static io.privastream.tracker.Trackers.VOD;
import static io.privastream.tracker.Trackers.holding;
import static io.privastream.tracker.Trackers.join;
import static io.privastream.tracker.Trackers.peer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.privastream.core.swarm.SwarmPolicy;
import io.privastream.protocol.tracker.AnnounceRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the client reports each kind of failure. */
class TrackerClientIT {
    private static final Duration SHORT = Duration.ofMillis(300);

    @Test
    void refusedRequests_carryStatusAndTheTrackersReason() throws Exception {
        SwarmPolicy tiny = SwarmPolicy.builder().maxPeersPerSwarm(1).maxHoldingsPerPeer(1).build();
        try (TrackerServer server = Trackers.start(tiny);
             TrackerClient client = TrackerClient.of(URI.create("http://127.0.0.1:" + server.port()))) { // no trailing '/'
            client.join(VOD, join(1, false));

            assertThatThrownBy(() -> client.join(VOD, join(2, false)))
                    .isInstanceOfSatisfying(TrackerException.class, e -> {
                        assertThat(e).isNotInstanceOf(UnknownPeerException.class);
                        assertThat(e.status()).hasValue(429);
                        assertThat(e.serverError()).get().asString().contains("full");
                    });
            assertThatThrownBy(() -> client.announce(VOD, new AnnounceRequest(peer(1),
                    List.of(holding("a.m4s"), holding("b.m4s")), List.of())))
                    .isInstanceOfSatisfying(TrackerException.class, e -> {
                        assertThat(e).isNotInstanceOf(UnknownPeerException.class);
                        assertThat(e.status()).hasValue(413);
                        assertThat(e.getMessage()).contains("announce fewer");
                    });
        }
    }

    @Test
    void nobodyListening_failsWithoutStatus() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        try (TrackerClient client = TrackerClient.of(URI.create("http://127.0.0.1:" + port + "/"), SHORT)) {
            assertThatThrownBy(() -> client.heartbeat(VOD, peer(1)))
                    .isInstanceOfSatisfying(TrackerException.class, e -> assertThat(e.status()).isEmpty());
        }
    }

    @Test
    void silentTracker_failsWithinTheTimeout() throws Exception {
        try (FakeTracker silent = new FakeTracker(socket -> {
            readRequest(socket);
            socket.getInputStream().readAllBytes(); // say nothing until the client gives up
        });
             TrackerClient client = TrackerClient.of(silent.url(), SHORT)) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> client.holders(VOD, "a.m4s", 8))
                    .isInstanceOf(TrackerException.class).hasMessageContaining("within " + SHORT);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(SHORT.plusSeconds(3));
        }
    }

    @Test
    void oversizedAnswer_isRefused() throws Exception {
        try (FakeTracker flood = new FakeTracker(socket -> answer(socket, "200 OK", "x".repeat(2 << 20)));
             TrackerClient client = TrackerClient.of(flood.url())) {
            assertThatThrownBy(() -> client.holders(VOD, "a.m4s", 8)).isInstanceOf(TrackerException.class)
                    .hasMessageContaining("larger than");
        }
    }

    @Test
    void malformedAnswer_isATrackerException() throws Exception {
        try (FakeTracker broken = new FakeTracker(socket -> answer(socket, "200 OK", "{\"holders\": 5"));
             TrackerClient client = TrackerClient.of(broken.url())) {
            assertThatThrownBy(() -> client.holders(VOD, "a.m4s", 8)).isInstanceOf(TrackerException.class)
                    .hasMessageContaining("malformed HoldersResponse");
        }
    }

    @Test
    void nonJsonErrorBody_isQuotedOnOneLine() throws Exception {
        try (FakeTracker proxy = new FakeTracker(socket -> answer(socket, "502 Bad Gateway", "<html>\nbad gateway\n</html>"));
             TrackerClient client = TrackerClient.of(proxy.url())) {
            assertThatThrownBy(() -> client.stats(VOD)).isInstanceOfSatisfying(TrackerException.class, e -> {
                assertThat(e.status()).hasValue(502);
                assertThat(e.serverError()).hasValue("<html> bad gateway </html>");
            });
        }
    }

    @Test
    void impossibleArguments_failBeforeAnyRequest() {
        assertThatThrownBy(() -> TrackerClient.of(URI.create("ftp://x/"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TrackerClient.of(URI.create("/relative"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TrackerClient.of(URI.create("http://x/"), Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        try (TrackerClient client = TrackerClient.of(URI.create("http://127.0.0.1:1/"))) {
            assertThatThrownBy(() -> client.holders(VOD, "../x", 8)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> client.holders(VOD, "a.m4s", 0)).isInstanceOf(IllegalArgumentException.class);
            assertThat(client.timeout()).isEqualTo(TrackerClient.DEFAULT_TIMEOUT);
        }
    }

    /** Reads the request head (the client's GETs have no body), so that closing does not reset the connection. */
    private static void readRequest(Socket socket) throws IOException {
        int matched = 0;
        byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        while (matched < end.length) {
            int b = socket.getInputStream().read();
            if (b < 0) {
                throw new IOException("request ended early");
            }
            matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
        }
    }

    private static void answer(Socket socket, String status, String body) throws IOException {
        readRequest(socket);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        OutputStream out = socket.getOutputStream();
        out.write(("HTTP/1.1 " + status + "\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.flush();
    }

    /** A one-connection-at-a-time server on loopback that reacts as told; stops when closed. */
    private static final class FakeTracker implements AutoCloseable {
        interface Reaction {
            void on(Socket socket) throws IOException;
        }

        private final ServerSocket server;
        private final Thread thread;

        FakeTracker(Reaction reaction) throws IOException {
            server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
            thread = Thread.ofVirtual().start(() -> {
                while (!server.isClosed()) {
                    try (Socket socket = server.accept()) {
                        socket.setSoTimeout(5_000);
                        reaction.on(socket);
                    } catch (IOException e) {
                        // the client gave up or the test is over; either way, next connection
                    }
                }
            });
        }

        URI url() {
            return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/");
        }

        @Override
        public void close() throws Exception {
            server.close();
            thread.join(Duration.ofSeconds(10));
        }
    }
}
