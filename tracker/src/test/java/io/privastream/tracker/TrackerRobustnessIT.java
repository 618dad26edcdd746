package io.privastream.tracker;

import static io.privastream.tracker.Trackers.VOD;
import static io.privastream.tracker.Trackers.holding;
import static io.privastream.tracker.Trackers.join;
import static io.privastream.tracker.Trackers.peer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.privastream.core.media.ContentId;
import io.privastream.core.swarm.InMemorySwarmStore;
import io.privastream.core.swarm.SwarmPolicy;
import io.privastream.core.time.Ticker;
import io.privastream.protocol.ErrorResponse;
import io.privastream.protocol.Json;
import io.privastream.protocol.tracker.AnnounceRequest;
import io.privastream.protocol.tracker.Holder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Failures at the connection boundary: our own bugs, clients that hang up, garbage on the wire. */
class TrackerRobustnessIT {
    /** A store with a bug: counting objects fails. */
    private static final class BrokenStore extends DelegatingStore {
        BrokenStore() {
            super(new InMemorySwarmStore());
        }

        @Override
        public int objectCount(ContentId content) {
            throw new IllegalStateException("simulated bug");
        }
    }

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private TrackerServer server;
    private TrackerClient client;

    @BeforeEach
    void start() throws Exception {
        log.start();
        root().addAppender(log);
        TrackerConfig config = TrackerConfig.builder().host("127.0.0.1").port(0).tls(false).addresses(AddressMode.CLEAR).policy(SwarmPolicy.defaults()).build();
        server = new TrackerServer(config, new BrokenStore(), Ticker.system()).start();
        client = TrackerClient.of(server.baseUrl());
        client.join(VOD, join(1, false));
        client.announce(VOD, new AnnounceRequest(peer(1), List.of(holding("a.m4s")), List.of()));
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
        root().detachAppender(log);
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    private List<ILoggingEvent> events(Level level) {
        synchronized (log) { // AppenderBase appends under the appender's own lock
            return log.list.stream().filter(e -> e.getLevel().equals(level)).toList();
        }
    }

    @Test
    void unexpectedException_is500_andTheServerKeepsServing() throws Exception {
        try (Trackers.Raw raw = new Trackers.Raw(server.baseUrl())) {
            var answer = raw.get("/v1/swarms/" + VOD + "/stats");
            assertThat(answer.statusCode()).isEqualTo(500);
            assertThat(Json.read(answer.body(), ErrorResponse.class).error()).isEqualTo("internal error in the tracker")
                    .doesNotContain("simulated"); // internals stay in the log
        }
        assertThat(client.holders(VOD, "a.m4s", 8)).extracting(Holder::peer).containsExactly(peer(1));
        assertThat(events(Level.WARN)).singleElement().satisfies(e -> {
            assertThat(e.getFormattedMessage()).contains("GET /v1/swarms/" + VOD + "/stats");
            assertThat(e.getThrowableProxy().getMessage()).isEqualTo("simulated bug");
        });
    }

    @Test
    void clientHangingUpMidBody_leavesTheServerServing() throws Exception {
        URI base = server.baseUrl();
        for (int i = 0; i < 5; i++) {
            try (Socket socket = new Socket(base.getHost(), base.getPort())) {
                OutputStream out = socket.getOutputStream();
                out.write(("POST /v1/swarms/" + VOD + "/heartbeat HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 500\r\n\r\n{\"peer\": \"pe").getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } // closed with 480 bytes of the body missing
        }

        client.heartbeat(VOD, peer(1));
        assertThat(client.holders(VOD, "a.m4s", 8)).hasSize(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> events(Level.DEBUG).stream()
                .filter(e -> e.getFormattedMessage().contains("went away")).count() == 5);
        assertThat(events(Level.WARN)).isEmpty(); // a hang-up is routine, neither ours nor Jetty's WARN
        assertThat(events(Level.ERROR)).isEmpty();
    }

    @Test
    void garbageOnTheWire_getsAnErrorResponse_andTheServerKeepsServing() throws Exception {
        URI base = server.baseUrl();
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write("GET /v1/%zz HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String answer = readAll(socket.getInputStream());
            assertThat(answer).startsWith("HTTP/1.1 400").contains("application/json").contains("{\"error\":");
        }
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write("\u0001\u0002 not http at all\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            assertThat(readAll(socket.getInputStream())).startsWith("HTTP/1.1 400");
        }

        assertThat(client.holders(VOD, "a.m4s", 8)).hasSize(1);
    }

    private static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
}
